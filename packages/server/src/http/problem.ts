import type { FieldError, Problem } from '@crmkit/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { toProblem } from './db-errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

/** An error that becomes an RFC 9457 problem response. Throw it anywhere in a handler. */
export class ProblemError extends HTTPException {
  readonly problem: Problem;
  constructor(status: ContentfulStatusCode, detail?: string, extra: Partial<Problem> = {}) {
    const problem: Problem = {
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      ...(detail ? { detail } : {}),
      ...extra,
    };
    super(status, { message: problem.detail ?? problem.title });
    this.problem = problem;
  }
}

/** A 400 naming each bad field. */
export function validationProblem(errors: FieldError[]): ProblemError {
  return new ProblemError(400, 'Some fields are not valid.', { errors });
}

/** Turns zod issues into the contract's `{ path, message }` list. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // A strict object names all its unknown keys in one issue: one error per key, at its own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'Not a known parameter or field' }));
    }
    return [{ path: path.join('.') || '(body)', message: issue.message }];
  });
}

export function problemResponse(c: Context, problem: Problem): Response {
  return c.newResponse(
    JSON.stringify({ ...problem, instance: problem.instance ?? c.req.path }),
    problem.status as ContentfulStatusCode,
    {
      'content-type': 'application/problem+json',
    },
  );
}

/** The kit's error handler: problems as they are, anything else as a 500 without internals. */
export function handleError(thrown: Error, c: Context): Response {
  const error = toProblem(thrown) as Error;
  if (error instanceof ProblemError) return problemResponse(c, error.problem);
  if (error instanceof HTTPException) {
    const status = error.status;
    return problemResponse(c, { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: error.message });
  }
  console.error('[crmkit]', error);
  return problemResponse(c, { type: 'about:blank', title: TITLES[500]!, status: 500 });
}
