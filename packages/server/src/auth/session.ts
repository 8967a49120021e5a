import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { sessions, users } from '../db/schema/index.js';
import type { Role } from '../http/env.js';

export interface SessionPolicy {
  /** Seconds without use after which a session ends. */
  idleTimeout: number;
  /** Seconds after sign-in after which a session ends, however active. */
  maxAge: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleTimeout: 8 * 3600, maxAge: 7 * 86_400 };

export interface Session {
  id: string;
  orgId: string;
  userId: string;
  expiresAt: Date;
}

/** A live session and its member's role on record now; `role` is null when the member is deactivated or gone. */
export type ValidSession = Session & { role: Role | null };

/** A new session token: 160 random bits, in base32 so it fits a cookie. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this hash of a token is stored. */
export function sessionId(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: Db,
  token: string,
  orgId: string,
  userId: string,
  policy: SessionPolicy,
): Promise<Session> {
  const session = { id: sessionId(token), orgId, userId, expiresAt: new Date(Date.now() + policy.maxAge * 1000) };
  await db.insert(sessions).values(session);
  return session;
}

/**
 * The live session a token stands for, or null. Ends sessions past their lifetime or idle
 * timeout, and notes the use (at most once a minute, so reads do not all become writes).
 * The member's record comes in the same query, so a demotion or deactivation applies at once.
 */
export async function validateSession(db: Db, token: string, policy: SessionPolicy): Promise<ValidSession | null> {
  const id = sessionId(token);
  const [found] = await db
    .select({ session: sessions, role: users.role, active: users.active })
    .from(sessions)
    .leftJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId), isNull(users.deletedAt)))
    .where(eq(sessions.id, id));
  if (!found) return null;
  const row = found.session;
  const now = Date.now();
  if (now >= row.expiresAt.getTime() || now - row.lastSeenAt.getTime() >= policy.idleTimeout * 1000) {
    await db.delete(sessions).where(and(eq(sessions.orgId, row.orgId), eq(sessions.id, id)));
    return null;
  }
  if (now - row.lastSeenAt.getTime() >= 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.orgId, row.orgId), eq(sessions.id, id)));
  }
  const role = found.active ? found.role : null;
  return { id, orgId: row.orgId, userId: row.userId, expiresAt: row.expiresAt, role };
}

export async function invalidateSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId(token)));
}

/** Ends every session of a member: after a password change, or when they are removed. */
export async function invalidateUserSessions(db: Db, orgId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
}
