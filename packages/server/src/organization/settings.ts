import { jsonEqual, type Organization, type OrganizationPatch } from '@crmkit/core';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db, Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { auditLog, organizations } from '../db/schema/index.js';
import { publishChange } from '../events/bus.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { addDefaultPipeline } from './default-pipeline.js';

type OrganizationRow = typeof organizations.$inferSelect;

/** The API form of an organization: its settings, and whether it has an embed secret (never the secret). */
export function presentOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    baseCurrency: row.baseCurrency,
    exchangeRates: row.exchangeRates,
    locale: row.locale,
    timeZone: row.timeZone,
    fiscalYearStartMonth: row.fiscalYearStartMonth,
    weekStartsOn: row.weekStartsOn,
    allowedOrigins: row.allowedOrigins,
    embedSecretSet: row.embedSecret !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Refuses a time zone PostgreSQL does not know, as a field error: an unknown zone would fail
 * every later write to the organization's deals (the funnel summaries count days in it).
 */
export async function checkTimeZone(tx: Tx | Db, timeZone: string): Promise<void> {
  const [known] = await rows<{ ok: boolean }>(
    tx,
    sql`select exists (select 1 from pg_timezone_names where name = ${timeZone}) as ok`,
  );
  if (!known?.ok) {
    throw validationProblem([
      { path: 'timeZone', code: 'invalid_value', message: `Unknown time zone: ${JSON.stringify(timeZone)}` },
    ]);
  }
}

/**
 * Writes the audit entry of a change to an organization and announces it (other processes of the
 * kit hear it through the change feed). The embed secret is kept out: only that it changed.
 */
export async function recordOrganizationChange(
  tx: Tx,
  actorId: string | null,
  action: 'create' | 'update',
  before: Organization | null,
  after: Organization,
  secretChanged = false,
): Promise<void> {
  const keys = Object.keys(after).filter((k) => !before || !jsonEqual(before[k as never], after[k as never]));
  const pick = (o: Organization) => Object.fromEntries(keys.map((k) => [k, o[k as keyof Organization]]));
  const eventId = uuidv7();
  const event = { eventId, orgId: after.id, entity: 'organization', id: after.id, action, version: after.version };
  await publishChange(tx, event, after);
  await tx.insert(auditLog).values({
    orgId: after.id,
    id: eventId,
    entity: 'organization',
    entityId: after.id,
    action,
    actorId,
    before: before ? pick(before) : null,
    after: { ...(before ? pick(after) : after), ...(secretChanged ? { embedSecret: '(changed)' } : {}) },
  });
}

/**
 * Changes an organization's settings (a parsed {@link OrganizationPatch}) in `tx`: only what
 * differs is written, with a new version and an audit entry; a patch that changes nothing writes
 * nothing. A stale `expectedVersion` is a 412. Everything reads the settings per request, so the
 * change applies to the next one, in every process.
 */
export async function changeOrganization(
  tx: Tx,
  orgId: string,
  patch: OrganizationPatch,
  actorId: string | null,
  expectedVersion?: number,
): Promise<Organization> {
  const [stored] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
  if (!stored || stored.deletedAt) throw new ProblemError(404, 'No such organization.');
  if (expectedVersion !== undefined && stored.version !== expectedVersion) {
    throw new ProblemError(
      412,
      `The organization is at version ${stored.version}, not ${expectedVersion}: someone changed it. Reload and apply your change again.`,
    );
  }
  if (patch.timeZone !== undefined && patch.timeZone !== stored.timeZone) await checkTimeZone(tx, patch.timeZone);
  const wanted = {
    ...patch,
    ...(patch.allowedOrigins ? { allowedOrigins: [...new Set(patch.allowedOrigins)] } : {}),
  };
  const changed = Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => !jsonEqual(stored[key as keyof OrganizationRow], value)),
  );
  if (Object.keys(changed).length === 0) return presentOrganization(stored);
  const [row] = await tx
    .update(organizations)
    .set({ ...changed, version: sql`${organizations.version} + 1`, updatedAt: sql`now()` })
    .where(eq(organizations.id, orgId))
    .returning();
  const after = presentOrganization(row!);
  await recordOrganizationChange(tx, actorId, 'update', presentOrganization(stored), after, 'embedSecret' in changed);
  return after;
}

/**
 * What follows the creation of an organization, however it was created (the host's process, the
 * CLI, the first `identify` naming it), in the creating transaction: its audit entry, and its
 * default pipeline named in its locale, so that its board and funnel are ready on day one.
 */
export async function setUpNewOrganization(tx: Tx, row: OrganizationRow): Promise<void> {
  await recordOrganizationChange(tx, null, 'create', null, presentOrganization(row));
  await addDefaultPipeline(tx, row);
}
