import { and, eq, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database.js';
import { organizations, users } from '../db/schema/index.js';
import type { Caller, Role } from '../http/env.js';

/**
 * Who the host says is signed in, in its own terms. The kit finds or creates the organization
 * (by slug) and the member (by the host's id for them, else by email) on first sight, and keeps
 * the member's role in step with what the host says.
 */
export interface HostIdentity {
  organization: { slug: string; name?: string; locale?: string; baseCurrency?: string };
  user: { externalRef: string; email: string; name: string; role?: Role };
}

const CACHE_SECONDS = 60;
const cache = new Map<string, { caller: Caller; until: number }>();

export function isHostIdentity(value: unknown): value is HostIdentity {
  return typeof value === 'object' && value !== null && 'organization' in value && 'user' in value;
}

/** The caller for a host identity, provisioning what is missing. Cached for a minute. */
export async function resolveHostIdentity(db: Db, identity: HostIdentity): Promise<Caller> {
  const { organization: o, user: u } = identity;
  const key = JSON.stringify([o.slug, u.externalRef, u.email, u.role ?? null]);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.caller;

  const caller = await db.transaction(async (tx) => {
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
      [org] = org ? [org] : await tx.select().from(organizations).where(eq(organizations.slug, o.slug));
    }
    const email = u.email.toLowerCase();
    let [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, org!.id), or(eq(users.externalRef, u.externalRef), eq(users.email, email))));
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({
          orgId: org!.id,
          id: uuidv7(),
          email,
          name: u.name,
          role: u.role ?? 'rep',
          externalRef: u.externalRef,
        })
        .returning();
    } else if ((u.role && user.role !== u.role) || user.externalRef !== u.externalRef) {
      [user] = await tx
        .update(users)
        .set({ role: u.role ?? user.role, externalRef: u.externalRef })
        .where(and(eq(users.orgId, org!.id), eq(users.id, user.id)))
        .returning();
    }
    return { orgId: org!.id, userId: user!.id, role: user!.role, via: 'host' as const };
  });
  cache.set(key, { caller, until: Date.now() + CACHE_SECONDS * 1000 });
  return caller;
}
