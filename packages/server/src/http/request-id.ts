import type { MiddlewareHandler } from 'hono';
import type { CrmEnv } from './env.js';

const WELL_FORMED = /^[\w\-=]{1,255}$/;

/**
 * Every request's id, echoed in `X-Request-Id` and put in each problem and log line: the caller's
 * (a proxy's or the host's) `X-Request-Id` when well-formed (word characters, `-` and `=`, at most
 * 255), else the one a host's own request-id middleware set, else a new UUID. Kept under the kit's
 * own key: `hono/request-id` would declare `requestId` on every Hono app's context type, the host's
 * included.
 */
export function requestIds(): MiddlewareHandler<CrmEnv> {
  return async (c, next) => {
    const header = c.req.header('x-request-id');
    const hosts = (c.get as (key: string) => unknown)('requestId');
    const id = header && WELL_FORMED.test(header) ? header : typeof hosts === 'string' ? hosts : crypto.randomUUID();
    c.set('crmRequestId', id);
    c.header('x-request-id', id);
    await next();
  };
}
