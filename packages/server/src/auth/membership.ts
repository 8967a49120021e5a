import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { organizations, users } from '../db/schema/index.js';
import type { Role } from '../http/env.js';
import { ProblemError } from '../http/problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the kit holds on record about a member, read on every request. */
export interface MemberRecord {
  role: Role;
  active: boolean;
  /** The organization's embedding sites (for embed tokens). */
  allowedOrigins: string[];
}

/**
 * The member's record: one primary-key lookup joined to its organization, on the hot path of
 * every request. Null when there is no such member (or it is deleted, or its organization is).
 * Runs as the kit, before any tenant scope exists.
 */
export async function memberRecord(db: Db, orgId: string, userId: string): Promise<MemberRecord | null> {
  // A host's `identify` may answer anything: an id that is not a UUID names no member.
  if (!UUID.test(orgId) || !UUID.test(userId)) return null;
  const [row] = await db
    .select({ role: users.role, active: users.active, allowedOrigins: organizations.allowedOrigins })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.deletedAt), isNull(organizations.deletedAt)));
  return row ?? null;
}

/** The answer to a credential whose member is deactivated: it no longer opens anything. */
export function notAMember(): ProblemError {
  return new ProblemError(403, 'This member is not active in this organization.');
}

/**
 * The record of a member who may act now. A credential naming no member (or a deleted one) is
 * worthless (401); one whose member is deactivated is refused (403).
 */
export async function activeMember(db: Db, orgId: string, userId: string): Promise<MemberRecord> {
  const member = await memberRecord(db, orgId, userId);
  if (!member) throw new ProblemError(401, 'This credential names no member of this organization.');
  if (!member.active) throw notAMember();
  return member;
}
