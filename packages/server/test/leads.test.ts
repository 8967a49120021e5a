import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/** Lead qualification and conversion: statuses, `POST /leads/{id}/convert`, refusals. */
describe.each(testDatabases())('leads on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  let viewer: Member;
  let pipelineId: string;
  let stageId: string;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const lead = async (who: Member, body: Json = {}) => {
    const res = await send(who, 'POST', '/leads', {
      name: 'Ann Lee',
      company: 'Lee Trading',
      email: 'ann@lee.test',
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const count = async (table: string) => {
    const [row] = await rows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from ${sql.raw(`crm.${table}`)} where org_id = ${kit.acme.id}`,
    );
    return row!.n;
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2, viewer } = kit.acme.users);
    const pipeline = await send(admin, 'POST', '/pipelines', {
      name: 'Sales',
      stages: [
        { name: 'Discovery', probability: 10 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    expect(pipeline.status).toBe(201);
    pipelineId = String(pipeline.body.id);
    stageId = String((pipeline.body.stages as Json[])[0]!.id);
  });

  it('qualifies through the new statuses; disqualified needs a reason', async () => {
    const created = await lead(rep);
    expect(created.status).toBe('new');
    for (const status of ['working', 'nurturing', 'qualified']) {
      const res = await send(rep, 'PATCH', `/leads/${String(created.id)}`, { status });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const bare = await send(rep, 'PATCH', `/leads/${String(created.id)}`, { status: 'disqualified' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual([expect.objectContaining({ path: 'disqualifiedReason', code: 'required' })]);
    const reasoned = await send(rep, 'PATCH', `/leads/${String(created.id)}`, {
      status: 'disqualified',
      disqualifiedReason: 'No budget',
    });
    expect(reasoned.status).toBe(200);
    expect(reasoned.body).toMatchObject({ status: 'disqualified', disqualifiedReason: 'No budget' });
    for (const old of ['contacted', 'unqualified']) {
      expect((await send(rep, 'PATCH', `/leads/${String(created.id)}`, { status: old })).status).toBe(400);
    }
  });

  it('refuses conversion fields and the converted status in a write with a 400 naming them', async () => {
    const created = await lead(rep);
    const customer = await send(rep, 'POST', '/customers', { name: 'Somebody' });
    for (const body of [
      { convertedCustomerId: customer.body.id },
      { convertedOpportunityId: customer.body.id },
      { status: 'converted' },
      { assignmentRuleId: customer.body.id },
    ]) {
      const res = await send(rep, 'PATCH', `/leads/${String(created.id)}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors?.[0]?.path).toBe(Object.keys(body)[0]);
    }
    const create = await send(rep, 'POST', '/leads', { name: 'X', convertedCustomerId: customer.body.id });
    expect(create.status).toBe(400);
    const after = await send(rep, 'GET', `/leads/${String(created.id)}`);
    expect(after.body).toMatchObject({ status: 'new', convertedCustomerId: null, version: created.version });
  });

  it('converts into a new customer, contact and deal in one go, carrying activities and the campaign', async () => {
    const campaign = await send(admin, 'POST', '/campaigns', { name: 'Spring fair', channel: 'event' });
    const created = await lead(rep, { source: 'fair', campaignId: campaign.body.id, phone: '+886 2 1234 5678' });
    const id = String(created.id);
    const call = await send(rep, 'POST', '/activities', { type: 'call', subject: 'First call', leadId: id });
    expect(call.status).toBe(201);
    const res = await send(rep, 'POST', `/leads/${id}/convert`, {
      opportunity: { pipelineId, stageId, amount: 50_000, currency: 'USD' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.created).toBe(true);
    const { customerId, contactId, opportunityId } = res.body as Record<string, string>;
    expect(res.body.lead).toMatchObject({
      status: 'converted',
      convertedCustomerId: customerId,
      convertedContactId: contactId,
      convertedOpportunityId: opportunityId,
    });
    expect((res.body.lead as Json).convertedAt).toEqual(expect.any(String));
    const customer = await send(rep, 'GET', `/customers/${customerId}`);
    expect(customer.body).toMatchObject({ name: 'Lee Trading', kind: 'company', source: 'fair', ownerId: rep.userId });
    const contact = await send(rep, 'GET', `/contacts/${contactId}`);
    expect(contact.body).toMatchObject({ name: 'Ann Lee', customerId, emails: ['ann@lee.test'] });
    const deal = await send(rep, 'GET', `/opportunities/${opportunityId}`);
    expect(deal.body).toMatchObject({
      customerId,
      contactId,
      pipelineId,
      stageId,
      amount: 50_000,
      campaignId: campaign.body.id,
      source: 'fair',
      ownerId: rep.userId,
    });
    const activity = await send(rep, 'GET', `/activities/${String(call.body.id)}`);
    expect(activity.body).toMatchObject({ leadId: id, customerId, contactId, opportunityId });
    const history = await send(rep, 'GET', `/leads/${id}/history`);
    expect((history.body.items as Json[])[0]).toMatchObject({ action: 'update', actorId: rep.userId });
  });

  it('answers a second conversion with what the lead became, creating nothing twice', async () => {
    const id = String((await lead(rep)).id);
    const first = await send(rep, 'POST', `/leads/${id}/convert`, {});
    expect(first.status).toBe(201);
    const before = [await count('customers'), await count('contacts'), await count('opportunities')];
    const again = await send(rep, 'POST', `/leads/${id}/convert`, {
      opportunity: { pipelineId, stageId, currency: 'USD' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      created: false,
      customerId: first.body.customerId,
      contactId: first.body.contactId,
    });
    expect([await count('customers'), await count('contacts'), await count('opportunities')]).toEqual(before);
    // The same Idempotency-Key replays the first answer; with another body it is a 422.
    const other = String((await lead(rep)).id);
    const headers = { 'idempotency-key': `convert-${other}` };
    const one = await send(rep, 'POST', `/leads/${other}/convert`, { createContact: false }, headers);
    const two = await send(rep, 'POST', `/leads/${other}/convert`, { createContact: false }, headers);
    expect(one.status).toBe(201);
    expect(two.status).toBe(201);
    expect(two.body).toEqual(one.body);
    expect(one.body.contactId).toBeNull();
    expect((await send(rep, 'POST', `/leads/${other}/convert`, {}, headers)).status).toBe(422);
  });

  it('runs concurrent conversions of one lead once', async () => {
    const id = String((await lead(admin)).id);
    const before = await count('customers');
    const answers = await Promise.all([1, 2, 3, 4].map(() => send(admin, 'POST', `/leads/${id}/convert`, {})));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.customerId)).size).toBe(1);
    expect(await count('customers')).toBe(before + 1);
  });

  it('links existing records the caller can read, and refuses others as unknown ids, changing nothing', async () => {
    const customer = await send(rep, 'POST', '/customers', { name: 'Existing Co' });
    const contact = await send(rep, 'POST', '/contacts', { name: 'Bo', customerId: customer.body.id });
    const id = String((await lead(rep)).id);
    const hidden = await send(rep2, 'POST', '/customers', { name: 'Not yours' });
    const foreign = await send(kit.globex.users.admin, 'POST', '/customers', { name: 'Other org' });
    const unknown = '01900000-0000-7000-8000-000000000000';
    const answers = [];
    for (const customerId of [String(hidden.body.id), String(foreign.body.id), unknown]) {
      const res = await send(rep, 'POST', `/leads/${id}/convert`, { customerId });
      const { requestId: _r, ...problem } = res.body;
      answers.push({ status: res.status, problem });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[0]).toMatchObject({ status: 400, problem: { errors: [{ path: 'customerId', code: 'not_found' }] } });
    const badStage = await send(rep, 'POST', `/leads/${id}/convert`, {
      opportunity: { pipelineId, stageId: unknown, currency: 'USD' },
    });
    expect(badStage.status).toBe(400);
    expect(badStage.body.errors?.[0]?.path).toBe('opportunity.stageId');
    expect((await send(rep, 'GET', `/leads/${id}`)).body.status).toBe('new');
    const linked = await send(rep, 'POST', `/leads/${id}/convert`, {
      customerId: customer.body.id,
      contactId: contact.body.id,
    });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({
      customerId: customer.body.id,
      contactId: contact.body.id,
      opportunityId: null,
    });
  });

  it('lets only writers convert leads they can see', async () => {
    const mine = String((await lead(rep)).id);
    expect((await send(viewer, 'POST', `/leads/${mine}/convert`, {})).status).toBe(403);
    expect((await send(rep2, 'POST', `/leads/${mine}/convert`, {})).status).toBe(404);
    expect((await send(kit.globex.users.admin, 'POST', `/leads/${mine}/convert`, {})).status).toBe(404);
    expect((await send(rep, 'POST', `/leads/${mine}/convert`, { nonsense: 1 })).status).toBe(400);
    expect((await send(rep, 'GET', `/leads/${mine}`)).body.status).toBe('new');
    const converted = await send(rep, 'PATCH', `/leads/${mine}`, { status: 'working' });
    expect(converted.status).toBe(200);
    await send(rep, 'POST', `/leads/${mine}/convert`, {});
    expect((await send(rep, 'PATCH', `/leads/${mine}`, { status: 'working' })).status).toBe(409);
  });

  it("offers the customers a lead's company may be, of those the caller can read, marking the very name", async () => {
    const customer = async (who: Member, name: string, ownerId: string) => {
      const res = await send(who, 'POST', '/customers', { name, ownerId });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return String(res.body.id);
    };
    const same = await customer(admin, 'Harbor Freight Co., Ltd.', rep.userId);
    const similar = await customer(admin, 'Harbor Freight East', rep.userId);
    const hidden = await customer(admin, 'Harbor Freight Inc.', rep2.userId);
    await customer(admin, 'Pacific Lumber', rep.userId);
    await customer(kit.globex.users.admin, 'Harbor Freight', kit.globex.users.admin.userId);
    const id = String((await lead(rep, { company: '  HARBOR FREIGHT ' })).id);

    const matches = async (who: Member) => {
      const res = await send(who, 'GET', `/leads/${id}/customer-matches`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items as Json[];
    };
    const forRep = await matches(rep);
    expect(forRep.map((m) => m.id).sort()).toEqual([same, similar].sort());
    expect(forRep.find((m) => m.id === same)).toEqual({ id: same, name: 'Harbor Freight Co., Ltd.', sameName: true });
    expect(forRep.find((m) => m.id === similar)?.sameName).toBe(false);
    expect((await matches(admin)).map((m) => m.id)).toContain(hidden);

    expect((await send(rep2, 'GET', `/leads/${id}/customer-matches`)).status).toBe(404);
    expect((await send(kit.globex.users.admin, 'GET', `/leads/${id}/customer-matches`)).status).toBe(404);
    const noCompany = String((await lead(rep, { company: null })).id);
    expect((await send(rep, 'GET', `/leads/${noCompany}/customer-matches`)).body).toEqual({ items: [] });
  });
});
