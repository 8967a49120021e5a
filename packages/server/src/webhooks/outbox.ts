import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { webhookDeliveries, webhookEndpoints } from '../db/schema/index.js';
import type { Change, ChangeEvent } from '../events/bus.js';

const DELIVERIES_PER_INSERT = 1_000;

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
 * Queues changes for every active endpoint of their organization that wants them, in the writing
 * transaction: the deliveries commit with the changes or not at all. One query when the
 * organization has no endpoint, two when it has, however many changes.
 */
export async function queueDeliveries(tx: Tx, changes: Change[]): Promise<void> {
  const orgId = changes[0]?.event.orgId;
  if (orgId === undefined) return;
  if (changes.some((change) => change.event.orgId !== orgId)) {
    throw new Error('queueDeliveries takes the changes of one organization');
  }
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.active, true)));
  if (endpoints.length === 0) return;
  const deliveries = changes.flatMap(({ event, record }) => {
    const type = eventTypeOf(event);
    const targets = endpoints.filter((e) => wants(e.eventTypes, type));
    if (targets.length === 0) return [];
    const payload = changePayload(event, record);
    return targets.map((endpoint) => ({
      orgId,
      id: uuidv7(),
      endpointId: endpoint.id,
      eventId: event.eventId,
      eventType: type,
      orderKey: `${event.entity}:${event.id}`,
      payload,
    }));
  });
  // In slices: a statement carries at most 65,535 parameters (seven a delivery).
  for (let at = 0; at < deliveries.length; at += DELIVERIES_PER_INSERT) {
    await tx.insert(webhookDeliveries).values(deliveries.slice(at, at + DELIVERIES_PER_INSERT));
  }
}
