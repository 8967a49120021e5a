import type { FieldError, FieldErrorCode, Problem } from '@crmkit/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { toProblem } from './db-errors.js';
import type { CrmEnv } from './env.js';
import { errorsToStderr } from './logging.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Content too large',
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

/** The value at a zod path of the input, or undefined when it is not there. */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The contract's code and limits of one zod issue about the given input. */
function describeIssue(issue: z.ZodError['issues'][number], input: unknown): Pick<FieldError, 'code' | 'min' | 'max'> {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return { code: 'required' };
      // A fraction where a whole number is due is a malformed number rather than another type.
      return { code: issue.expected === 'int' ? 'invalid_format' : 'invalid_type' };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' && min === 1) return { code: 'required' };
      return { code: issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small', min };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return { code: issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big', max };
    }
    case 'invalid_format':
      return { code: 'invalid_format' };
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    case 'custom': {
      // Checks of our own (see @crmkit/core) carry their code and limit in `params`.
      const { code, max } = (issue.params ?? {}) as { code?: FieldErrorCode; max?: number };
      return { code: code ?? 'invalid_value', ...(max === undefined ? {} : { max }) };
    }
    default:
      return { code: 'invalid_value' };
  }
}

/** Turns zod issues about an input into the contract's `{ path, code, message, …limits }` list. */
export function fieldErrors(error: z.ZodError, input: unknown): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String);
    // A strict object names all its unknown keys in one issue: one error per key, at its own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        code: 'unknown_field' as const,
        message: 'Not a known parameter or field',
      }));
    }
    return [{ path: path.join('.') || '(body)', ...describeIssue(issue, input), message: issue.message }];
  });
}

export function problemResponse(c: Context, problem: Problem): Response {
  return c.newResponse(
    JSON.stringify({ ...problem, instance: problem.instance ?? c.req.path, requestId: c.get('crmRequestId') }),
    problem.status as ContentfulStatusCode,
    {
      'content-type': 'application/problem+json',
      // A 503 is the database or the server being away for a moment: say when to try again.
      ...(problem.status === 503 ? { 'retry-after': '1' } : {}),
    },
  );
}

/** The kit's error handler: problems as they are, anything else as a 500 without internals. */
export function handleError(thrown: Error, c: Context<CrmEnv>): Response {
  const error = toProblem(thrown) as Error;
  const logger = c.get('crmLogger') ?? errorsToStderr;
  if (error instanceof ProblemError) {
    // The database out of reach: worth a warning with the driver's error, not a stack per request.
    if (error.status === 503 && error !== thrown)
      logger.warn({ err: thrown, requestId: c.get('crmRequestId') }, 'unavailable');
    return problemResponse(c, error.problem);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    return problemResponse(c, { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: error.message });
  }
  logger.error({ err: error, requestId: c.get('crmRequestId') }, 'unexpected error');
  return problemResponse(c, { type: 'about:blank', title: TITLES[500]!, status: 500 });
}
