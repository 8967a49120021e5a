import { sql } from 'drizzle-orm';
import { bigserial, boolean, foreignKey, index, integer, jsonb, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { crm, tenantPolicy, timestamptz } from './columns.js';
import { organizations } from './organizations.js';

/**
 * Where an organization's changes are sent (Standard Webhooks). The secret is kept as issued
 * (`whsec_…`): signing needs it, so it cannot be a hash. After a rotation the previous secret
 * signs too, until `previous_secret_expires_at`. Only the tenant policy applies: the routes admit
 * owners and admins only, and every member's write must find the endpoints to queue deliveries.
 * Deleted for good (with its deliveries), not trashed: there is nothing to restore a receiver to.
 */
export const webhookEndpoints = crm.table(
  'webhook_endpoints',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** `customer.created`, `customer.*`, `*`; empty means every event. */
    eventTypes: text('event_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamptz('previous_secret_expires_at'),
    /** Since when every attempt has failed (null after a success): sustained failure disables it. */
    failingSince: timestamptz('failing_since'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: timestamptz('disabled_at'),
    disabledReason: text('disabled_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    tenantPolicy('webhook_endpoints'),
  ],
);

/**
 * The outbox and the delivery log in one: a row per (event, endpoint), inserted in the writing
 * transaction (so a rolled-back write sends nothing and a committed one is never lost), then
 * claimed and sent by a worker. `seq` orders the deliveries of one record: a write holds the
 * record's row lock until it commits, so a later change of it always gets a higher number.
 */
export const webhookDeliveries = crm.table(
  'webhook_deliveries',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    /** The change's id, as `/events` names it (the audit entry's id): the `webhook-id` header. */
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** Deliveries with the same key go out one at a time, in `seq` order (`entity:id`; null: no order). */
    orderKey: text('order_key'),
    payload: jsonb('payload').notNull(),
    /** `pending` (queued or between attempts), `delivered`, or `failed` (given up). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    /** A worker sending it holds it until then; past it, another worker may take it over. */
    leaseUntil: timestamptz('lease_until'),
    leaseToken: uuid('lease_token'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
    /** The delivery this one replays, for a manual replay. */
    replayOf: uuid('replay_of'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.endpointId],
      foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id],
    }).onDelete('cascade'),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('webhook_deliveries_order_idx')
      .on(t.orgId, t.endpointId, t.orderKey, t.seq)
      .where(sql`status = 'pending'`),
    index('webhook_deliveries_log_idx').on(t.orgId, t.endpointId, t.id),
    tenantPolicy('webhook_deliveries'),
  ],
);

/** Each attempt to send a delivery: what the receiver answered (or why nothing came back). */
export const webhookAttempts = crm.table(
  'webhook_attempts',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    /** The HTTP status, or null when no answer came (refused, timed out, unreachable). */
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    /** The first 1 KB of the answer's body. */
    response: text('response').notNull().default(''),
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.deliveryId],
      foreignColumns: [webhookDeliveries.orgId, webhookDeliveries.id],
    }).onDelete('cascade'),
    index('webhook_attempts_delivery_idx').on(t.orgId, t.deliveryId, t.at),
    tenantPolicy('webhook_attempts'),
  ],
);
