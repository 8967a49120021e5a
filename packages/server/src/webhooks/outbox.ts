import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { webhookDeliveries, webhookEndpoints } from '../db/schema/index.js';
import type { ChangeEvent } from '../events/bus.js';

const PAST = { create: 'created', update: 'updated', delete: 'deleted', restore: 'restored' } as const;

/** `customer.created`, … : the Standard Webhooks `type` of a change. */
export const eventTypeOf = (event: Pick<ChangeEvent, 'entity' | 'action'>) => `${event.entity}.${PAST[event.action]}`;

/** Whether an endpoint's filter (empty: everything) lets an event type through. */
export function wants(filter: string[], type: string): boolean {
  if (filter.length === 0 || filter.includes('*') || filter.includes(type)) return true;
  return filter.includes(`${type.slice(0, type.indexOf('.'))}.*`);
}

/** The body every endpoint gets for one change (Standard Webhooks: `type`, `timestamp`, `data`). */
export function changePayload(event: ChangeEvent, record: unknown) {
  const { entity, id, action, version } = event;
  return {
    type: eventTypeOf(event),
    timestamp: new Date().toISOString(),
    data: { entity, id, action, version, record },
  };
}

/**
 * Queues a change for every active endpoint of its organization that wants it, in the writing
 * transaction: the deliveries commit with the change or not at all. One query when the
 * organization has no endpoint, two when it has.
 */
export async function queueDeliveries(tx: Tx, event: ChangeEvent, record: unknown): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, event.orgId), eq(webhookEndpoints.active, true)));
  const type = eventTypeOf(event);
  const targets = endpoints.filter((e) => wants(e.eventTypes, type));
  if (targets.length === 0) return;
  const payload = changePayload(event, record);
  await tx.insert(webhookDeliveries).values(
    targets.map((endpoint) => ({
      orgId: event.orgId,
      id: uuidv7(),
      endpointId: endpoint.id,
      eventId: event.eventId,
      eventType: type,
      orderKey: `${event.entity}:${event.id}`,
      payload,
    })),
  );
}
