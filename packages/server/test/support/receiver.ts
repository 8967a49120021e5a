// A webhook receiver for tests: node:http on 127.0.0.1, recording every request, answering as a
// test tells it per path (default 204). Signatures are checked by the test with an independent
// implementation (the `standardwebhooks` package), never with the kit's own code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface Receiver {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: Received[];
  /** The requests to one path, in the order they came. */
  at(path: string): Received[];
  /** How to answer requests to `path` from now on. */
  on(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const handlers = new Map<string, Handler>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers as Record<string, string>, body, at: Date.now() });
      const handler = handlers.get(path);
      if (handler) handler(req, res, body);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    at: (path) => received.filter((r) => r.path === path),
    on: (path, handler) => handlers.set(path, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
