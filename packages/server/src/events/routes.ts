import { NoQuery } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { memberRecord } from '../auth/membership.js';
import type { CrmEnv } from '../http/env.js';
import { changeFeed, type ChangeEvent } from './bus.js';
import { visibleEvents } from './visibility.js';

const HEARTBEAT_MS = 25_000;
/**
 * Changes arriving within this long of each other are checked together: one visibility query
 * per stream for a burst (an import, a bulk move) rather than one per change.
 */
export const COALESCE_MS = 20;

const route = createRoute({
  method: 'get',
  path: '/events',
  tags: ['Events'],
  summary: 'A stream of changes the caller may see (Server-Sent Events)',
  request: { query: NoQuery },
  description:
    "Each change is an SSE message `event: change` with JSON data `{ eventId, entity, id, action, version }` and the SSE `id` set to `eventId` (the same id a webhook of the change carries in `webhook-id`), sent after the write commits; refetch the record to see it. A `ping` comes every 25 seconds. The stream ends when the caller's own member record changes (a new role, deactivation): reconnect to go on with what they may see now.",
  responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } } },
});

export const eventRoutes = new OpenAPIHono<CrmEnv>().openapi(route, async (c) => {
  const caller = c.var.crmCaller;
  const db = c.var.crmDb;
  const feed = changeFeed(c.var.crmDatabase);
  return streamSSE(c, async (stream) => {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    stream.onAbort(end);

    /** Whether the caller is still the member (and role) this stream was opened for. */
    const stillMember = async () => {
      if (!caller.userId) return true;
      const member = await memberRecord(db, caller.orgId, caller.userId);
      return member?.active === true && member.role === caller.role;
    };

    let pending: ChangeEvent[] = [];
    let chain = Promise.resolve();
    const flush = () => {
      const batch = pending;
      pending = [];
      // In order, one batch at a time, so a slow check does not reorder the stream.
      chain = chain
        .then(async () => {
          if (stream.aborted) return;
          const ownRecord = batch.some(
            (e) => e.orgId === caller.orgId && e.entity === 'user' && e.id === caller.userId,
          );
          if (ownRecord && !(await stillMember())) return end();
          for (const { eventId, entity, id, action, version } of await visibleEvents(db, caller, batch)) {
            await stream.writeSSE({
              event: 'change',
              id: eventId,
              data: JSON.stringify({ eventId, entity, id, action, version }),
            });
          }
        })
        .catch(() => {});
    };
    const unsubscribe = await feed.subscribe((event) => {
      if (event.orgId !== caller.orgId) return;
      if (pending.push(event) === 1) setTimeout(flush, COALESCE_MS);
    });
    await stream.writeSSE({ event: 'ready', data: '{}' });
    const heartbeat = setInterval(
      () => void stream.writeSSE({ event: 'ping', data: '' }).catch(() => {}),
      HEARTBEAT_MS,
    );
    await ended;
    clearInterval(heartbeat);
    unsubscribe();
  }) as never;
});
