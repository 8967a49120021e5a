import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from './db/rows.js';
import type { Db } from './db/database.js';
import { organizations, users } from './db/schema/index.js';
import type { Role } from './http/env.js';

export interface NewOrganization {
  id?: string;
  slug: string;
  name: string;
  baseCurrency?: string;
  exchangeRates?: Record<string, number>;
  locale?: string;
  timeZone?: string;
}

/**
 * Creates an organization (a tenant). Runs as the database owner: this is provisioning by the
 * host or the CLI, never reachable from a request.
 */
export async function createOrganization(db: Db, input: NewOrganization) {
  // Checked here, as PostgreSQL knows them: an unknown zone would fail every later write to the
  // organization's deals (the funnel summaries count days in it).
  if (input.timeZone !== undefined) {
    const [known] = await rows<{ ok: boolean }>(
      db,
      sql`select exists (select 1 from pg_timezone_names where name = ${input.timeZone}) as ok`,
    );
    if (!known?.ok) throw new TypeError(`Unknown time zone: ${JSON.stringify(input.timeZone)}`);
  }
  const [org] = await db
    .insert(organizations)
    .values({ id: input.id ?? uuidv7(), ...input })
    .returning();
  return org!;
}

export interface NewUser {
  id?: string;
  email: string;
  name: string;
  role: Role;
  teamId?: string | null;
  externalRef?: string | null;
  passwordHash?: string | null;
  locale?: string | null;
}

/** Adds a member to an organization; provisioning, like {@link createOrganization}. */
export async function createUser(db: Db, orgId: string, input: NewUser) {
  const [user] = await db
    .insert(users)
    .values({ id: input.id ?? uuidv7(), orgId, ...input, email: input.email.toLowerCase() })
    .returning();
  return user!;
}
