import { Team, TeamCreate, TeamListQuery, TeamPatch, User, UserCreate, UserListQuery, UserPatch } from '@crmkit/core';
import { eq, sql } from 'drizzle-orm';
import { teams, users } from '../db/schema/index.js';
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
  beforeWrite: (values, { caller }) => {
    if (values.role === 'owner' && caller.role !== 'owner') {
      throw new ProblemError(403, 'Only an owner can make someone an owner.');
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
  beforeWrite: (values, { before }) => {
    if (before && values.parentId === before.id) {
      throw new ProblemError(400, 'A team cannot be its own parent.', {
        errors: [{ path: 'parentId', code: 'invalid_value', message: 'A team cannot be its own parent' }],
      });
    }
  },
});
