import { Team, TeamCreate, TeamListQuery, TeamPatch, User, UserCreate, UserListQuery, UserPatch } from '@crmkit/core';
import { eq, sql } from 'drizzle-orm';
import { teams, users } from '../db/schema/index.js';
import { rows } from '../db/rows.js';
import { ProblemError } from '../http/problem.js';
import { when } from './customers.js';
import { defineResource } from './resource.js';

export const userResource = defineResource({
  path: 'users',
  entity: 'user',
  tag: 'Users',
  table: users,
  schemas: { record: User, create: UserCreate, patch: UserPatch, query: UserListQuery },
  sorts: { name: users.name, email: users.email, createdAt: users.createdAt },
  search: sql`lower(${users.name} || ' ' || ${users.email})` as never,
  filters: (q) => [
    when(q.role as string, (v) => eq(users.role, v as 'rep')),
    when(q.teamId as string, (v) => eq(users.teamId, v)),
  ],
  writeRoles: ['owner', 'admin'],
  beforeWrite: (values, { caller, before }) => {
    // An owner's record is the owners' alone: else an admin could demote the owner (and then anyone).
    if ((values.role === 'owner' || before?.role === 'owner') && caller.role !== 'owner') {
      throw new ProblemError(403, 'Only an owner can make someone an owner or change an owner.');
    }
    return typeof values.email === 'string' ? { email: values.email.toLowerCase() } : undefined;
  },
});

export const teamResource = defineResource({
  path: 'teams',
  entity: 'team',
  tag: 'Teams',
  table: teams,
  schemas: { record: Team, create: TeamCreate, patch: TeamPatch, query: TeamListQuery },
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
