import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEndpointPatch } from '@crmkit/core';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { isIpLiteral, isLocalName, isPrivateAddress } from './addresses.js';
import { generateSecret } from './signature.js';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentEndpoint(row: EndpointRow, now = new Date()): WebhookEndpoint {
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    active: row.active,
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    failingSince: iso(row.failingSince),
    previousSecretExpiresAt: iso(overlap),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Refuses, as a field error, a URL a public-only kit would never reach: plain http, a local
 * name or a private IP literal. Names are checked again, resolved, at every attempt.
 */
export function checkUrl(text: string, allowPrivateNetworks: boolean): void {
  if (allowPrivateNetworks) return;
  const url = new URL(text);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const problem = (message: string) => validationProblem([{ path: 'url', code: 'invalid_value', message }]);
  if (url.protocol !== 'https:') throw problem('Use an https URL: webhooks carry your data.');
  if (isLocalName(host) || (isIpLiteral(host) && isPrivateAddress(host)))
    throw problem('This URL names a local or private address, which this server does not send webhooks to.');
}

export async function requireEndpoint(tx: Tx, orgId: string, id: string, forUpdate = false): Promise<EndpointRow> {
  const query = tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new ProblemError(404, 'No webhook endpoint with this id.');
  return row;
}

export async function createEndpoint(
  tx: Tx,
  orgId: string,
  input: { url: string; description?: string; eventTypes?: string[]; active?: boolean },
) {
  const secret = generateSecret();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({
      orgId,
      id: uuidv7(),
      url: input.url,
      description: input.description ?? '',
      eventTypes: [...new Set(input.eventTypes ?? [])],
      active: input.active ?? true,
      secret,
    })
    .returning();
  return { ...presentEndpoint(row!), secret };
}

/** Changes the named fields; turning an endpoint on again clears its disablement and failure streak. */
export async function changeEndpoint(
  tx: Tx,
  orgId: string,
  id: string,
  patch: WebhookEndpointPatch,
  expectedVersion?: number,
): Promise<WebhookEndpoint> {
  const stored = await requireEndpoint(tx, orgId, id, true);
  if (expectedVersion !== undefined && stored.version !== expectedVersion)
    throw new ProblemError(412, `The endpoint is at version ${stored.version}, not ${expectedVersion}: reload it.`);
  const reenabled = patch.active === true && !stored.active;
  const [row] = await tx
    .update(webhookEndpoints)
    .set({
      ...patch,
      ...(patch.eventTypes ? { eventTypes: [...new Set(patch.eventTypes)] } : {}),
      ...(reenabled ? { disabledAt: null, disabledReason: null, failingSince: null, consecutiveFailures: 0 } : {}),
      version: sql`${webhookEndpoints.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)))
    .returning();
  return presentEndpoint(row!);
}

/** A new secret; the current one keeps signing beside it for {@link ROTATION_OVERLAP_MS}. */
export async function rotateSecret(tx: Tx, orgId: string, id: string) {
  const stored = await requireEndpoint(tx, orgId, id, true);
  const secret = generateSecret();
  const [row] = await tx
    .update(webhookEndpoints)
    .set({
      secret,
      previousSecret: stored.secret,
      previousSecretExpiresAt: sql`now() + make_interval(secs => ${ROTATION_OVERLAP_MS / 1000})`,
      version: sql`${webhookEndpoints.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)))
    .returning();
  return { ...presentEndpoint(row!), secret };
}

/** Queues a `webhook.ping` to one endpoint: a way to check the receiver and its signature checks. */
export async function queuePing(tx: Tx, orgId: string, id: string): Promise<WebhookDelivery> {
  const endpoint = await requireEndpoint(tx, orgId, id);
  if (!endpoint.active) throw new ProblemError(409, 'This endpoint is not active: turn it on to ping it.');
  const eventId = uuidv7();
  const payload = { type: 'webhook.ping', timestamp: new Date().toISOString(), data: { endpointId: id } };
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({ orgId, id: uuidv7(), endpointId: id, eventId, eventType: 'webhook.ping', orderKey: null, payload })
    .returning();
  return presentDelivery(row!, []);
}

/**
 * Sends a delivery again as a new delivery (same event, id and body), after whatever of its
 * record is still waiting: the log of the first one stays as it was.
 */
export async function replayDelivery(tx: Tx, orgId: string, id: string): Promise<WebhookDelivery> {
  const [original] = await tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, id)));
  if (!original) throw new ProblemError(404, 'No webhook delivery with this id.');
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({
      orgId,
      id: uuidv7(),
      endpointId: original.endpointId,
      eventId: original.eventId,
      eventType: original.eventType,
      orderKey: original.orderKey,
      payload: original.payload,
      replayOf: original.id,
    })
    .returning();
  return presentDelivery(row!, []);
}

function presentDelivery(row: DeliveryRow, attempts: WebhookAttempt[]): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status as WebhookDelivery['status'],
    attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    replayOf: row.replayOf,
    payload: row.payload as Record<string, unknown>,
  };
}

/** An endpoint's deliveries, newest first, each with its attempts (newest first). */
export async function listDeliveries(
  tx: Tx,
  orgId: string,
  endpointId: string,
  query: { limit: number; cursor?: string; status?: string },
) {
  await requireEndpoint(tx, orgId, endpointId);
  const where = [eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, endpointId)];
  if (query.status) where.push(eq(webhookDeliveries.status, query.status));
  if (query.cursor) where.push(lt(webhookDeliveries.id, decodeCursor(query.cursor)[1]));
  const rows = await tx
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const attempts = page.length
    ? await tx
        .select()
        .from(webhookAttempts)
        .where(
          and(
            eq(webhookAttempts.orgId, orgId),
            inArray(
              webhookAttempts.deliveryId,
              page.map((r) => r.id),
            ),
          ),
        )
        .orderBy(desc(webhookAttempts.at), desc(webhookAttempts.id))
    : [];
  const byDelivery = new Map<string, typeof attempts>();
  for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
  return {
    items: page.map((row) =>
      presentDelivery(
        row,
        (byDelivery.get(row.id) ?? []).map((a) => ({
          at: a.at.toISOString(),
          statusCode: a.statusCode,
          durationMs: a.durationMs,
          response: a.response,
          error: a.error,
        })),
      ),
    ),
    nextCursor: rows.length > query.limit ? encodeCursor([null, page.at(-1)!.id]) : null,
  };
}
