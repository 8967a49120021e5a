import { and, eq, ne, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db, Tx } from '../db/database.js';
import { publishChange } from '../events/bus.js';
import { present } from '../resources/crud.js';
import { userResource } from '../resources/people.js';
import { auditLog, organizations, users } from '../db/schema/index.js';
import type { Caller, Role } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { setUpNewOrganization } from '../organization/settings.js';
import { LruCache } from './lru.js';
import { memberCache, notAMember } from './membership.js';
import { anotherOwner } from './owners.js';
import type { Logger } from '../http/logging.js';

/**
 * Who the host says is signed in, in its own terms. The kit finds or creates the organization
 * (by slug) and the member (by the host's id for them, else by email) on first sight, and keeps
 * the member's role in step with what the host says.
 */
export interface HostIdentity {
  organization: { slug: string; name?: string; locale?: string; baseCurrency?: string };
  user: { externalRef: string; email: string; name: string; role?: Role };
}

export function isHostIdentity(value: unknown): value is HostIdentity {
  return typeof value === 'object' && value !== null && 'organization' in value && 'user' in value;
}

/** How many host identities a kit remembers the member of (each entry is two ids). */
export const HOST_IDENTITY_CACHE_SIZE = 1000;

interface MemberIds {
  orgId: string;
  userId: string;
}

/**
 * Resolves host identities to members, for one kit. Which member an identity names is cached
 * (bounded, per kit); the member's record comes from the database's member cache, which every
 * scoped transaction checks, so a change of role or standing applies to the next request.
 */
export class HostIdentities {
  readonly #members = new LruCache<string, MemberIds>(HOST_IDENTITY_CACHE_SIZE);

  async resolve(db: Db, identity: HostIdentity, logger?: Logger): Promise<Caller> {
    const key = JSON.stringify([identity.organization.slug, identity.user.externalRef]);
    let ids = this.#members.get(key);
    if (!ids) {
      ids = await db.transaction((tx) => provision(tx, identity));
      this.#members.set(key, ids);
    }
    const records = memberCache(db);
    const member = await records.get(db, ids.orgId, ids.userId);
    const claimed = identity.user.role ?? member.role;
    let role = member.role;
    // The host is the source of the role for its identities: write it down when it changed,
    // unless that would leave the organization without an active owner.
    if (claimed !== member.role) {
      role = await db.transaction((tx) => syncRole(tx, ids, claimed));
      records.forget(ids.orgId, ids.userId);
      if (role !== claimed) {
        logger?.warn(
          { orgId: ids.orgId, userId: ids.userId, claimed, kept: role },
          "The host's role for its last active owner is not applied until the organization has another owner",
        );
      }
    }
    return { orgId: ids.orgId, userId: ids.userId, role, via: 'host' };
  }
}

/**
 * Writes the role the host claims to the member's record and answers the role on record after it:
 * the claimed one, or `owner` still when the member is the organization's last active owner (the
 * same rule as `PATCH /users/{id}`, taking turns with it; see {@link anotherOwner}). A change is a
 * write like any other: a new version, an audit entry by no member (the host made it), and a change
 * event, on which every kit process forgets the member's cached record.
 */
async function syncRole(tx: Tx, { orgId, userId }: MemberIds, claimed: Role): Promise<Role> {
  const keepOwner = claimed !== 'owner' && !(await anotherOwner(tx, orgId, userId));
  const member = and(eq(users.orgId, orgId), eq(users.id, userId));
  const [before] = await tx.select({ role: users.role }).from(users).where(member).for('update');
  if (!before) throw notAMember();
  const [after] = await tx
    .update(users)
    .set({ role: claimed, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(member, ne(users.role, claimed), keepOwner ? ne(users.role, 'owner') : undefined))
    .returning();
  if (!after) return before.role;
  // One id for the change: the audit entry's, the `/events` id and the webhooks' `webhook-id`.
  const eventId = uuidv7();
  const event = { eventId, orgId, entity: 'user', id: userId, action: 'update', version: after.version } as const;
  await publishChange(tx, event, await present(userResource, after, tx));
  await tx.insert(auditLog).values({
    orgId,
    id: eventId,
    entity: 'user',
    entityId: userId,
    action: 'update',
    actorId: null,
    before: { role: before.role },
    after: { role: after.role, version: after.version },
  });
  return after.role;
}

/**
 * The organization and member an identity names, created when missing. The member is found by
 * the host's id for them first; an email match binds a member the host has not bound yet, but
 * never re-binds one that already belongs to another host id.
 */
async function provision(tx: Tx, identity: HostIdentity): Promise<MemberIds> {
  const { organization: o, user: u } = identity;
  let [org] = await tx.select().from(organizations).where(eq(organizations.slug, o.slug));
  if (!org) {
    [org] = await tx
      .insert(organizations)
      .values({
        id: uuidv7(),
        slug: o.slug,
        name: o.name ?? o.slug,
        locale: o.locale ?? 'en',
        baseCurrency: o.baseCurrency ?? 'USD',
      })
      .onConflictDoNothing()
      .returning();
    // Created here (not by a concurrent first request): ready on day one, like any new organization.
    if (org) await setUpNewOrganization(tx, org);
    [org] = org ? [org] : await tx.select().from(organizations).where(eq(organizations.slug, o.slug));
  }
  if (!org || org.deletedAt) throw notAMember();
  const orgId = org.id;
  const email = u.email.toLowerCase();
  const [byRef] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.externalRef, u.externalRef)));
  if (byRef) return { orgId, userId: byRef.id };

  const [byEmail] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.email, email)));
  if (byEmail?.externalRef != null) {
    throw new ProblemError(403, 'This email belongs to a member bound to another identity of the host.');
  }
  if (byEmail) {
    if (byEmail.deletedAt || !byEmail.active) throw notAMember();
    await tx
      .update(users)
      .set({ externalRef: u.externalRef })
      .where(and(eq(users.orgId, orgId), eq(users.id, byEmail.id)));
    return { orgId, userId: byEmail.id };
  }
  const [created] = await tx
    .insert(users)
    .values({ orgId, id: uuidv7(), email, name: u.name, role: u.role ?? 'rep', externalRef: u.externalRef })
    .returning();
  return { orgId, userId: created!.id };
}
