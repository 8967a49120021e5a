import { NoQuery } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { allows } from '../auth/scopes.js';
import { readInOrg } from '../db/database.js';
import type { Caller, CrmEnv } from '../http/env.js';
import { findRow } from '../resources/crud.js';
import { resources } from '../resources/index.js';
import { changeFeed, type ChangeEvent } from './bus.js';

const HEARTBEAT_MS = 25_000;
const byEntity = new Map(resources.map((r) => [r.entity, r]));

/** Whether the caller may see the changed record: their organization, their scopes, their role's visibility. */
async function maySee(c: { var: CrmEnv['Variables'] }, caller: Caller, event: ChangeEvent): Promise<boolean> {
  if (event.orgId !== caller.orgId) return false;
  const resource = byEntity.get(event.entity);
  if (!resource) return false;
  if (caller.scopes && !allows(caller.scopes, resource.path, 'read')) return false;
  if (caller.role !== 'rep' && caller.role !== 'manager') return true;
  // Reps and managers see a subset: ask the database, under their own row-level security.
  return readInOrg(c.var.crmDb, caller, async (tx) => Boolean(await findRow(tx, resource, caller.orgId, event.id)));
}

const route = createRoute({
  method: 'get',
  path: '/events',
  tags: ['Events'],
  summary: 'A stream of changes the caller may see (Server-Sent Events)',
  request: { query: NoQuery },
  description:
    'Each change is an SSE message `event: change` with JSON data `{ entity, id, action, version }`, sent after the write commits; refetch the record to see it. A `ping` comes every 25 seconds.',
  responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } } },
});

export const eventRoutes = new OpenAPIHono<CrmEnv>().openapi(route, async (c) => {
  const caller = c.var.crmCaller;
  const feed = changeFeed(c.var.crmDatabase);
  return streamSSE(c, async (stream) => {
    let chain = Promise.resolve();
    const unsubscribe = await feed.subscribe((event) => {
      // In order, one at a time, so a slow check does not reorder the stream.
      chain = chain
        .then(async () => {
          if (stream.aborted || !(await maySee(c, caller, event))) return;
          const { entity, id, action, version } = event;
          await stream.writeSSE({ event: 'change', data: JSON.stringify({ entity, id, action, version }) });
        })
        .catch(() => {});
    });
    await stream.writeSSE({ event: 'ready', data: '{}' });
    const heartbeat = setInterval(
      () => void stream.writeSSE({ event: 'ping', data: '' }).catch(() => {}),
      HEARTBEAT_MS,
    );
    await new Promise<void>((resolve) => stream.onAbort(resolve));
    clearInterval(heartbeat);
    unsubscribe();
  }) as never;
});
