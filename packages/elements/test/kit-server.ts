// TEST-ONLY. Runs the real crmkit kit inside @web/test-runner's own dev server, so component
// tests talk to the same routes, database schema and sample data as the product, never to a
// hand-written mock. Loaded by web-test-runner.config.mjs (through tsx) in Node.
import {
  createCrm,
  migrate,
  mintEmbedToken,
  seedSample,
  takeForecastSnapshots,
  type Caller,
  type CrmDatabase,
} from '@crmkit/server';
import { openPglite } from '@crmkit/server/pglite';
import { getRequestListener } from '@hono/node-server';
import type { Middleware, Plugin } from '@web/dev-server-core';
import { Hono, type Context } from 'hono';

/** Where the kit is mounted on the test server; tests use this as their `base-url`. */
export const KIT_PATH = '/api/crm';

/** Signs the test server's embed tokens; it lives as long as the test run. */
const EMBED_SECRET = crypto.randomUUID();

/**
 * Tests sign in with `Authorization: Bearer test:<email>`, naming a seeded user (see
 * sample-data.ts, e.g. `admin@acme.test`, `admin@formosa.test`). The test server swaps that
 * for a real embed token of that user before the kit sees the request, so the kit authenticates
 * it the way it authenticates a real embed. A name that matches no user is passed on unchanged
 * and the kit answers 401, as it would for any bad token. Never use this outside tests: it
 * trusts whatever email the caller names.
 *
 * `Bearer host:<email>` signs in the way a host's own sign-in does (`identify`, the caller's `via` is
 * `host`): for what the kit refuses to embed tokens, such as managing webhooks.
 */
function testSignIn(database: CrmDatabase) {
  const tokens = new Map<string, Promise<string | null>>();
  const mint = (email: string, audience: string) =>
    // As the database owner (provisioning): users are looked up across organizations.
    database.withSession(async (session) => {
      const [user] = await session.query<{ org_id: string; id: string }>(
        'select org_id, id from crm.users where email = $1 and active and deleted_at is null',
        [email],
      );
      if (!user) return null;
      // A day is the longest an embed token may live: longer than any test run.
      return mintEmbedToken(
        EMBED_SECRET,
        { orgId: user.org_id, userId: user.id, scopes: ['*:write'], audience },
        86_400,
      );
    });
  const members = new Map<string, Promise<{ org_id: string; id: string; role: string } | undefined>>();
  const member = (email: string) =>
    database.withSession(async (session) => {
      const [user] = await session.query<{ org_id: string; id: string; role: string }>(
        'select org_id, id, role from crm.users where email = $1 and active and deleted_at is null',
        [email],
      );
      return user;
    });
  return async (request: Request): Promise<Request> => {
    const host = /^Bearer host:(.+)$/.exec(request.headers.get('authorization') ?? '');
    if (host) {
      const email = host[1]!.toLowerCase();
      let found = members.get(email);
      if (!found) members.set(email, (found = member(email)));
      const user = await found;
      const headers = new Headers(request.headers);
      headers.delete('authorization');
      if (user) headers.set(HOST_CALLER, JSON.stringify({ orgId: user.org_id, userId: user.id, role: user.role }));
      return rebuilt(request, headers);
    }
    const match = /^Bearer test:(.+)$/.exec(request.headers.get('authorization') ?? '');
    if (!match) return request;
    const email = match[1]!.toLowerCase();
    let token = tokens.get(email);
    if (!token) tokens.set(email, (token = mint(email, new URL(request.url).origin)));
    const minted = await token;
    if (!minted) return request;
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${minted}`);
    return rebuilt(request, headers);
  };
}

/** The header the test server passes a host sign-in's caller in (see `testSignIn`). */
const HOST_CALLER = 'x-crmkit-test-caller';

/** The caller of a host sign-in, as the test server passed it; none for every other request. */
function hostCaller(c: Context): Caller | null {
  const header = c.req.header(HOST_CALLER);
  return header ? (JSON.parse(header) as Caller) : null;
}

/** `request` with other headers. */
function rebuilt(request: Request, headers: Headers): Request {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(request.url, {
    method: request.method,
    headers,
    body: hasBody ? request.body : null,
    signal: request.signal,
    // Node needs to be told that a streamed body is sent as it arrives.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * TEST-ONLY: `POST /__test/forecast-snapshots?email=…&daysAgo=N` takes the forecast snapshot of the
 * named user's organization as the kit's weekly job would have N days ago (of today's figures), so
 * an element test can show how the forecast moved since then.
 */
export const SNAPSHOT_PATH = '/__test/forecast-snapshots';

async function pastSnapshot(database: CrmDatabase, email: string, daysAgo: number) {
  const [user] = await database.withSession((session) =>
    session.query<{ org_id: string }>('select org_id from crm.users where email = $1', [email]),
  );
  if (!user || !Number.isInteger(daysAgo)) return { taken: 0 };
  return takeForecastSnapshots(database.db, { orgId: user.org_id, now: new Date(Date.now() - daysAgo * 86_400_000) });
}

/**
 * A dev-server plugin that opens an in-memory PGlite at server start, migrates it, seeds the
 * sample organizations and serves the kit under {@link KIT_PATH}. Returns the plugin and the
 * middleware that routes requests to the kit (both go into the test runner config).
 */
export function crmKit(): { plugin: Plugin; middleware: Middleware } {
  let ready: Promise<{ database: CrmDatabase; listener: ReturnType<typeof getRequestListener> }> | undefined;

  const start = async () => {
    const database = await openPglite();
    await migrate(database);
    await seedSample(database.db);
    const app = new Hono().route(KIT_PATH, createCrm({ database, embedSecret: EMBED_SECRET, identify: hostCaller }));
    const signIn = testSignIn(database);
    // Leave the test runner's own globals (Request, Response) alone.
    const listener = getRequestListener(async (request) => app.fetch(await signIn(request)), {
      overrideGlobalObjects: false,
    });
    return { database, listener };
  };

  const plugin: Plugin = {
    name: 'crmkit-kit',
    async serverStart() {
      ready ??= start();
      await ready;
    },
    async serverStop() {
      const kit = await ready;
      await kit?.database.close();
    },
  };

  const middleware: Middleware = async (ctx, next) => {
    if (ctx.path === SNAPSHOT_PATH && ctx.method === 'POST') {
      const { database } = await (ready ??= start());
      ctx.body = await pastSnapshot(database, String(ctx.query.email), Number(ctx.query.daysAgo));
      return;
    }
    if (ctx.path !== KIT_PATH && !ctx.path.startsWith(`${KIT_PATH}/`)) return next();
    ready ??= start();
    const { listener } = await ready;
    // Hand the raw Node request and response to the kit; Koa must not answer as well.
    ctx.respond = false;
    await listener(ctx.req, ctx.res);
  };

  return { plugin, middleware };
}
