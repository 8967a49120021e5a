// Reading `/events` in tests: one reader of the server-sent event stream for every test that
// watches changes arrive.
import type { ChangeMessage } from '@crmkit/core';
import { expect } from 'vitest';
import type { Member, TestKit } from '../kit.js';

/**
 * Reads an event-stream response in the background and collects its `change` events. `ready`
 * settles on the stream's `ready` event, `ended` when the server ends the stream.
 */
export function changesOf(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const changes: ChangeMessage[] = [];
  let buffer = '';
  let hasEnded = false;
  let ready!: () => void;
  let ended!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const isEnded = new Promise<void>((r) => (ended = r));
  const waiters = new Set<{ match: (change: ChangeMessage) => boolean; found: () => void }>();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) {
        hasEnded = true;
        return ended();
      }
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event === 'ready') ready();
        if (event === 'change' && data) {
          const change = JSON.parse(data) as ChangeMessage;
          changes.push(change);
          for (const waiter of waiters) if (waiter.match(change)) waiter.found();
        }
      }
    }
  })();
  return {
    changes,
    ready: isReady,
    ended: isEnded,
    hasEnded: () => hasEnded,
    /**
     * Settles once a change that `match`es has arrived (at once if one has). The stream keeps
     * the order of commits, so every change committed before that one has been sent by then:
     * what a test waits on instead of sleeping.
     */
    received: (match: (change: ChangeMessage) => boolean) =>
      changes.some(match)
        ? Promise.resolve()
        : new Promise<void>((found) => {
            const waiter = { match, found: () => (waiters.delete(waiter), found()) };
            waiters.add(waiter);
          }),
    close: () => reader.cancel(),
  };
}

/** Opens `/events` as a member of a test kit and waits until the stream is ready. */
export async function subscribe(kit: TestKit, who: Member) {
  const res = await kit.request(who, 'GET', '/events');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const stream = changesOf(res);
  await stream.ready;
  return stream;
}
