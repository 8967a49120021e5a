import { ApiError, type ChangeMessage, type CrmClient } from '@crmkit/core';
import { readEventStream } from './sse.js';

/** Where a change stream stands. */
export type ChangeStreamState = 'connecting' | 'open' | 'reconnecting' | 'stopped';

/** What a listener wants to hear of: every change to an entity (`opportunity`), or to one record of it. */
export interface ChangeTopic {
  entity: string;
  id?: string;
}

export interface ChangeListener {
  topics: readonly ChangeTopic[];
  onChange(change: ChangeMessage): void;
  /**
   * A stream opened. `reconnected` is true when this listener had heard an earlier one: changes may
   * have been missed meanwhile, so it should read what it shows again.
   */
  onOpen?(reconnected: boolean): void;
}

export interface ChangeStreamOptions {
  /** The first wait before reconnecting (unless the server sends `retry:`), doubled after each failure up to `maxDelay`. */
  minDelay?: number;
  maxDelay?: number;
}

interface Subscription {
  listener: ChangeListener;
  /** Whether this listener has heard a stream open. */
  heardOpen: boolean;
  /** Listens only while others keep the connection open (see `subscribe`). */
  passive: boolean;
}

/** Statuses that say the caller may not listen: retrying will not help until something changes. */
const REFUSED = new Set([401, 403, 404]);

/**
 * One connection to the kit's `/events` for any number of listeners, each of which hears only the
 * entities (and records) it subscribed to. The connection opens with the first listener and closes
 * with the last. It is read with the client's fetch, so it sends the token or cookies the client
 * sends (an `EventSource` could not send a bearer token). When it ends or fails it reconnects after
 * a growing, jittered pause (1 s, 2 s, 4 s, … up to 30 s; reset once a stream opens), sending
 * `Last-Event-ID` when the server gave ids; it stops for good when the kit refuses the caller (401,
 * 403, 404), until a new listener comes.
 */
export class ChangeStream {
  readonly client: CrmClient;
  #state: ChangeStreamState = 'stopped';
  readonly #subscriptions = new Set<Subscription>();
  readonly #minDelay: number;
  readonly #maxDelay: number;
  /** The server's `retry:` (milliseconds), which replaces `minDelay`. */
  #retry?: number;
  /** The last `id:` the server sent: sent back on reconnecting, so a server can resume from it. */
  #lastEventId = '';
  #abort?: AbortController;

  constructor(client: CrmClient, { minDelay = 1000, maxDelay = 30_000 }: ChangeStreamOptions = {}) {
    this.client = client;
    this.#minDelay = minDelay;
    this.#maxDelay = maxDelay;
  }

  get state(): ChangeStreamState {
    return this.#state;
  }

  get lastEventId(): string {
    return this.#lastEventId;
  }

  /**
   * Starts listening (opening the connection if it is the first listener); returns how to stop. A
   * `passive` listener hears what the others' connection brings but neither opens nor keeps it
   * open: for what is worth hearing only when a connection is there anyway.
   */
  subscribe(listener: ChangeListener, { passive = false } = {}): () => void {
    const subscription: Subscription = { listener, heardOpen: this.#state === 'open', passive };
    this.#subscriptions.add(subscription);
    if (!this.#abort && !passive) this.#start();
    return () => {
      if (!this.#subscriptions.delete(subscription)) return;
      if ([...this.#subscriptions].some((s) => !s.passive)) return;
      this.#abort?.abort();
      this.#abort = undefined;
      this.#state = 'stopped';
    };
  }

  #start(): void {
    const abort = new AbortController();
    this.#abort = abort;
    void this.#run(abort.signal).finally(() => {
      if (this.#abort === abort) this.#abort = undefined;
      if (!abort.signal.aborted) this.#state = 'stopped';
    });
  }

  async #run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    this.#state = 'connecting';
    while (!signal.aborted) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (this.#lastEventId) headers['last-event-id'] = this.#lastEventId;
        const response = await this.client.open('/events', { signal, headers });
        if (!response.body) throw new TypeError('The event stream has no body');
        await readEventStream(response.body, {
          onMessage: (message) => {
            if (signal.aborted) return;
            if (message.id !== undefined) this.#lastEventId = message.id;
            if (message.event === 'ready') {
              failures = 0;
              this.#opened();
            } else if (message.event === 'change') {
              this.#dispatch(message.data);
            }
          },
          onRetry: (milliseconds) => (this.#retry = milliseconds),
        });
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && REFUSED.has(error.status)) return;
      }
      if (signal.aborted) return;
      this.#state = 'reconnecting';
      const base = Math.min(this.#maxDelay, (this.#retry ?? this.#minDelay) * 2 ** failures);
      failures += 1;
      await sleep(base * (0.75 + Math.random() * 0.25), signal);
    }
  }

  #opened(): void {
    this.#state = 'open';
    for (const subscription of [...this.#subscriptions]) {
      const reconnected = subscription.heardOpen;
      subscription.heardOpen = true;
      guard(() => subscription.listener.onOpen?.(reconnected));
    }
  }

  #dispatch(data: string): void {
    let change: ChangeMessage;
    try {
      change = JSON.parse(data) as ChangeMessage;
    } catch {
      return;
    }
    if (!change || typeof change.entity !== 'string' || typeof change.id !== 'string') return;
    for (const { listener } of [...this.#subscriptions]) {
      if (listener.topics.some((topic) => topic.entity === change.entity && (!topic.id || topic.id === change.id))) {
        guard(() => listener.onChange(change));
      }
    }
  }
}

const streams = new WeakMap<CrmClient, ChangeStream>();

/**
 * The change stream of a client: one per client, so every element that reads through the same
 * client (those inside one `<crm-provider>`) shares one connection.
 */
export function changeStreamOf(client: CrmClient): ChangeStream {
  let stream = streams.get(client);
  if (!stream) streams.set(client, (stream = new ChangeStream(client)));
  return stream;
}

/** One listener's mistake must not cost the others their changes, nor end the stream. */
function guard(call: () => void): void {
  try {
    call();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
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

// What an element with a client of its own loads (own-change-streams.ts): its default export, so that
// this file imports nothing from the element's own.
export default changeStreamOf;
