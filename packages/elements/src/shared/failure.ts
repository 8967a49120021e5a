// Why a request failed, as an element tells its user. One reading of the kit's errors for every
// element, so a 403 or a dropped network reads the same everywhere.
import { ApiError } from '@crmkit/core';
import { useEnglish, type MessageKey } from './localize.js';
import * as en from './messages/en.js';

useEnglish(en.error, en.pipeline);

/** Why a request failed, as the user is told it. */
export type Failure = 'notFound' | 'unauthorized' | 'forbidden' | 'network' | 'generic';

/** A headline and, where it helps, what to do, for each failure. */
export type FailureMessages = Record<Failure, readonly [MessageKey, MessageKey?]>;

/** What a failed request means for the user. A 400 on a load can only be a malformed id. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) {
    if (error.status === 404 || error.status === 400) return 'notFound';
    if (error.status === 401) return 'unauthorized';
    if (error.status === 403) return 'forbidden';
    return 'generic';
  }
  // fetch rejects with a TypeError when the network fails.
  return error instanceof TypeError ? 'network' : 'generic';
}

/** The messages for a failed load of one record; elements with their own words pass their own. */
export const FAILURE_MESSAGES: FailureMessages = {
  notFound: ['error.notFound', 'error.notFoundDetail'],
  unauthorized: ['error.unauthorized'],
  forbidden: ['error.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['error.generic', 'error.genericDetail'],
};

/** A report's messages: its strings section's own `error`, `unauthorized` and `forbidden`, the rest shared. */
export function reportFailures<S extends 'market' | 'customerReport' | 'performance' | 'winRates'>(
  section: S,
): FailureMessages {
  return {
    notFound: [`${section}.error`, 'error.notFoundDetail'],
    unauthorized: [`${section}.unauthorized`],
    forbidden: [`${section}.forbidden`],
    network: ['error.network', 'error.networkDetail'],
    generic: [`${section}.error`, 'error.genericDetail'],
  };
}

/** The headline and, where it helps, what to do, for a failed load of a pipeline's data. */
export const PIPELINE_FAILURES: FailureMessages = {
  notFound: ['pipeline.notFound', 'error.notFoundDetail'],
  unauthorized: ['pipeline.unauthorized'],
  forbidden: ['pipeline.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['pipeline.error', 'error.genericDetail'],
};
