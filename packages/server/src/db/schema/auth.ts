import { index, integer, jsonb, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { crm, tenantPolicy, timestamptz } from './columns.js';

/**
 * A signed-in session (Lucia's design): the id is the SHA-256 of the token the browser holds,
 * so a leaked table does not hand out sessions.
 */
export const sessions = crm.table(
  'sessions',
  {
    orgId: uuid('org_id').notNull(),
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: timestamptz('expires_at').notNull(),
    /** Last use, for the idle timeout (written at most once a minute). */
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('sessions_id_idx').on(t.id),
    index('sessions_user_idx').on(t.orgId, t.userId),
    tenantPolicy('sessions'),
  ],
);

export interface ApiKeyScope {
  resource: string;
  access: 'read' | 'write';
}

/** A key for server-to-server integrations; only a hash of its secret is kept. */
export const apiKeys = crm.table(
  'api_keys',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** `[{ resource: 'customers', access: 'write' }]`; resource `*` means all. */
    scopes: jsonb('scopes').$type<ApiKeyScope[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('api_keys_id_idx').on(t.id), tenantPolicy('api_keys')],
);

/**
 * Failed sign-ins per account and per address, for brute-force limits. Not a tenant table: an
 * email can belong to several organizations, and the limit must hold across them.
 */
export const authThrottle = crm.table('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamptz('window_started_at').notNull().defaultNow(),
  lockedUntil: timestamptz('locked_until'),
});
