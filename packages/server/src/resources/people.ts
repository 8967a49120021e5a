import { eq, sql } from 'drizzle-orm';
import { teams, users } from '../db/schema/index.js';
import { forgetMember } from '../auth/membership.js';
import { anotherOwner } from '../auth/owners.js';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { when } from './customers.js';
import { defineResource, type Row } from './resource.js';

/** Only an owner may act on an owner's record: else an admin could demote, deactivate or trash the owner. */
function requireOwnerFor(caller: Caller, role: unknown) {
  if (role === 'owner' && caller.role !== 'owner') {
    throw new ProblemError(403, 'Only an owner can make someone an owner or change an owner.');
  }
}

/**
 * Refuses a write that would leave the organization without an active owner (nobody could then
 * make owners or act on them); see {@link anotherOwner} for how concurrent writes take turns.
 */
async function keepAnOwner(tx: Tx, orgId: string, leaving: string, field?: 'role' | 'active') {
  if (!(await anotherOwner(tx, orgId, leaving))) {
    const detail = 'An organization keeps at least one active owner: make someone else owner first.';
    const errors = field ? [{ path: field, code: 'invalid_value' as const, message: 'The last active owner' }] : [];
    throw new ProblemError(409, detail, errors.length ? { errors } : {});
  }
}

const isActiveOwner = (row: Row) => row.role === 'owner' && row.active === true && !row.deletedAt;

export const userResource = defineResource({
  path: 'users',
  entity: 'user',
  tag: 'Users',
  table: users,
  sorts: { name: users.name, email: users.email, createdAt: users.createdAt },
  search: sql`lower(${users.name} || ' ' || ${users.email})` as never,
  filters: (q) => [
    when(q.role as string, (v) => eq(users.role, v as 'rep')),
    when(q.teamId as string, (v) => eq(users.teamId, v)),
  ],
  writeRoles: ['owner', 'admin'],
  beforeWrite: async (values, { tx, caller, before }) => {
    requireOwnerFor(caller, values.role);
    requireOwnerFor(caller, before?.role);
    if (before && isActiveOwner(before) && !isActiveOwner({ ...values, deletedAt: null })) {
      await keepAnOwner(tx, caller.orgId, String(before.id), values.role === 'owner' ? 'active' : 'role');
    }
    return typeof values.email === 'string' ? { email: values.email.toLowerCase() } : undefined;
  },
  beforeTrash: async (stored, trashed, { tx, caller }) => {
    requireOwnerFor(caller, stored.role);
    if (trashed && isActiveOwner(stored)) await keepAnOwner(tx, caller.orgId, String(stored.id));
    forgetMember(tx, caller.orgId, String(stored.id));
  },
  // However a member's record changes, the kit's cached copy goes with the commit.
  afterWrite: (row, { tx, caller }) => forgetMember(tx, caller.orgId, String(row.id)),
});

export const teamResource = defineResource({
  path: 'teams',
  entity: 'team',
  tag: 'Teams',
  table: teams,
  sorts: { name: teams.name, createdAt: teams.createdAt },
  search: sql`lower(${teams.name})` as never,
  filters: (q) => [when(q.parentId as string, (v) => eq(teams.parentId, v))],
  writeRoles: ['owner', 'admin'],
  beforeWrite: async (values, { tx, caller, before }) => {
    if (!before || !values.parentId || values.parentId === before.parentId) return;
    // The new parent must not be the team itself or a team under it: the tree would become a loop.
    const [loop] = await rows<{ id: string }>(
      tx,
      sql`with recursive up as (
            select id, parent_id from crm.teams where org_id = ${caller.orgId} and id = ${String(values.parentId)}::uuid
            union
            select t.id, t.parent_id from crm.teams t join up on t.id = up.parent_id where t.org_id = ${caller.orgId}
          )
          select id from up where id = ${String(before.id)}::uuid`,
    );
    if (loop) {
      throw new ProblemError(400, 'A team cannot be under itself.', {
        errors: [{ path: 'parentId', code: 'invalid_value', message: 'Is this team or a team under it' }],
      });
    }
  },
});
