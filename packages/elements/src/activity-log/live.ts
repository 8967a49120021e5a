import { ApiError, type ChangeMessage, type CrmClient } from '@crmkit/core';

export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface FollowOptions {
  signal: AbortSignal;
  /** Told when the stream opens, drops (and will be retried) or stops for good. */
  onState?: (state: LiveState) => void;
  /** The first wait before reconnecting, doubled after each failure up to `maxDelay`. */
  minDelay?: number;
  maxDelay?: number;
}

/**
 * Follows the kit's `/events` stream through `client.subscribe` (fetch-based, so bearer tokens
 * work) and keeps following it: when the stream ends or fails it reconnects after a growing,
 * jittered pause (1 s, 2 s, 4 s, … up to 30 s), reset once a stream opens again. Stops for good
 * when `signal` aborts, or when the kit says the caller may not listen (401, 403).
 */
export function followChanges(client: CrmClient, onChange: (change: ChangeMessage) => void, options: FollowOptions) {
  const { signal, onState, minDelay = 1000, maxDelay = 30_000 } = options;
  let failures = 0;
  const run = async () => {
    onState?.('connecting');
    while (!signal.aborted) {
      try {
        await client.subscribe(onChange, {
          signal,
          onOpen: () => {
            failures = 0;
            onState?.('open');
          },
        });
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404)) {
          onState?.('stopped');
          return;
        }
      }
      if (signal.aborted) break;
      onState?.('reconnecting');
      const delay = Math.min(maxDelay, minDelay * 2 ** failures) * (0.75 + Math.random() * 0.25);
      failures += 1;
      await sleep(delay, signal);
    }
    onState?.('stopped');
  };
  void run();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
