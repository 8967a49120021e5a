import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/admin.js';
import { rows } from '../src/db/rows.js';
import { reassignUntouchedLeads } from '../src/leads/reassign.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit, type TestOrg } from './kit.js';

/** Re-assignment of leads nobody touched N hours after a rule assigned them. */
describe.each(testDatabases())('re-assigning untouched leads on $name', ({ name, get }) => {
  let kit: TestKit;
  let n = 0;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const run = (options = {}) => reassignUntouchedLeads(get().db, options);

  /** A team of `size` new reps in `org`, sorted by id (the rotation's order). */
  const team = async (org: TestOrg, size: number) => {
    const admin = org.users.admin;
    const created = await send(admin, 'POST', '/teams', { name: `Team ${n++}` });
    const members: Member[] = [];
    for (let i = 0; i < size; i++) {
      const user = await createUser(get().db, org.id, {
        email: `member-${n++}-${Date.now()}@reassign.test`,
        name: `Member ${i}`,
        role: 'rep',
      });
      const member = { orgId: org.id, userId: user.id, role: user.role };
      kit.addMember(member);
      expect((await send(admin, 'PATCH', `/users/${user.id}`, { teamId: created.body.id })).status).toBe(200);
      members.push(member);
    }
    return { id: String(created.body.id), members: members.sort((a, b) => a.userId.localeCompare(b.userId)) };
  };
  /** A rule for leads of its own source (so no other test's leads match it), and that source. */
  const rule = async (org: TestOrg, body: Json) => {
    const source = `src-${n++}`;
    const res = await send(org.users.admin, 'POST', '/assignment-rules', {
      name: `Rule ${n++}`,
      conditions: [{ field: 'source', values: [source] }],
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { ...(res.body as Json), source } as Json & { source: string };
  };
  const newLead = async (org: TestOrg, source: string) => {
    const res = await send(org.users.admin, 'POST', '/leads', { name: `Lead ${n++}`, ownerId: null, source });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  /** Moves a lead's assignment `hours` into the past, as if it had waited that long. */
  const age = (lead: Json, hours: number) =>
    get().db.execute(
      sql`update crm.leads set assigned_at = now() - make_interval(hours => ${hours}) where id = ${String(lead.id)}`,
    );
  const getLead = async (org: TestOrg, lead: Json) =>
    (await send(org.users.admin, 'GET', `/leads/${String(lead.id)}`)).body;
  /** The lead's history entries written by nobody (the kit itself). */
  const systemEntries = async (lead: Json) =>
    rows<{ org_id: string; action: string }>(
      get().db,
      sql`select org_id::text as org_id, action from crm.audit_log
          where entity = 'lead' and entity_id = ${String(lead.id)} and actor_id is null and action = 'update'`,
    );

  beforeAll(async () => {
    // Runs here are the test's own: no scheduler beside them.
    kit = await createTestKit(get(), { jobs: false });
  });

  it('checks the setting: whole hours from 1 to 720, or null', async () => {
    const { members, id } = await team(kit.acme, 1);
    const admin = kit.acme.users.admin;
    for (const hours of [0, 721, 1.5]) {
      const res = await send(admin, 'POST', '/assignment-rules', {
        name: 'R',
        strategy: 'round_robin',
        teamId: id,
        reassignAfterHours: hours,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'reassignAfterHours' })]);
    }
    const r = await rule(kit.acme, { strategy: 'member', userId: members[0]!.userId });
    expect(r.reassignAfterHours).toBeNull();
    const patched = await send(admin, 'PATCH', `/assignment-rules/${String(r.id)}`, { reassignAfterHours: 24 });
    expect(patched.body.reassignAfterHours).toBe(24);
    expect(patched.body.name).toBe(r.name);
    await send(admin, 'DELETE', `/assignment-rules/${String(r.id)}`);
  });

  it('re-assigns a lead untouched past N hours to the next member, with the reason, history and version', async () => {
    const { id, members } = await team(kit.acme, 3);
    const [a, b] = members;
    const r = await rule(kit.acme, { strategy: 'round_robin', teamId: id, reassignAfterHours: 4 });
    const lead = await newLead(kit.acme, r.source);
    expect(lead).toMatchObject({
      ownerId: a!.userId,
      assignmentReason: `rule "${String(r.name)}": round robin turn 1`,
    });

    await age(lead, 3);
    await run();
    expect((await getLead(kit.acme, lead)).ownerId).toBe(a!.userId);

    await age(lead, 5);
    const before = Date.now();
    await run();
    const after = await getLead(kit.acme, lead);
    expect(after).toMatchObject({
      ownerId: b!.userId,
      assignmentRuleId: r.id,
      assignmentReason: `rule "${String(r.name)}": reassigned after 4 hours untouched (round robin turn 2)`,
      version: Number(lead.version) + 1,
      status: 'new',
    });
    expect(new Date(String(after.assignedAt)).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const history = await send(kit.acme.users.admin, 'GET', `/leads/${String(lead.id)}/history`);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({
        action: 'update',
        actorId: null,
        after: expect.objectContaining({ ownerId: b!.userId }),
        before: expect.objectContaining({ ownerId: a!.userId }),
      }),
    );
    // Freshly re-assigned: not due again until another 4 hours pass.
    await run();
    expect((await getLead(kit.acme, lead)).ownerId).toBe(b!.userId);
    // The rotation moved on: the next new lead takes the turn after the re-assignment.
    expect((await newLead(kit.acme, r.source)).assignmentReason).toContain('round robin turn 3');
    await send(kit.acme.users.admin, 'DELETE', `/assignment-rules/${String(r.id)}`);
  });

  it('leaves alone a lead with an activity, a lead no longer new, one a member changed, and rules without the setting', async () => {
    const { id, members } = await team(kit.acme, 2);
    const admin = kit.acme.users.admin;
    const r = await rule(kit.acme, { strategy: 'round_robin', teamId: id, reassignAfterHours: 2 });
    const plain = await rule(kit.acme, { strategy: 'round_robin', teamId: id });
    const withActivity = await newLead(kit.acme, r.source);
    const working = await newLead(kit.acme, r.source);
    const edited = await newLead(kit.acme, r.source);
    const noSetting = await newLead(kit.acme, plain.source);
    const untouched = await newLead(kit.acme, r.source);
    for (const lead of [withActivity, working, edited, noSetting, untouched]) await age(lead, 3);
    const owner = members.find((m) => m.userId === withActivity.ownerId)!;
    kit.addMember(owner);
    const call = await send(owner, 'POST', '/activities', {
      type: 'call',
      subject: 'First call',
      leadId: withActivity.id,
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    expect((await send(admin, 'PATCH', `/leads/${String(working.id)}`, { status: 'working' })).status).toBe(200);
    expect((await send(admin, 'PATCH', `/leads/${String(edited.id)}`, { phone: '+886 2 1234 5678' })).status).toBe(200);

    await run();
    for (const lead of [withActivity, working, edited, noSetting]) {
      const stored = await getLead(kit.acme, lead);
      expect(stored.ownerId).toBe(lead.ownerId);
      expect(stored.assignmentReason).toBe(lead.assignmentReason);
    }
    expect((await getLead(kit.acme, untouched)).ownerId).not.toBe(untouched.ownerId);
    for (const x of [r, plain]) await send(admin, 'DELETE', `/assignment-rules/${String(x.id)}`);
  });

  it('skips away members, and leaves a lead with its owner when nobody else is available', async () => {
    const { id, members } = await team(kit.acme, 3);
    const [a, b, c] = members;
    const admin = kit.acme.users.admin;
    const r = await rule(kit.acme, { strategy: 'round_robin', teamId: id, reassignAfterHours: 1 });
    const lead = await newLead(kit.acme, r.source);
    expect(lead.ownerId).toBe(a!.userId);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await send(admin, 'PATCH', `/users/${b!.userId}`, { awayUntil: tomorrow })).status).toBe(200);
    await age(lead, 2);
    await run();
    const moved = await getLead(kit.acme, lead);
    expect(moved.ownerId).toBe(c!.userId);
    expect(moved.assignmentReason).toContain('round robin turn 3');

    // Now only c's colleagues could take it, and they are away or inactive: it stays, run after run.
    expect((await send(admin, 'PATCH', `/users/${a!.userId}`, { active: false })).status).toBe(200);
    await age(lead, 2);
    for (let i = 0; i < 2; i++) {
      const result = await run({ limit: 1 });
      expect(result.kept).toBeGreaterThanOrEqual(1);
    }
    expect(await getLead(kit.acme, lead)).toMatchObject({ ownerId: c!.userId, version: moved.version });

    // A fallback owner other than the owner takes it.
    expect(
      (await send(admin, 'PATCH', `/assignment-rules/${String(r.id)}`, { fallbackUserId: admin.userId })).status,
    ).toBe(200);
    await run();
    const fallback = await getLead(kit.acme, lead);
    expect(fallback.ownerId).toBe(admin.userId);
    expect(fallback.assignmentReason).toContain('reassigned after 1 hour untouched (fallback owner');
    await send(admin, 'DELETE', `/assignment-rules/${String(r.id)}`);
  });

  it('re-assigns each due lead once when runs overlap', async () => {
    const total = name === 'postgres' ? 30 : 10;
    const { id, members } = await team(kit.acme, 3);
    const r = await rule(kit.acme, { strategy: 'round_robin', teamId: id, reassignAfterHours: 1 });
    const leads = [];
    for (let i = 0; i < total; i++) leads.push(await newLead(kit.acme, r.source));
    for (const lead of leads) await age(lead, 2);
    // Small batches, so the runs interleave their transactions.
    await Promise.all([run({ limit: 3 }), run({ limit: 3 }), run({ limit: 5 })]);
    for (const lead of leads) {
      expect(await systemEntries(lead)).toHaveLength(1);
      const stored = await getLead(kit.acme, lead);
      expect(stored.ownerId).not.toBe(lead.ownerId);
      expect(stored.version).toBe(Number(lead.version) + 1);
    }
    // A re-assignment moves the rotation on, but is no new lead for the rule's count.
    const stored = await send(kit.acme.users.admin, 'GET', `/assignment-rules/${String(r.id)}`);
    expect(stored.body.assignedCount).toBe(total);
    expect(new Set(leads.map((l) => l.ownerId))).toEqual(new Set(members.map((m) => m.userId)));
    await send(kit.acme.users.admin, 'DELETE', `/assignment-rules/${String(r.id)}`);
  });

  it("keeps each organization's leads, members and history to itself", async () => {
    const acmeTeam = await team(kit.acme, 2);
    const globexTeam = await team(kit.globex, 2);
    const acmeRule = await rule(kit.acme, { strategy: 'round_robin', teamId: acmeTeam.id, reassignAfterHours: 3 });
    const globexRule = await rule(kit.globex, {
      strategy: 'round_robin',
      teamId: globexTeam.id,
      reassignAfterHours: 3,
    });
    const acmeDue = await newLead(kit.acme, acmeRule.source);
    const acmeFresh = await newLead(kit.acme, acmeRule.source);
    const globexDue = await newLead(kit.globex, globexRule.source);
    const globexFresh = await newLead(kit.globex, globexRule.source);
    await age(acmeDue, 4);
    await age(globexDue, 4);
    await run();
    const acmeIds = acmeTeam.members.map((m) => m.userId);
    const globexIds = globexTeam.members.map((m) => m.userId);
    const acmeAfter = await getLead(kit.acme, acmeDue);
    const globexAfter = await getLead(kit.globex, globexDue);
    expect(acmeAfter.ownerId).not.toBe(acmeDue.ownerId);
    expect(acmeIds).toContain(acmeAfter.ownerId);
    expect(globexAfter.ownerId).not.toBe(globexDue.ownerId);
    expect(globexIds).toContain(globexAfter.ownerId);
    for (const [org, lead] of [
      [kit.acme, acmeFresh],
      [kit.globex, globexFresh],
    ] as const) {
      expect((await getLead(org, lead)).version).toBe(lead.version);
    }
    expect((await systemEntries(acmeDue)).map((e) => e.org_id)).toEqual([kit.acme.id]);
    expect((await systemEntries(globexDue)).map((e) => e.org_id)).toEqual([kit.globex.id]);
    // Nothing of one organization is visible from the other.
    expect((await send(kit.acme.users.admin, 'GET', `/leads/${String(globexDue.id)}`)).status).toBe(404);
    await send(kit.acme.users.admin, 'DELETE', `/assignment-rules/${String(acmeRule.id)}`);
    await send(kit.globex.users.admin, 'DELETE', `/assignment-rules/${String(globexRule.id)}`);
  });

  it('runs on a timer inside the kit, and stops with its shutdown', async () => {
    const { id } = await team(kit.acme, 2);
    const r = await rule(kit.acme, { strategy: 'round_robin', teamId: id, reassignAfterHours: 1 });
    const lead = await newLead(kit.acme, r.source);
    await age(lead, 2);
    const timed = await createTestKit(get(), { jobs: { reassignEveryMs: 1000 } });
    try {
      await expect
        .poll(async () => (await getLead(kit.acme, lead)).ownerId, { timeout: 10_000, interval: 200 })
        .not.toBe(lead.ownerId);
    } finally {
      await timed.shutdown();
    }
    await send(kit.acme.users.admin, 'DELETE', `/assignment-rules/${String(r.id)}`);
  });
});
