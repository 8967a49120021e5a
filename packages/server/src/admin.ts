// The host process's administration: creating organizations and members, changing settings.
// Platform-level (across organizations), so never reachable from a request: the host's own code
// or the `crmkit org` commands call it. An organization's owners and admins change their own
// settings through `PATCH /organization` and add members through `POST /users`.
import { OrganizationCreate, OrganizationPatch } from '@crmkit/core';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from './db/database.js';
import { organizations, users } from './db/schema/index.js';
import type { Role } from './http/env.js';
import { fieldErrors, ProblemError, validationProblem } from './http/problem.js';
import { changeOrganization, checkTimeZone, setUpNewOrganization } from './organization/settings.js';

export type NewOrganization = OrganizationCreate & { id?: string };

/** The input parsed with `schema`, or a 400 problem naming each bad field (as a route would answer). */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationProblem(fieldErrors(result.error, input));
  return result.data;
}

/**
 * Creates an organization (a tenant) with its default pipeline, named in its locale (see
 * `setUpNewOrganization`). Bad input is a {@link ProblemError} (400) naming each field, and
 * creates nothing.
 */
export async function createOrganization(db: Db, input: NewOrganization) {
  const { id = uuidv7(), ...fields } = input;
  const values = parse(OrganizationCreate, fields);
  return db.transaction(async (tx) => {
    if (values.timeZone !== undefined) await checkTimeZone(tx, values.timeZone);
    const [org] = await tx
      .insert(organizations)
      .values({ id, ...values })
      .returning();
    await setUpNewOrganization(tx, org!);
    return org!;
  });
}

/** An organization by its id or slug; a 404 problem when there is none. */
export async function findOrganization(db: Db, idOrSlug: string) {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const [org] = await db
    .select()
    .from(organizations)
    .where(byId ? eq(organizations.id, idOrSlug) : eq(organizations.slug, idOrSlug));
  if (!org || org.deletedAt) throw new ProblemError(404, `No organization ${JSON.stringify(idOrSlug)}.`);
  return org;
}

/** Changes an organization's settings, as `PATCH /organization` does (same checks, audit entry). */
export async function updateOrganization(db: Db, orgId: string, patch: OrganizationPatch) {
  const values = parse(OrganizationPatch, patch);
  return db.transaction((tx) => changeOrganization(tx, orgId, values, null));
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
