import type { Problem } from '@crmkit/core';
import type { Context } from 'hono';
import { toProblem } from '../http/db-errors.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';

/** Text pieces as a response body, each produced when the client reads on (so work keeps pace with it). */
export function streamOf(pieces: AsyncGenerator<string>, type: string, headers: Record<string, string> = {}) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await pieces.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  return new Response(body, { headers: { 'content-type': type, ...headers } });
}

/**
 * The problem that stopped a response already under way, to end it with: a problem as it is,
 * anything else logged and told as an internal error without its internals.
 */
export function stoppedBy(c: Context<CrmEnv>, error: unknown): Problem {
  const problem = toProblem(error);
  if (problem instanceof ProblemError) return problem.problem;
  c.var.crmLogger?.error({ err: error, requestId: c.var.crmRequestId }, 'stream stopped');
  return { type: 'about:blank', title: 'Internal error', status: 500 };
}
