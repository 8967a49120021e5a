import type { Problem } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../src/resources/index.js';
import { referencesOf } from '../src/resources/references.js';
import type { Resource } from '../src/resources/resource.js';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

/** References a write cannot set (they are set by the kit itself, e.g. when a lead is converted). */
const NOT_WRITABLE = [
  'convertedCustomerId',
  'convertedContactId',
  'convertedOpportunityId',
  'adjustedBy',
  // Where a merged record went: set by `POST /{resource}/{id}/merge` (test/merge.test.ts checks a write refuses it).
  'mergedIntoId',
];

/**
 * A write names other records (a deal's customer, an activity's target, a contact's customer):
 * each of them must be one the caller may read, or the write is refused with the same 400 as an
 * id that does not exist, so that writes do not tell a rep which ids exist.
 */
describe.each(testDatabases())('references in writes on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  /** A record of each kind the rep may not read, by referenced table. */
  const hidden: Record<string, string> = {};
  /** A body of each resource the rep may create, with references the rep may read. */
  let bodies: Record<string, () => Json>;
  /** A record of each resource the rep owns, to patch. */
  const own: Record<string, string> = {};
  let n = 0;

  const send = async (who: Member, method: string, path: string, body?: unknown) => {
    const res = await kit.request(who, method, path, body);
    const text = await res.text();
    // Each answer has its own request id; the rest must not tell two answers apart.
    const { requestId: _id, ...answer } = (text ? JSON.parse(text) : {}) as Json & Problem;
    return { status: res.status, body: answer as Json & Problem };
  };
  const created = async (who: Member, path: string, body: Json) => {
    const res = await send(who, 'POST', path, body);
    expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
    return String(res.body.id);
  };
  const count = async (resource: Resource) => {
    const [row] = await rows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from ${resource.table} where org_id = ${kit.acme.id}`,
    );
    return row!.n;
  };
  /** The resources a rep writes, with their writable references. */
  const written = () => resources.filter((r) => !r.writeRoles && referencesOf(r.table).length);

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep } = kit.acme.users);
    const rep2 = kit.acme.users.rep2;
    const pipeline = await send(admin, 'POST', '/pipelines', {
      name: 'Refs',
      isDefault: true,
      stages: [
        { name: 'Lead', probability: 10, kind: 'open' },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    const pipelineId = String(pipeline.body.id);
    const stageId = (pipeline.body.stages as Json[])[0]!.id as string;
    hidden.customers = await created(admin, '/customers', { name: 'Admin Co' });
    hidden.contacts = await created(admin, '/contacts', { name: 'Admin Person', customerId: hidden.customers });
    hidden.leads = await created(admin, '/leads', { name: 'Admin Lead' });
    hidden.cases = await created(admin, '/cases', { subject: 'Admin case', customerId: hidden.customers });
    hidden.opportunities = await created(rep2, '/opportunities', {
      name: "Rep2's deal",
      customerId: await created(rep2, '/customers', { name: 'Rep2 Co' }),
      pipelineId,
      stageId,
      currency: 'USD',
    });
    const customerId = await created(rep, '/customers', { name: 'Rep Co' });
    bodies = {
      customers: () => ({ name: `ref ${n++}` }),
      contacts: () => ({ name: `ref ${n++}`, customerId }),
      leads: () => ({ name: `ref ${n++}` }),
      opportunities: () => ({ name: `ref ${n++}`, customerId, pipelineId, stageId, currency: 'USD' }),
      activities: () => ({ type: 'note', subject: `ref ${n++}`, customerId }),
      orders: () => ({ customerId, totalAmount: 100, currency: 'USD', placedAt: '2026-01-02T03:04:05Z' }),
      cases: () => ({ subject: `ref ${n++}` }),
    };
    for (const resource of written())
      own[resource.path] = await created(rep, `/${resource.path}`, bodies[resource.path]!());
    // The rep may not read any of the hidden records.
    for (const [table, id] of Object.entries(hidden))
      expect((await send(rep, 'GET', `/${table}/${id}`)).status).toBe(404);
  });

  it('knows every reference from the foreign keys, and the test covers each', () => {
    const fields = Object.fromEntries(
      written().map((r) => [
        r.path,
        referencesOf(r.table)
          .map((ref) => ref.field)
          .filter((f) => !NOT_WRITABLE.includes(f)),
      ]),
    );
    expect(fields).toEqual({
      customers: ['ownerId'],
      contacts: ['customerId', 'ownerId'],
      leads: ['campaignId', 'ownerId'],
      opportunities: ['customerId', 'contactId', 'pipelineId', 'stageId', 'ownerId', 'campaignId'],
      activities: ['customerId', 'contactId', 'leadId', 'opportunityId', 'caseId', 'ownerId'],
      orders: ['customerId'],
      cases: ['customerId', 'contactId', 'ownerId'],
    });
    expect(referencesOf(resources.find((r) => r.path === 'teams')!.table).map((r) => r.field)).toEqual([
      'managerId',
      'parentId',
    ]);
  });

  it("refuses a rep's create or patch naming a record the rep cannot read, exactly as an unknown id, writing nothing", async () => {
    let checked = 0;
    for (const resource of written()) {
      for (const { field, target } of referencesOf(resource.table)) {
        const id = hidden[getTableConfig(target).name];
        if (!id || NOT_WRITABLE.includes(field)) continue;
        const what = `${resource.path}.${field}`;
        const before = await count(resource);
        const unknown = await send(rep, 'POST', `/${resource.path}`, {
          ...bodies[resource.path]!(),
          [field]: uuidv7(),
        });
        const invisible = await send(rep, 'POST', `/${resource.path}`, { ...bodies[resource.path]!(), [field]: id });
        expect(unknown.status, what).toBe(400);
        expect(unknown.body.errors, what).toEqual([
          { path: field, code: 'not_found', message: 'No such record in this organization' },
        ]);
        expect(invisible, what).toEqual(unknown);
        expect(await count(resource), what).toBe(before);

        // Moving a record of the rep's to a parent the rep cannot read: the same, and no new version.
        const path = `/${resource.path}/${own[resource.path]}`;
        const version = (await send(rep, 'GET', path)).body.version;
        const patchUnknown = await send(rep, 'PATCH', path, { [field]: uuidv7() });
        const patchInvisible = await send(rep, 'PATCH', path, { [field]: id });
        expect(patchUnknown.status, what).toBe(400);
        expect(patchInvisible, what).toEqual(patchUnknown);
        expect((await send(rep, 'GET', path)).body.version, what).toBe(version);

        // An admin sees the record, so the same write goes through.
        expect(
          (await send(admin, 'POST', `/${resource.path}`, { ...bodies[resource.path]!(), [field]: id })).status,
          what,
        ).toBe(201);
        checked++;
      }
    }
    // customerId ×5, contactId ×3, leadId, opportunityId, caseId.
    expect(checked).toBe(11);
  });

  it('answers an unknown id in any reference with a 400 naming the field, for every resource', async () => {
    const adminBodies: Record<string, () => Json> = {
      ...bodies,
      users: () => ({ email: `ref-${n++}@acme.test`, name: 'Ref' }),
      teams: () => ({ name: `ref ${n++}` }),
      'assignment-rules': () => ({ name: `ref ${n++}`, strategy: 'member', userId: admin.userId }),
      'lead-forms': () => ({ name: `ref ${n++}`, fields: [{ name: 'name', label: 'Name', required: true }] }),
      quotas: () => ({
        ownerId: admin.userId,
        period: 'month',
        startsOn: `2030-${String((n++ % 12) + 1).padStart(2, '0')}-01`,
        amount: 1,
        currency: 'USD',
      }),
      'forecast-adjustments': () => ({
        ownerId: rep.userId,
        period: 'month',
        startsOn: `2030-${String((n++ % 12) + 1).padStart(2, '0')}-01`,
        category: 'commit',
        amount: 1,
        currency: 'USD',
        reason: 'Checked',
      }),
    };
    for (const resource of resources) {
      for (const { field } of referencesOf(resource.table)) {
        if (NOT_WRITABLE.includes(field)) continue;
        const res = await send(admin, 'POST', `/${resource.path}`, {
          ...adminBodies[resource.path]!(),
          [field]: uuidv7(),
        });
        expect(res.status, `${resource.path}.${field}`).toBe(400);
        expect(res.body.errors, `${resource.path}.${field}`).toEqual([
          { path: field, code: 'not_found', message: 'No such record in this organization' },
        ]);
      }
    }
  });

  it('still refuses with 403 a rep giving a record to another member, and lets a rep keep unchanged references', async () => {
    const rep2 = kit.acme.users.rep2;
    expect((await send(rep, 'POST', '/customers', { name: 'Gift', ownerId: rep2.userId })).status).toBe(403);
    // An activity of the rep's on a customer the rep cannot read (an admin linked it): the rep
    // may still edit it, sending the reference back unchanged.
    const activity = await created(admin, '/activities', {
      type: 'task',
      subject: 'Follow up',
      customerId: hidden.customers,
      ownerId: rep.userId,
    });
    const res = await send(rep, 'PATCH', `/activities/${activity}`, {
      subject: 'Followed up',
      customerId: hidden.customers,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('checks references against this organization only', async () => {
    const other = kit.globex.users.admin;
    const res = await send(other, 'POST', '/contacts', { name: 'Cross', customerId: hidden.customers });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'customerId', code: 'not_found', message: 'No such record in this organization' },
    ]);
  });
});
