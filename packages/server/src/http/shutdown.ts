import type { MiddlewareHandler } from 'hono';
import type { CrmEnv } from './env.js';
import { ProblemError } from './problem.js';

export interface ShutdownOptions {
  /** Longest to wait for requests in flight, in ms (default 10000). */
  timeoutMs?: number;
}

/**
 * A kit's way out: once `shutdown()` is called, new requests answer 503 (so a load balancer's
 * `/ready` check fails over), open streams (`/events`) end so their clients reconnect elsewhere,
 * and it resolves when the requests in flight are answered, or after `timeoutMs`.
 */
export class Lifecycle {
  #closing = false;
  #inFlight = 0;
  readonly #drained = new Set<() => void>();
  readonly #streams = new Set<() => void>();

  middleware(): MiddlewareHandler<CrmEnv> {
    return async (c, next) => {
      if (this.#closing) throw new ProblemError(503, 'This server is shutting down; try again.');
      this.#inFlight++;
      try {
        await next();
      } finally {
        if (--this.#inFlight === 0) this.#drained.forEach((resolve) => resolve());
      }
      // The header first: reading `body` of @hono/node-server's light response builds a full one.
      if (!c.res.headers.get('content-type')?.startsWith('text/event-stream')) return;
      const body = c.res.body;
      if (body) c.res = new Response(this.#endable(body), c.res);
    };
  }

  async shutdown({ timeoutMs = 10_000 }: ShutdownOptions = {}): Promise<void> {
    this.#closing = true;
    this.#streams.forEach((end) => end());
    if (this.#inFlight === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      this.#drained.add(resolve);
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
  }

  /** The stream, passed through until it ends or the kit shuts down (which cancels the source). */
  #endable(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = source.getReader();
    let ended = false;
    let end = () => {};
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        end = () => {
          if (ended) return;
          ended = true;
          this.#streams.delete(end);
          void reader.cancel().catch(() => undefined);
          controller.close();
        };
        this.#streams.add(end);
      },
      pull: async (controller) => {
        const { done, value } = await reader.read();
        if (ended) return;
        if (done) end();
        else controller.enqueue(value);
      },
      cancel: async (reason) => {
        ended = true;
        this.#streams.delete(end);
        await reader.cancel(reason);
      },
    });
  }
}
