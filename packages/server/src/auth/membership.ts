import { and, eq, isNull } from 'drizzle-orm';
import { afterCommit, type CrmDatabase, type Db, type Tx } from '../db/database.js';
import { changeFeed } from '../events/bus.js';
import { organizations, users } from '../db/schema/index.js';
import type { Role } from '../http/env.js';
import { LruCache } from './lru.js';
import { ProblemError } from '../http/problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the kit holds on record about a member, read on every request. */
export interface MemberRecord {
  role: Role;
  active: boolean;
  /** The organization's embedding sites (for embed tokens). */
  allowedOrigins: string[];
  /** The organization's own embed secret, if it has one (for embed tokens). */
  embedSecret: string | null;
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
    .select({
      role: users.role,
      active: users.active,
      allowedOrigins: organizations.allowedOrigins,
      embedSecret: organizations.embedSecret,
    })
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
  return checkedMember(await memberRecord(db, orgId, userId));
}

/** {@link activeMember} of a record already read. */
export function checkedMember(member: MemberRecord | null): MemberRecord {
  if (!member) throw new ProblemError(401, 'This credential names no member of this organization.');
  if (!member.active) throw notAMember();
  return member;
}

/** How many members a kit remembers the record of. */
export const MEMBER_CACHE_SIZE = 10_000;

/**
 * The records of active members as the kits on one database last read them (bounded; see
 * {@link memberCache}), for callers whose credential does not already read the record (the
 * host's `identify`), so that their requests cost no extra query. A member's record is forgotten
 * when it changes: as the write commits when it went through a kit of this process (the users
 * resource's hooks call {@link forgetMember}), and on the change's notification when it went
 * through another process.
 * Should a request still act on a stale record (a change written meanwhile, or by hand), its
 * scoped transaction refuses it, since the statement that scopes it asserts that the member is
 * active with that role (`scopeStatement`); the record is forgotten then too.
 */
export class MemberCache {
  readonly #records = new LruCache<string, MemberRecord>(MEMBER_CACHE_SIZE);
  #watched = false;

  /** Forgets members as their records change anywhere (the change feed of `database`). */
  watch(database: CrmDatabase): void {
    if (this.#watched) return;
    this.#watched = true;
    changeFeed(database)
      .subscribe((event) => {
        if (event.entity === 'user') this.forget(event.orgId, event.id);
      })
      .catch(() => (this.#watched = false));
  }

  async get(db: Db, orgId: string, userId: string): Promise<MemberRecord> {
    const key = `${orgId}/${userId}`;
    const known = this.#records.get(key);
    if (known) return known;
    const member = await activeMember(db, orgId, userId);
    this.#records.set(key, member);
    return member;
  }

  forget(orgId: string, userId: string): void {
    this.#records.delete(`${orgId}/${userId}`);
  }
}

const caches = new WeakMap<Db, MemberCache>();

/** The member cache of a database: one per database handle, shared by the kits on it (same records). */
export function memberCache(db: Db): MemberCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new MemberCache()));
  return cache;
}

/** Forgets a member's cached record once the write `tx` commits (a write to their record). */
export function forgetMember(tx: Tx, orgId: string, userId: string): void {
  afterCommit(tx, (db) => memberCache(db).forget(orgId, userId));
}
