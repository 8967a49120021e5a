import { beforeAll, describe, expect, it } from 'vitest';
import { weightedTurns } from '../src/leads/assignment.js';
import { createUser } from '../src/admin.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

describe('weighted turns', () => {
  it('gives each member as many turns as their weight per cycle, spread out', () => {
    const turns = weightedTurns([
      { userId: 'a', weight: 3 },
      { userId: 'b', weight: 1 },
    ]);
    expect(turns).toEqual(['a', 'a', 'b', 'a']);
  });
});

/** Assignment rules: who gets a new lead without an owner, and why. */
describe.each(testDatabases())('assignment rules on $name', ({ name, get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let n = 0;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  /** A team of `size` new reps in its own organization of the kit (acme). */
  const team = async (size: number) => {
    const created = await send(admin, 'POST', '/teams', { name: `Team ${n++}` });
    const members: Member[] = [];
    for (let i = 0; i < size; i++) {
      const user = await createUser(get().db, kit.acme.id, {
        email: `member-${n}-${i}-${Date.now()}@acme.test`,
        name: `Member ${i}`,
        role: 'rep',
      });
      const member = { orgId: kit.acme.id, userId: user.id, role: user.role };
      kit.addMember(member);
      expect((await send(admin, 'PATCH', `/users/${user.id}`, { teamId: created.body.id })).status).toBe(200);
      members.push(member);
    }
    return { id: String(created.body.id), members: members.sort((a, b) => a.userId.localeCompare(b.userId)) };
  };
  const rule = async (body: Json) => {
    const res = await send(admin, 'POST', '/assignment-rules', { name: `Rule ${n++}`, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const newLead = async (body: Json = {}) => {
    const res = await send(admin, 'POST', '/leads', { name: `Lead ${n++}`, ownerId: null, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep } = kit.acme.users);
  });

  it('lets only owners and admins change rules, and checks what a strategy needs', async () => {
    expect(
      (await send(rep, 'POST', '/assignment-rules', { name: 'R', strategy: 'member', userId: rep.userId })).status,
    ).toBe(403);
    const missing = await send(admin, 'POST', '/assignment-rules', { name: 'R', strategy: 'round_robin' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'teamId', code: 'required' })]);
    const foreign = await send(admin, 'POST', '/assignment-rules', {
      name: 'R',
      strategy: 'weighted',
      weights: [{ userId: kit.globex.users.rep.userId, weight: 1 }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'weights.0.userId', code: 'not_found' })]);
    const other = await send(admin, 'POST', '/assignment-rules', {
      name: 'R',
      strategy: 'member',
      userId: kit.globex.users.rep.userId,
    });
    expect(other.status).toBe(400);
  });

  it('assigns by the first matching rule, on conditions and custom attributes, and records why', async () => {
    const { members } = await team(1);
    const vip = await rule({
      position: 1,
      strategy: 'member',
      userId: members[0]!.userId,
      conditions: [
        { field: 'country', values: ['TW'] },
        { field: 'attributes.tier', values: ['VIP'] },
      ],
    });
    const matching = await newLead({ country: 'TW', attributes: { tier: 'vip' } });
    expect(matching).toMatchObject({ ownerId: members[0]!.userId, assignmentRuleId: vip.id });
    expect(matching.assignmentReason).toContain(String(vip.name));
    const other = await newLead({ country: 'US', attributes: { tier: 'vip' } });
    expect(other.assignmentRuleId).not.toBe(vip.id);
    // A member who names an owner, or creates a lead as themselves, is not reassigned.
    const own = await send(rep, 'POST', '/leads', { name: 'Mine', country: 'TW', attributes: { tier: 'VIP' } });
    expect(own.body).toMatchObject({ ownerId: rep.userId, assignmentRuleId: null });
    await send(admin, 'DELETE', `/assignment-rules/${String(vip.id)}`);
  });

  it("forgets the rule's reason once an owner is changed by hand, and keeps it on other edits", async () => {
    const { members } = await team(1);
    const chosen = await rule({ position: 1, strategy: 'member', userId: members[0]!.userId });
    const lead = await newLead();
    expect(lead).toMatchObject({ ownerId: members[0]!.userId, assignmentRuleId: chosen.id });
    const edited = await send(admin, 'PATCH', `/leads/${String(lead.id)}`, { score: 40 });
    expect(edited.body).toMatchObject({ assignmentRuleId: chosen.id, assignmentReason: lead.assignmentReason });

    const handed = await send(admin, 'PATCH', `/leads/${String(lead.id)}`, { ownerId: rep.userId });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body).toMatchObject({
      ownerId: rep.userId,
      assignmentRuleId: null,
      assignmentReason: 'assigned by hand',
    });
    expect(Date.parse(String(handed.body.assignedAt))).toBeGreaterThan(Date.parse(String(lead.assignedAt)));

    const unowned = await send(admin, 'PATCH', `/leads/${String(handed.body.id)}`, { ownerId: null });
    expect(unowned.body).toMatchObject({
      ownerId: null,
      assignmentRuleId: null,
      assignmentReason: null,
      assignedAt: null,
    });
    await send(admin, 'DELETE', `/assignment-rules/${String(chosen.id)}`);
  });

  it('skips away and inactive members, and falls back to the fallback owner', async () => {
    const { id, members } = await team(3);
    const [a, b, c] = members;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await send(admin, 'PATCH', `/users/${b!.userId}`, { awayUntil: tomorrow })).status).toBe(200);
    const r = await rule({
      position: 0,
      strategy: 'round_robin',
      teamId: id,
      fallbackUserId: admin.userId,
      conditions: [{ field: 'source', values: [`away-${n}`] }],
    });
    const source = (r.conditions as { values: string[] }[])[0]!.values[0]!;
    const owners = [];
    for (let i = 0; i < 4; i++) owners.push((await newLead({ source })).ownerId);
    expect(owners).toEqual([a!.userId, c!.userId, a!.userId, c!.userId]);
    await send(admin, 'PATCH', `/users/${a!.userId}`, { active: false });
    await send(admin, 'PATCH', `/users/${c!.userId}`, { awayUntil: tomorrow });
    const fallback = await newLead({ source });
    expect(fallback.ownerId).toBe(admin.userId);
    expect(fallback.assignmentReason).toContain('fallback');
    await send(admin, 'DELETE', `/assignment-rules/${String(r.id)}`);
  });

  it('assigns by load to the member with the fewest open leads', async () => {
    const { id, members } = await team(2);
    for (let i = 0; i < 2; i++) await send(admin, 'POST', '/leads', { name: 'Busy', ownerId: members[0]!.userId });
    const r = await rule({
      position: 0,
      strategy: 'load',
      teamId: id,
      conditions: [{ field: 'source', values: [`load-${n}`] }],
    });
    const source = (r.conditions as { values: string[] }[])[0]!.values[0]!;
    const owners = [];
    for (let i = 0; i < 4; i++) owners.push((await newLead({ source })).ownerId);
    expect(owners.filter((o) => o === members[1]!.userId)).toHaveLength(3);
    expect(owners.filter((o) => o === members[0]!.userId)).toHaveLength(1);
    await send(admin, 'DELETE', `/assignment-rules/${String(r.id)}`);
  });

  /**
   * A create sent with all the others at once. The test database's pool has 4 connections and
   * answers 503 (Retry-After) to a request that waits over 3 s for one: that request wrote
   * nothing, and a client sends it again, as this does.
   */
  const concurrentLead = async (body: Json, retried: { n: number }) => {
    for (;;) {
      const res = await send(admin, 'POST', '/leads', { name: `Lead ${n++}`, ownerId: null, ...body });
      if (res.status !== 503) {
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body;
      }
      retried.n++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('distributes concurrent creates exactly: round robin and weights', async () => {
    const total = name === 'postgres' ? 200 : 40;
    const { id, members } = await team(4);
    const rr = await rule({
      position: 0,
      strategy: 'round_robin',
      teamId: id,
      conditions: [{ field: 'source', values: [`rr-${n}`] }],
    });
    const rrSource = (rr.conditions as { values: string[] }[])[0]!.values[0]!;
    const retried = { n: 0 };
    const started = performance.now();
    const created = await Promise.all(
      Array.from({ length: total }, () => concurrentLead({ source: rrSource }, retried)),
    );
    console.info(
      `${name}: ${total} concurrent round-robin creates in ${Math.round(performance.now() - started)} ms, ${retried.n} retried after 503`,
    );
    const perMember = members.map((m) => created.filter((l) => l.ownerId === m.userId).length);
    expect(perMember).toEqual(members.map(() => total / 4));
    expect(new Set(created.map((l) => l.id)).size).toBe(total);
    const stored = await send(admin, 'GET', `/assignment-rules/${String(rr.id)}`);
    expect(stored.body).toMatchObject({ assignedCount: total, version: 1 });

    const weighted = await rule({
      position: 0,
      strategy: 'weighted',
      weights: [
        { userId: members[0]!.userId, weight: 3 },
        { userId: members[1]!.userId, weight: 1 },
      ],
      conditions: [{ field: 'source', values: [`w-${n}`] }],
    });
    const wSource = (weighted.conditions as { values: string[] }[])[0]!.values[0]!;
    const shares = await Promise.all(Array.from({ length: total }, () => concurrentLead({ source: wSource }, retried)));
    expect(shares.filter((l) => l.ownerId === members[0]!.userId)).toHaveLength((total * 3) / 4);
    expect(shares.filter((l) => l.ownerId === members[1]!.userId)).toHaveLength(total / 4);
  });
});
