import { requestId } from 'hono/request-id';

/**
 * Every request's id, echoed in `X-Request-Id` and put in each problem and log line: the caller's
 * (a proxy's or the host's) `X-Request-Id` when well-formed (word characters, `-` and `=`, at most
 * 255), else one the host's own requestId middleware set already, else a new UUID.
 */
export const requestIds = () => requestId({ generator: (c) => c.get('requestId') || crypto.randomUUID() });
