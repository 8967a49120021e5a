import { ApiError, type ChangeMessage, type CrmClient } from '@crmkit/core';

/**
 * Follows the kit's `/events` through `client.subscribe` until `signal` aborts: when the stream
 * ends or drops it connects again after a growing pause (1 s, 2 s, 4 s, … up to 30 s, reset
 * once a stream opens), and it stops for good when the kit says the caller may not listen.
 * `onOpen` runs each time a stream opens, so the caller can catch up on what it missed.
 */
export function follow(
  client: CrmClient,
  onChange: (change: ChangeMessage) => void,
  { signal, onOpen }: { signal: AbortSignal; onOpen?: (reconnected: boolean) => void },
): void {
  let failures = 0;
  let opened = false;
  const run = async () => {
    while (!signal.aborted) {
      try {
        await client.subscribe(onChange, {
          signal,
          onOpen: () => {
            failures = 0;
            onOpen?.(opened);
            opened = true;
          },
        });
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && [401, 403, 404].includes(error.status)) return;
      }
      if (signal.aborted) return;
      const delay = Math.min(30_000, 1000 * 2 ** failures) * (0.75 + Math.random() * 0.25);
      failures += 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, delay);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
      });
    }
  };
  void run();
}
