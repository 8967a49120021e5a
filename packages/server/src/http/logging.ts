import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { CrmEnv } from './env.js';

/**
 * Where the kit writes its logs: pino's calling convention (`logger.info(fields, message)`), so a
 * host passes its pino (or a child of it) as is, or anything shaped alike.
 */
export interface Logger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** An error as JSON can carry it (JSON.stringify drops an Error's own fields). */
function serializable(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const { code } = value as { code?: unknown };
  return { type: value.name, message: value.message, ...(code === undefined ? {} : { code }), stack: value.stack };
}

/** The default: errors only, one JSON object a line on stderr (console.error, in any runtime). */
export const errorsToStderr: Logger = {
  info: () => {},
  warn: () => {},
  error: (fields, message) => {
    const line: Record<string, unknown> = { level: 'error', time: new Date().toISOString(), msg: message };
    for (const [key, value] of Object.entries(fields)) line[key] = serializable(value);
    console.error(JSON.stringify(line));
  },
};

/** Keeps the logger on the request, and with `access`, logs each request once it is answered. */
export function logging(logger: Logger, access: boolean): MiddlewareHandler<CrmEnv> {
  return async (c, next) => {
    c.set('crmLogger', logger);
    if (!access) return next();
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('crmRequestId'),
        method: c.req.method,
        path: c.req.path,
        route: routePath(c),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}
