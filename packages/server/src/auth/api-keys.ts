import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db, Tx } from '../db/database.js';
import { apiKeys, users } from '../db/schema/index.js';
import type { Role } from '../http/env.js';

const PREFIX = 'crmk';

function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** A new key: `crmk_<id>_<secret>`. Only the secret's hash is stored; the key is shown once. */
export async function createApiKey(tx: Tx, orgId: string, createdBy: string | null, name: string, scopes: string[]) {
  const id = uuidv7();
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  const secret = encodeBase32LowerCaseNoPadding(bytes);
  const [row] = await tx
    .insert(apiKeys)
    .values({ orgId, id, name, scopes: scopes.map(toStored), secretHash: hashSecret(secret), createdBy })
    .returning();
  return { key: `${PREFIX}_${id.replaceAll('-', '')}_${secret}`, row: row! };
}

const toStored = (scope: string) => {
  const [resource, access] = scope.split(':');
  return { resource: resource!, access: access as 'read' | 'write' };
};
export const scopeStrings = (row: typeof apiKeys.$inferSelect) => row.scopes.map((s) => `${s.resource}:${s.access}`);

/** Roles that may hold API keys: a key works only while the member who created it is one. */
export const KEY_HOLDER_ROLES: readonly Role[] = ['owner', 'admin'];

/**
 * The live key a presented token stands for, or null. Runs as the kit (before any tenant is
 * known). `creatorMayAct` is false when the member who created it is deactivated, deleted or no
 * longer an admin: the key then opens nothing until they are again (read in the same query).
 */
export async function verifyApiKey(db: Db, token: string) {
  const match = /^crmk_([0-9a-f]{32})_([a-z2-7]{30,60})$/.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const [found] = await db
    .select({ key: apiKeys, creatorRole: users.role, creatorActive: users.active })
    .from(apiKeys)
    .leftJoin(users, and(eq(users.orgId, apiKeys.orgId), eq(users.id, apiKeys.createdBy), isNull(users.deletedAt)))
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  if (!found) return null;
  const row = found.key;
  const presented = new TextEncoder().encode(hashSecret(match[2]!));
  if (!constantTimeEqual(presented, new TextEncoder().encode(row.secretHash))) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.orgId, row.orgId), eq(apiKeys.id, id)));
  }
  const creatorMayAct =
    row.createdBy === null || (found.creatorActive === true && KEY_HOLDER_ROLES.includes(found.creatorRole!));
  return { row, creatorMayAct };
}
