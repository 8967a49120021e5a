// The support role: a service desk's agent serves every customer, keeps contacts, works every case
// and logs activities, and sees nothing of sales. Held by the role's scopes on every route
// (auth/roles.ts) and by row-level security underneath (crm.visibility 'service').
import { Capabilities } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

describe.each(testDatabases())('the support role on $name', ({ get }) => {
  let kit: TestKit;
  let support: Member;
  let otherAgent: Member;
  let ids: Record<
    'customer' | 'unowned' | 'contact' | 'order' | 'deal' | 'dealCall' | 'customerCall' | 'lead' | 'campaign',
    string
  > &
    Record<'pipeline' | 'segment' | 'repCase', string>;

  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const created = async (who: Member, path: string, body: Json) => {
    const res = await send(who, 'POST', path, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
    return res.body as unknown as Json & { id: string; version: number };
  };
  const itemsOf = async (who: Member, path: string) => {
    const res = await send(who, 'GET', path);
    expect(res.status, path).toBe(200);
    return res.body.items as (Json & { id: string })[];
  };
  /** What the support agent's own transaction sees of a table, row-level security alone deciding. */
  const countAs = async (who: Member, table: string) =>
    inOrg(get().db, who, async (tx) => {
      const [row] = await rows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from crm.${table}`));
      return row!.n;
    });

  beforeAll(async () => {
    kit = await createTestKit(get());
    const { admin, rep } = kit.acme.users;
    support = kit.acme.users.support;
    const agent = await created(admin, '/users', {
      email: `agent-${Date.now()}@acme.test`,
      name: 'Second Agent',
      role: 'support',
    });
    otherAgent = { orgId: kit.acme.id, userId: agent.id, role: 'support' };
    kit.addMember(otherAgent);

    const customer = await created(admin, '/customers', { name: 'Desk Customer', ownerId: rep.userId });
    const unowned = await created(admin, '/customers', { name: 'Desk Walk-in', ownerId: null });
    const contact = await created(admin, '/contacts', { name: 'Desk Caller', customerId: customer.id });
    const order = await created(admin, '/orders', {
      customerId: customer.id,
      totalAmount: 12_500,
      currency: 'USD',
      placedAt: new Date().toISOString(),
    });
    const pipeline = await created(admin, '/pipelines', {
      name: 'Desk pipeline',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    const stages = pipeline.stages as { id: string }[];
    const deal = await created(admin, '/opportunities', {
      name: 'Desk secret deal',
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: stages[0]!.id,
      ownerId: rep.userId,
      currency: 'USD',
      amount: 900_000,
    });
    const dealCall = await created(rep, '/activities', {
      type: 'call',
      subject: 'Desk pricing talk',
      customerId: customer.id,
      opportunityId: deal.id,
    });
    const customerCall = await created(rep, '/activities', {
      type: 'call',
      subject: 'Desk welcome call',
      customerId: customer.id,
    });
    const lead = await created(admin, '/leads', { name: 'Desk lead', company: 'Desk prospect' });
    const campaign = await created(admin, '/campaigns', { name: 'Desk campaign', channel: 'email' });
    const segment = await created(admin, '/segments', {
      name: 'Desk segment',
      rules: { field: 'kind', op: 'eq', value: 'company' },
    });
    const repCase = await created(rep, '/cases', { subject: 'Desk rep case', customerId: customer.id });
    ids = {
      customer: customer.id,
      unowned: unowned.id,
      contact: contact.id,
      order: order.id,
      deal: deal.id,
      dealCall: dealCall.id,
      customerCall: customerCall.id,
      lead: lead.id,
      campaign: campaign.id,
      pipeline: pipeline.id,
      segment: segment.id,
      repCase: repCase.id,
    };
  });

  it('reads every customer, contact, order and case of the organization, whoever owns them', async () => {
    const names = (await itemsOf(support, '/customers?q=Desk&limit=50')).map((c) => c.name);
    expect(names.sort()).toEqual(['Desk Customer', 'Desk Walk-in']);
    expect((await send(support, 'GET', `/customers/${ids.unowned}`)).status).toBe(200);
    expect((await itemsOf(support, `/contacts?customerId=${ids.customer}`)).map((c) => c.id)).toEqual([ids.contact]);
    expect((await itemsOf(support, `/orders?customerId=${ids.customer}`)).map((o) => o.id)).toEqual([ids.order]);
    expect((await itemsOf(support, `/cases?customerId=${ids.customer}`)).map((c) => c.id)).toEqual([ids.repCase]);
    const queues = await send(support, 'GET', '/cases/queues');
    expect(queues.status).toBe(200);
    // The search finds the customer by name, and none of the deals.
    const found = await send(support, 'GET', '/search?q=Desk');
    expect(found.status).toBe(200);
    const kinds = found.body as unknown as Record<string, { id: string }[] | undefined>;
    expect(kinds.customers?.map((c) => c.id)).toContain(ids.customer);
    expect(kinds.opportunities ?? []).toEqual([]);
    expect(kinds.leads ?? []).toEqual([]);
  });

  it('neither creates, edits nor trashes a customer, and the database refuses it too', async () => {
    expect((await send(support, 'POST', '/customers', { name: 'Desk new company' })).status).toBe(403);
    expect((await send(support, 'PATCH', `/customers/${ids.customer}`, { region: 'Nowhere' })).status).toBe(403);
    expect((await send(support, 'DELETE', `/customers/${ids.customer}`)).status).toBe(403);
    const after = await send(kit.acme.users.admin, 'GET', `/customers/${ids.customer}`);
    expect(after.body).toMatchObject({ name: 'Desk Customer', deletedAt: null });
    expect(after.body.region).not.toBe('Nowhere');
    // Beneath the routes: in the agent's own transaction an update of a customer touches no row.
    const touched = await inOrg(get().db, support, (tx) =>
      rows<{ id: string }>(
        tx,
        sql`update crm.customers set region = 'Nowhere' where id = ${ids.customer} returning id`,
      ),
    );
    expect(touched).toEqual([]);
    expect((await send(support, 'POST', '/orders', { customerId: ids.customer })).status).toBe(403);
  });

  it("keeps a caller's contact details up to date and adds contacts", async () => {
    const contact = await send(support, 'GET', `/contacts/${ids.contact}`);
    const patched = await send(
      support,
      'PATCH',
      `/contacts/${ids.contact}`,
      { phones: ['+1 555 0199'] },
      { 'if-match': `"${String(contact.body.version)}"` },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.phones).toEqual(['+1 555 0199']);
    const added = await created(support, '/contacts', { name: 'Desk second caller', customerId: ids.customer });
    expect((await send(kit.acme.users.rep, 'GET', `/contacts/${added.id}`)).status).toBe(200);
  });

  it('creates a case, assigns it within the desk, works it, resolves and reopens it', async () => {
    const made = await created(support, '/cases', {
      subject: 'Desk: parcel arrived damaged',
      customerId: ids.customer,
      contactId: ids.contact,
      priority: 'high',
      channel: 'phone',
    });
    const patch = async (body: Json) => {
      const current = await send(support, 'GET', `/cases/${made.id}`);
      return send(support, 'PATCH', `/cases/${made.id}`, body, { 'if-match': `"${String(current.body.version)}"` });
    };
    expect((await patch({ ownerId: support.userId, status: 'open' })).body).toMatchObject({
      ownerId: support.userId,
      status: 'open',
    });
    // The call about it, on the case and its customer.
    const call = await created(support, '/activities', {
      type: 'call',
      subject: 'Desk: called back about the parcel',
      caseId: made.id,
      customerId: ids.customer,
    });
    expect((await itemsOf(support, `/activities?caseId=${made.id}`)).map((a) => a.id)).toEqual([call.id]);
    // Not to a sales rep: a field error, and the case stays as it was.
    const refused = await patch({ ownerId: kit.acme.users.rep.userId });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'ownerId', code: 'invalid_value' })]);
    expect((await send(support, 'GET', `/cases/${made.id}`)).body.ownerId).toBe(support.userId);
    expect((await patch({ status: 'pending', ownerId: otherAgent.userId })).body).toMatchObject({
      status: 'pending',
      ownerId: otherAgent.userId,
    });
    const resolved = await patch({ status: 'resolved' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    const reopened = await patch({ status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null });
    const history = await send(support, 'GET', `/cases/${made.id}/history`);
    expect(history.status).toBe(200);
    expect((history.body.items as unknown[]).length).toBeGreaterThanOrEqual(5);
    // A case of a rep's customer, assigned to a rep, is the desk's to work too.
    const repCase = await send(support, 'GET', `/cases/${ids.repCase}`);
    const worked = await send(
      support,
      'PATCH',
      `/cases/${ids.repCase}`,
      { status: 'pending' },
      { 'if-match': `"${String(repCase.body.version)}"` },
    );
    expect(worked.status).toBe(200);
  });

  it("logs calls, notes and tasks on customers and reads their service history, not their deals'", async () => {
    const task = await created(support, '/activities', {
      type: 'task',
      subject: 'Desk: send return label',
      customerId: ids.unowned,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const done = await send(
      support,
      'PATCH',
      `/activities/${task.id}`,
      { doneAt: new Date().toISOString() },
      { 'if-match': `"${String(task.version)}"` },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await created(support, '/activities', { type: 'note', subject: 'Desk: prefers email', customerId: ids.customer });
    const subjects = (await itemsOf(support, `/activities?customerId=${ids.customer}&limit=50`)).map((a) => a.subject);
    expect(subjects).toContain('Desk welcome call');
    expect(subjects).toContain('Desk: prefers email');
    expect(subjects).not.toContain('Desk pricing talk');
    expect((await send(support, 'GET', `/activities/${ids.dealCall}`)).status).toBe(404);
    // Nor may they log an activity on a deal.
    expect(
      (await send(support, 'POST', '/activities', { type: 'note', subject: 'x', opportunityId: ids.deal })).status,
    ).not.toBe(201);
  });

  it('sees nothing of deals, leads, campaigns, pipelines, segments, quotas, forecasts or reports', async () => {
    const refused = [
      '/opportunities',
      `/opportunities/${ids.deal}`,
      '/leads',
      `/leads/${ids.lead}`,
      '/leads/queues',
      '/campaigns',
      '/pipelines',
      `/pipelines/${ids.pipeline}/board`,
      '/segments',
      `/segments/${ids.segment}/customers`,
      `/customers/${ids.customer}/segments`,
      '/quotas',
      '/forecast-adjustments',
      '/reports/funnel',
      '/reports/forecast',
      '/reports/performance',
      '/reports/customers',
      '/reports/campaigns',
      '/exports/opportunities',
      '/assignment-rules',
      '/lead-forms',
      '/api-keys',
      '/webhook-endpoints',
    ];
    for (const path of refused) expect((await send(support, 'GET', path)).status, path).toBe(403);
    expect((await send(support, 'POST', '/opportunities', { name: 'x' })).status).toBe(403);
    expect((await send(support, 'POST', `/customers/${ids.customer}/merge`, { duplicateId: ids.unowned })).status).toBe(
      403,
    );
    // Row-level security says the same, whatever a route would ask.
    for (const table of [
      'opportunities',
      'stage_history',
      'leads',
      'campaigns',
      'pipelines',
      'stages',
      'segments',
      'quotas',
      'forecast_adjustments',
      'lead_forms',
      'assignment_rules',
      'stage_totals',
      'funnel_totals',
    ])
      expect(await countAs(support, table), table).toBe(0);
    expect(await countAs(kit.acme.users.viewer, 'opportunities')).toBeGreaterThan(0);
  });

  it("answers a customer's summary without its deals, which an admin's summary shows", async () => {
    const theirs = await send(support, 'GET', `/customers/${ids.customer}/summary`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.openOpportunities).toEqual({ count: 0, amounts: [], items: [] });
    expect(theirs.body.segments).toEqual([]);
    expect(theirs.body.orders).toMatchObject({ count: 1 });
    expect(theirs.body.contacts).toMatchObject({ total: expect.any(Number) });
    expect(JSON.stringify(theirs.body)).not.toContain('Desk secret deal');
    const admins = await send(kit.acme.users.admin, 'GET', `/customers/${ids.customer}/summary`);
    expect((admins.body.openOpportunities as { count: number }).count).toBe(1);
  });

  it('says exactly that in GET /me, for screens to offer only what works', async () => {
    const res = await send(support, 'GET', '/me');
    expect(res.status).toBe(200);
    const caps = Capabilities.parse(res.body);
    expect(caps).toMatchObject({ role: 'support', visibility: 'all', owners: null, unowned: true });
    const all = { read: true, create: true, edit: true, delete: true };
    const readOnly = { read: true, create: false, edit: false, delete: false };
    const none = { read: false, create: false, edit: false, delete: false };
    expect(caps.resources).toEqual({
      customers: readOnly,
      contacts: all,
      leads: none,
      campaigns: none,
      pipelines: none,
      opportunities: none,
      activities: all,
      orders: readOnly,
      cases: all,
      segments: none,
      users: readOnly,
      teams: readOnly,
      'assignment-rules': none,
      'lead-forms': none,
      quotas: none,
      'forecast-adjustments': none,
      'custom-fields': readOnly,
    });
    expect(caps.opportunities.move).toBe(false);
  });

  it('is given and taken by admins, and applies to the next request', async () => {
    const { admin, manager } = kit.acme.users;
    const member = await created(admin, '/users', { email: `switch-${Date.now()}@acme.test`, name: 'Switcher' });
    const who: Member = { orgId: kit.acme.id, userId: member.id, role: 'rep' };
    kit.addMember(who);
    expect((await send(who, 'GET', '/opportunities')).status).toBe(200);
    const byManager = await send(manager, 'PATCH', `/users/${member.id}`, { role: 'support' });
    expect(byManager.status).toBe(403);
    const given = await send(admin, 'PATCH', `/users/${member.id}`, { role: 'support' });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    expect((await send(who, 'GET', '/opportunities')).status).toBe(403);
    expect(((await send(who, 'GET', '/me')).body as Json).role).toBe('support');
    const taken = await send(admin, 'PATCH', `/users/${member.id}`, { role: 'rep' });
    expect(taken.status).toBe(200);
    expect((await send(who, 'GET', '/opportunities')).status).toBe(200);
    const bad = await send(admin, 'PATCH', `/users/${member.id}`, { role: 'helpdesk' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
  });

  it('keeps the desk to its own organization', async () => {
    const globex = kit.globex.users.admin;
    const theirs = await created(globex, '/customers', { name: 'Desk Globex' });
    expect((await send(support, 'GET', `/customers/${theirs.id}`)).status).toBe(404);
    const names = (await itemsOf(support, '/customers?q=Desk&limit=50')).map((c) => c.name);
    expect(names).not.toContain('Desk Globex');
  });
});
