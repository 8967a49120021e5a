import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { ShutdownOptions } from './shutdown.js';

export interface ServeOptions {
  /** The app to serve: the kit itself or a host app that mounts it. */
  fetch: (request: Request) => Response | Promise<Response>;
  port?: number;
  hostname?: string;
  /** The kits inside, shut down with the server (ending their `/events` streams). */
  kits?: { shutdown(options?: ShutdownOptions): Promise<void> }[];
  onListen?: (info: { address: string; port: number }) => void;
}

export interface RunningServer {
  server: Server;
  /**
   * Graceful stop: no new connections, the kits' open streams end and requests in flight are
   * answered (up to `timeoutMs`, default 10 s), then any connection left is cut.
   */
  close(options?: ShutdownOptions): Promise<void>;
}

/** Serves an app on Node's HTTP server, with a graceful `close()` (see `crmkit serve`). */
export function serveNode(options: ServeOptions): RunningServer {
  const { fetch, port, hostname, kits = [], onListen } = options;
  const server = serve({ fetch, port, hostname }, onListen) as Server;
  return {
    server,
    async close({ timeoutMs = 10_000 } = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold `close` open; busy ones finish their request first.
      server.closeIdleConnections();
      await Promise.all(kits.map((kit) => kit.shutdown({ timeoutMs })));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), 1000);
      await closed;
      clearTimeout(cut);
    },
  };
}
