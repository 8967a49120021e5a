// What the report tests (performance-report, forecast, sample-figures) share: the sample organizations as
// the demo seeds them, the kit mounted for their members, requests as one of them, and the SQL they read
// as the database owner, straight from the base tables.
import { sql, type SQL } from 'drizzle-orm';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { createCrm } from '../../src/app.js';
import type { CrmDatabase, Db } from '../../src/db/database.js';
import { rows } from '../../src/db/rows.js';
import { mountKit } from './contract.js';
import { sampleOrgs, type Member, type Org } from './figures.js';

export interface SalesFixture {
  /** The kit as mounted by `load`, for requests `send` does not make (e.g. of bytes). */
  readonly app: Hono;
  /** The sample organizations, filled by `load`. */
  orgs: Org[];
  /** Every member who may call the kit, by user id: the sample's, and those `load` was given. */
  callers: Map<string, Member>;
  /**
   * Seeds the sample organizations and mounts the kit, which knows a member by the `x-test-user`
   * header. `more` names further members of an organization (e.g. its managers) who may call it.
   */
  load(database: CrmDatabase, more?: (org: Org) => Promise<Member[]>): Promise<void>;
  /** A request as a member: the status is checked, a JSON body parsed (any other body as text). */
  send(caller: Member, method: string, path: string, body?: unknown, status?: number): Promise<unknown>;
}

export function salesFixture(): SalesFixture {
  let app: Hono | undefined;
  const orgs: Org[] = [];
  const callers = new Map<string, Member>();
  return {
    get app() {
      return app!;
    },
    orgs,
    callers,
    async load(database, more) {
      for (const org of await sampleOrgs(database.db)) {
        for (const member of [...org.members, ...((await more?.(org)) ?? [])]) callers.set(member.userId, member);
        orgs.push(org);
      }
      app = mountKit(
        createCrm({
          database,
          identify: (c) => {
            const member = callers.get(c.req.header('x-test-user') ?? '');
            return member ? { orgId: member.orgId, userId: member.userId, role: member.role } : null;
          },
        }),
      );
    },
    async send(caller, method, path, body, status = 200) {
      const res = await app!.request(`/api/crm${path}`, {
        method,
        headers: {
          'x-test-user': caller.userId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      expect(res.status, `${method} ${path} as ${caller.email}: ${text}`).toBe(status);
      if (!text) return undefined;
      return (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as unknown;
    },
  };
}

/**
 * The owners whose deals roll up into a team: its members, the members of the teams under it, and
 * those teams' managers. A query of one column, `id`.
 */
export const teamOwnersQuery = (orgId: string, teamId: string): SQL =>
  sql`with recursive tree as (
        select id, manager_id from crm.teams where id = ${teamId}
        union select t.id, t.manager_id from crm.teams t join tree on t.parent_id = tree.id where t.deleted_at is null
      )
      select u.id from crm.users u where u.org_id = ${orgId} and u.team_id in (select id from tree)
      union select manager_id from tree where manager_id is not null`;

/** A member's live deals, with their stage's kind, in id order. */
export const dealsOwnedBy = (db: Db, orgId: string, ownerId: string) =>
  rows<{ id: string; pipeline_id: string; kind: string; version: number }>(
    db,
    sql`select o.id, o.pipeline_id, s.kind, o.version from crm.opportunities o
        join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
        where o.org_id = ${orgId} and o.owner_id = ${ownerId} and o.deleted_at is null order by o.id`,
  );

/** The first live stage of a kind in a pipeline. */
export async function stageOf(db: Db, pipelineId: string, kind: string): Promise<string> {
  const [stage] = await rows<{ id: string }>(
    db,
    sql`select id from crm.stages where pipeline_id = ${pipelineId} and kind = ${kind} and deleted_at is null order by position limit 1`,
  );
  return stage!.id;
}
