import type { Context, MiddlewareHandler } from 'hono';
import type { Caller, CrmEnv } from './env.js';
import { ProblemError } from './problem.js';

/** Resolves the caller from the host's own session; `null` means not signed in. */
export type Identify = (c: Context) => Caller | null | Promise<Caller | null>;

/** Requires a caller on every route registered after it. */
export function authenticate(identify: Identify | undefined): MiddlewareHandler<CrmEnv> {
  return async (c, next) => {
    const caller = identify ? await identify(c) : null;
    if (!caller) throw new ProblemError(401, 'Sign in to use this.');
    c.set('crmCaller', caller);
    await next();
  };
}
