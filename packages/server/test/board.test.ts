import type { Board, BoardCard, BoardColumn, HistoryEntry } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

interface Expected {
  count: number;
  totals: { currency: string; count: number; sum: string; weighted: string }[];
}

describe.each(testDatabases())('board on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  let pipelineId: string;
  let stageIds: string[];
  let vip: string;
  let plain: string;

  const send: TestKit['send'] = (...args) => kit.send(...args);
  const board = async (caller: Member, query = '') => {
    const res = await send(caller, 'GET', `/pipelines/${pipelineId}/board${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as unknown as Board;
  };
  /**
   * A deal of the caller's. An admin creates it for them: its customer is unowned, which a rep
   * may not read, so a rep may not name it in a write.
   */
  const deal = async (caller: Member, fields: Json) => {
    const res = await send(admin, 'POST', '/opportunities', {
      name: 'Deal',
      customerId: plain,
      pipelineId,
      stageId: stageIds[0],
      currency: 'USD',
      amount: 1000,
      ownerId: caller.userId,
      ...fields,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as unknown as Json & { id: string; version: number; position: number };
  };

  /** The figures of every stage by a direct aggregate over the deals, with the same filter. */
  async function expected(filter: SQL = sql`true`): Promise<Map<string, Expected>> {
    const found = await rows<{ stage_id: string; currency: string; count: string; sum: string; weighted: string }>(
      get().db,
      sql`select o.stage_id, o.currency, count(*)::text as count, sum(o.amount)::text as sum,
                 round(sum(o.amount::numeric * coalesce(o.probability, s.probability)) / 100)::text as weighted
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          left join crm.customers cu on cu.org_id = o.org_id and cu.id = o.customer_id
          where o.org_id = ${admin.orgId} and o.pipeline_id = ${pipelineId} and o.deleted_at is null and ${filter}
          group by 1, 2 order by 1, 2`,
    );
    const out = new Map<string, Expected>(stageIds.map((id) => [id, { count: 0, totals: [] }]));
    for (const r of found) {
      const e = out.get(r.stage_id)!;
      e.count += Number(r.count);
      e.totals.push({
        currency: r.currency,
        count: Number(r.count),
        sum: r.sum,
        weighted: r.weighted,
      });
    }
    return out;
  }

  function expectFigures(actual: Board, want: Map<string, Expected>) {
    for (const column of actual.stages) {
      const e = want.get(column.id)!;
      expect({ count: column.count, totals: column.totals }, column.name).toEqual(e);
    }
    expect(actual.count).toBe([...want.values()].reduce((n, e) => n + e.count, 0));
  }

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2 } = kit.acme.users);
    const pipeline = await send(admin, 'POST', '/pipelines', {
      name: 'Board',
      stages: [
        { name: 'Lead', probability: 10 },
        { name: 'Qualified', probability: 30 },
        { name: 'Proposal', probability: 60 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost', requires: ['lostReason'] },
      ],
    });
    expect(pipeline.status, JSON.stringify(pipeline.body)).toBe(201);
    pipelineId = pipeline.body.id as string;
    stageIds = (pipeline.body.stages as { id: string }[]).map((s) => s.id);
    vip = (await send(admin, 'POST', '/customers', { name: 'VIP Co', tags: ['vip'], ownerId: null })).body.id as string;
    plain = (await send(admin, 'POST', '/customers', { name: 'Plain Co', ownerId: null })).body.id as string;
    // A spread of stages, currencies (JPY has no rate), owners, probabilities and close dates.
    const owners = [rep, rep2, admin];
    for (let i = 0; i < 30; i++) {
      const owner = owners[i % 3]!;
      await deal(owner, {
        name: `Spread ${i}`,
        customerId: i % 4 === 0 ? vip : plain,
        stageId: stageIds[i % 4],
        currency: ['USD', 'EUR', 'JPY'][i % 3 === 2 ? 2 : i % 2]!,
        amount: 1001 * (i + 1) + (i % 7),
        probability: i % 5 === 0 ? 45 : null,
        expectedCloseDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`,
        ownerId: owner.userId,
      });
    }
  });

  it('gives each stage figures equal to a direct count, per currency and converted', async () => {
    const b = await board(admin);
    expect(b.stages.map((s) => s.id)).toEqual(stageIds);
    expectFigures(b, await expected());
    // Converted: EUR at 1.1 USD; JPY has no rate and is named, not silently dropped.
    const usd = (c: BoardColumn) => c.totals.find((t) => t.currency === 'USD');
    const eur = (c: BoardColumn) => c.totals.find((t) => t.currency === 'EUR');
    for (const column of b.stages.filter((s) => s.count > 0)) {
      // usd + eur × 1.1, rounded half up, in whole numbers: (10 × usd + 11 × eur + 5) / 10.
      const tenths = 10n * BigInt(usd(column)?.sum ?? 0) + 11n * BigInt(eur(column)?.sum ?? 0);
      expect(column.converted.sum).toBe(((tenths + 5n) / 10n).toString());
      expect(column.converted.missingRates).toEqual(column.totals.some((t) => t.currency === 'JPY') ? ['JPY'] : []);
    }
    expect(b.converted.missingRates).toEqual(['JPY']);
    expect(b.baseCurrency).toBe('USD');
  });

  it("names the pipeline's usual lost reasons, for the lost dialog to offer", async () => {
    const before = await send(admin, 'GET', `/pipelines/${pipelineId}`);
    const set = await send(
      admin,
      'PATCH',
      `/pipelines/${pipelineId}`,
      { lostReasons: ['Price', 'Timing'] },
      {
        'if-match': `"${String((before.body as Json).version)}"`,
      },
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await board(rep)).lostReasons).toEqual(['Price', 'Timing']);
  });

  it('gives the same figures with every filter', async () => {
    const team = await send(admin, 'POST', '/teams', { name: 'Board team', managerId: null });
    await send(admin, 'PATCH', `/users/${rep2.userId}`, { teamId: team.body.id });
    const cases: [string, SQL][] = [
      [`?ownerId=${rep.userId}`, sql`o.owner_id = ${rep.userId}`],
      [`?mine=true`, sql`o.owner_id = ${admin.userId}`],
      [`?teamId=${String(team.body.id)}`, sql`o.owner_id = ${rep2.userId}`],
      [`?closeFrom=2026-03-01&closeTo=2026-06-30`, sql`o.expected_close_date between '2026-03-01' and '2026-06-30'`],
      [`?closeFrom=2026-10-15`, sql`o.expected_close_date >= '2026-10-15'`],
      [`?closeTo=2026-02-15`, sql`o.expected_close_date <= '2026-02-15'`],
      [`?closeTo=2026-02-15&mine=true`, sql`o.expected_close_date <= '2026-02-15' and o.owner_id = ${admin.userId}`],
      [`?tag=vip`, sql`'vip' = any(cu.tags)`],
      [`?tag=vip&ownerId=${rep.userId}`, sql`'vip' = any(cu.tags) and o.owner_id = ${rep.userId}`],
      [`?ownerId=${rep.userId}&mine=true`, sql`false`],
      [
        `?closeFrom=2026-03-01&teamId=${String(team.body.id)}`,
        sql`o.expected_close_date >= '2026-03-01' and o.owner_id = ${rep2.userId}`,
      ],
    ];
    for (const [query, filter] of cases) {
      const b = await board(admin, query);
      expectFigures(b, await expected(filter));
      for (const column of b.stages) {
        expect(column.cards.length).toBe(Math.min(20, column.count));
      }
    }
    // A rep's board by close dates: their own deals only (from the owners' close-day totals).
    for (const query of ['?closeFrom=2026-03-01&closeTo=2026-06-30', '?closeTo=2026-02-15', '?closeFrom=2026-10-15']) {
      const [from, to] = [/closeFrom=([\d-]+)/.exec(query)?.[1], /closeTo=([\d-]+)/.exec(query)?.[1]];
      expectFigures(
        await board(rep, query),
        await expected(
          sql`o.owner_id = ${rep.userId} and ${from ? sql`o.expected_close_date >= ${from}::date` : sql`true`}
              and ${to ? sql`o.expected_close_date <= ${to}::date` : sql`true`}`,
        ),
      );
    }
  });

  it('filters the cards by a tag of their customer, as the deals themselves are tagged', async () => {
    // A tag counts where the caller may see the customer: a rep's VIP customer of their own.
    const repVip = (await send(admin, 'POST', '/customers', { name: 'Rep VIP', tags: ['vip'], ownerId: rep.userId }))
      .body.id as string;
    await deal(rep, { name: 'Rep VIP deal', customerId: repVip, stageId: stageIds[1] });
    for (const caller of [admin, rep]) {
      const b = await board(caller, '?tag=vip&limit=100');
      const want = await rows<{ stage_id: string; id: string }>(
        get().db,
        sql`select o.stage_id, o.id from crm.opportunities o
            join crm.customers cu on cu.org_id = o.org_id and cu.id = o.customer_id
            where o.org_id = ${admin.orgId} and o.pipeline_id = ${pipelineId} and o.deleted_at is null
              and 'vip' = any(cu.tags)
              and ${caller === rep ? sql`o.owner_id = ${rep.userId} and cu.owner_id = ${rep.userId}` : sql`true`}
            order by o.position, o.id`,
      );
      expect(want.length).toBeGreaterThan(0);
      for (const column of b.stages) {
        const ids = want.filter((w) => w.stage_id === column.id).map((w) => w.id);
        expect(
          column.cards.map((c) => c.id),
          `${column.name} as ${caller.role}`,
        ).toEqual(ids);
      }
    }
    const none = await board(admin, '?tag=nobody-has-this');
    expect(none.count).toBe(0);
    expect(none.stages.flatMap((s) => s.cards)).toEqual([]);
  });

  it('counts for a tag only the deals and customers the caller may see, and keeps the tag totals in step', async () => {
    const repVip = (await send(admin, 'POST', '/customers', { name: 'Rep VIP 2', tags: ['vip'], ownerId: rep.userId }))
      .body.id as string;
    // On the rep's VIP customer: a deal of the rep's (counted for them) and one of rep2's (not theirs to see).
    const mine = await deal(rep, { name: 'Counted', customerId: repVip, stageId: stageIds[2], amount: 700 });
    const theirs = await deal(rep2, { name: 'Not counted', customerId: repVip, stageId: stageIds[2], amount: 900 });
    // The rep's deals on the unowned VIP customer (the spread's) are theirs, but the customer is not.
    const visibleTo = (caller: Member) =>
      caller === admin
        ? sql`'vip' = any(cu.tags)`
        : sql`'vip' = any(cu.tags) and o.owner_id = ${caller.userId} and cu.owner_id = ${caller.userId}`;
    const check = async (mineLive = true) => {
      for (const caller of [admin, rep]) {
        const b = await board(caller, '?tag=vip&limit=100');
        expectFigures(b, await expected(visibleTo(caller)));
        const cards = b.stages.flatMap((column) => column.cards);
        expect(cards.length).toBe(b.count);
        if (caller === rep) {
          expect(cards.map((c) => c.id).includes(mine.id)).toBe(mineLive);
          expect(cards.map((c) => c.id)).not.toContain(theirs.id);
          expect(cards.every((c) => c.ownerId === rep.userId && c.customerId !== vip)).toBe(true);
        }
      }
      expectFigures(
        await board(admin, `?tag=vip&ownerId=${rep2.userId}`),
        await expected(sql`'vip' = any(cu.tags) and o.owner_id = ${rep2.userId}`),
      );
    };
    await check();

    // Tag changes (added, removed, repeated), a deal moved to another customer, trash and restore.
    const tagsOf = async (id: string, tags: string[]) => {
      const current = await send(admin, 'GET', `/customers/${id}`);
      const res = await send(
        admin,
        'PATCH',
        `/customers/${id}`,
        { tags },
        { 'if-match': `"${String(current.body.version)}"` },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await tagsOf(plain, ['vip', 'other']);
    await check();
    await tagsOf(plain, ['other', 'other']);
    await send(admin, 'PATCH', `/opportunities/${theirs.id}`, { customerId: plain });
    await send(admin, 'PATCH', `/opportunities/${mine.id}`, { amount: 701, probability: 20 });
    await send(admin, 'DELETE', `/opportunities/${mine.id}`);
    await check(false);
    await send(admin, 'POST', `/opportunities/${mine.id}/restore`);
    await tagsOf(plain, []);
    await check();
    const summary = () =>
      rows(
        get().db,
        sql`select tag, stage_id, owner_id, currency, deals::text, amount::text, amount_default::text, weighted_override::text
            from crm.stage_tag_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4`,
      );
    const kept = await summary();
    expect(kept.length).toBeGreaterThan(0);
    await rows(get().db, sql`select crm.summaries_rebuild(${admin.orgId}::uuid)`);
    expect(await summary()).toEqual(kept);
  });

  it('shows a rep only their own deals, and a manager their team and unowned deals', async () => {
    const b = await board(rep);
    expectFigures(b, await expected(sql`o.owner_id = ${rep.userId}`));
    expect(b.stages.flatMap((s) => s.cards).every((c) => c.ownerId === rep.userId)).toBe(true);
    expect(b.count).toBeGreaterThan(0);

    const manager = kit.acme.users.manager;
    const team = await send(admin, 'POST', '/teams', { name: 'Managed', managerId: manager.userId });
    await send(admin, 'PATCH', `/users/${rep.userId}`, { teamId: team.body.id });
    const m = await board(manager);
    expectFigures(m, await expected(sql`(o.owner_id in (${rep.userId}, ${manager.userId}) or o.owner_id is null)`));
  });

  it('pages a column without skipping or repeating, while cards move and arrive', async () => {
    const stage = stageIds[2]!;
    for (let i = 0; i < 23; i++) await deal(rep2, { name: `Page ${i}`, stageId: stage, ownerId: rep2.userId });
    const want = (
      await rows<{ id: string }>(
        get().db,
        sql`select id from crm.opportunities where org_id = ${admin.orgId} and stage_id = ${stage}
            and deleted_at is null order by position, id`,
      )
    ).map((r) => r.id);
    const first = (await board(admin, '?limit=5')).stages[2]!;
    const seen = first.cards.map((c) => c.id);
    let cursor = first.nextCursor;
    let moved = 0;
    while (cursor) {
      // A card already seen leaves the column, a new deal arrives at its top (above the pages
      // read: not seen), and a deal moved in from another stage arrives at its bottom.
      const gone = seen[moved++]!;
      const current = await send(admin, 'GET', `/opportunities/${gone}`);
      await send(
        admin,
        'POST',
        `/opportunities/${gone}/move`,
        { stageId: stageIds[1] },
        { 'if-match': `"${String(current.body.version)}"` },
      );
      await deal(rep2, { name: `New ${moved}`, stageId: stage, ownerId: rep2.userId });
      const late = await deal(rep2, { name: `Late ${moved}`, stageId: stageIds[1], ownerId: rep2.userId });
      const moveIn = await send(
        rep2,
        'POST',
        `/opportunities/${late.id}/move`,
        { stageId: stage },
        {
          'if-match': `"${String(late.version)}"`,
        },
      );
      expect(moveIn.status, JSON.stringify(moveIn.body)).toBe(200);
      want.push(late.id);
      const page = await send(admin, 'GET', `/pipelines/${pipelineId}/board/stages/${stage}?limit=5&cursor=${cursor}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const column = page.body as unknown as BoardColumn;
      seen.push(...column.cards.map((c) => c.id));
      cursor = column.nextCursor;
      // Figures cover the whole column, not the page.
      expect(column.count).toBe((await expected()).get(stage)!.count);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(want);
  });

  it('moves a deal between two cards, with history, audit, a new version and ETag', async () => {
    // B first: a new deal goes to the top, so A ends up above B.
    const [b, a, c] = [
      await deal(rep, { name: 'Move B', stageId: stageIds[1], ownerId: rep.userId }),
      await deal(rep, { name: 'Move A', stageId: stageIds[1], ownerId: rep.userId }),
      await deal(rep, { name: 'Move C', stageId: stageIds[0], ownerId: rep.userId, amount: 777, currency: 'EUR' }),
    ];
    const before = await expected();
    const moved = await send(
      rep,
      'POST',
      `/opportunities/${c.id}/move`,
      { stageId: stageIds[1], afterId: a.id, beforeId: b.id },
      {
        'if-match': '"1"',
      },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.res.headers.get('etag')).toBe('"2"');
    expect(moved.body).toMatchObject({ id: c.id, stageId: stageIds[1], version: 2 });
    expect(moved.body.position).toBeGreaterThan(a.position);
    expect(moved.body.position).toBeLessThan(b.position);

    const column = (await send(rep, 'GET', `/pipelines/${pipelineId}/board/stages/${stageIds[1]}?limit=100`))
      .body as unknown as BoardColumn;
    const order = column.cards.map((card) => card.id);
    expect(order.indexOf(c.id)).toBe(order.indexOf(a.id) + 1);
    expect(order.indexOf(b.id)).toBe(order.indexOf(c.id) + 1);

    const history = await rows<{ from_stage_id: string | null; to_stage_id: string }>(
      get().db,
      sql`select from_stage_id, to_stage_id from crm.stage_history where org_id = ${rep.orgId}
          and opportunity_id = ${c.id} order by changed_at, id`,
    );
    expect(history).toEqual([
      { from_stage_id: null, to_stage_id: stageIds[0] },
      { from_stage_id: stageIds[0], to_stage_id: stageIds[1] },
    ]);
    const audit = (await send(rep, 'GET', `/opportunities/${c.id}/history`)).body.items as HistoryEntry[];
    expect(audit[0]).toMatchObject({ action: 'update', actorId: rep.userId });
    expect(audit[0]!.after).toMatchObject({ stageId: stageIds[1], version: 2 });

    // The figures followed the move exactly.
    const after = await expected();
    expect(after.get(stageIds[0]!)!.count).toBe(before.get(stageIds[0]!)!.count - 1);
    expect(after.get(stageIds[1]!)!.count).toBe(before.get(stageIds[1]!)!.count + 1);
    expectFigures(await board(admin), after);
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const d = await deal(rep, { name: 'Stale', ownerId: rep.userId });
    await send(rep, 'PATCH', `/opportunities/${d.id}`, { amount: 2000 }, { 'if-match': '"1"' });
    const snapshot = async () => ({
      record: (await send(rep, 'GET', `/opportunities/${d.id}`)).body,
      audit: (await send(rep, 'GET', `/opportunities/${d.id}/history`)).body.items,
      history: await rows(get().db, sql`select * from crm.stage_history where opportunity_id = ${d.id}`),
      figures: await expected(),
    });
    const before = await snapshot();
    const stale = await send(
      rep,
      'POST',
      `/opportunities/${d.id}/move`,
      { stageId: stageIds[2] },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.res.headers.get('content-type')).toBe('application/problem+json');
    expect(await snapshot()).toEqual(before);
    expectFigures(await board(admin), before.figures);
  });

  it('asks for a lost reason with a 400 naming the field, and takes it with the move', async () => {
    const d = await deal(rep, { name: 'Lost one', ownerId: rep.userId });
    const refused = await send(rep, 'POST', `/opportunities/${d.id}/move`, { stageId: stageIds[4] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'lostReason', code: 'required', message: expect.any(String) }]);
    expect((await send(rep, 'GET', `/opportunities/${d.id}`)).body).toMatchObject({ stageId: stageIds[0], version: 1 });
    const lost = await send(rep, 'POST', `/opportunities/${d.id}/move`, { stageId: stageIds[4], lostReason: 'Price' });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect(lost.body).toMatchObject({ stageId: stageIds[4], lostReason: 'Price', forecastCategory: 'omitted' });
  });

  it('reorders within a stage without stage history', async () => {
    const stage = stageIds[3]!;
    const cards: Awaited<ReturnType<typeof deal>>[] = [];
    for (let i = 0; i < 3; i++)
      cards.push(await deal(rep, { name: `Order ${i}`, stageId: stage, ownerId: rep.userId }));
    const history = () => rows(get().db, sql`select id from crm.stage_history where opportunity_id = ${cards[0]!.id}`);
    const order = async () =>
      (
        (await send(rep, 'GET', `/pipelines/${pipelineId}/board/stages/${stage}?limit=100&mine=true`))
          .body as unknown as BoardColumn
      ).cards
        .map((c) => c.name)
        .filter((n) => n.startsWith('Order'));
    // New deals go to the top, the newest first.
    expect(await order()).toEqual(['Order 2', 'Order 1', 'Order 0']);
    const before = await history();
    const res = await send(rep, 'POST', `/opportunities/${cards[0]!.id}/move`, {
      stageId: stage,
      beforeId: cards[2]!.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await history()).toEqual(before);
    expect(await order()).toEqual(['Order 0', 'Order 2', 'Order 1']);
    // To the bottom when no neighbour is given.
    await send(rep, 'POST', `/opportunities/${cards[0]!.id}/move`, { stageId: stage });
    expect(await order()).toEqual(['Order 2', 'Order 1', 'Order 0']);
  });

  it('keeps order when one gap takes many moves, spreading the cards out when the doubles run out', async () => {
    const stage = stageIds[3]!;
    // Created B first: a new deal goes to the top, so A ends up above B.
    const b = await deal(rep2, { name: 'Gap B', stageId: stage, ownerId: rep2.userId });
    const a = await deal(rep2, { name: 'Gap A', stageId: stage, ownerId: rep2.userId });
    // Always between A and the card last put after it: the gap halves every time.
    let upper = b;
    const placed: string[] = [];
    for (let i = 0; i < 70; i++) {
      const d = await deal(rep2, { name: `Gap ${i}`, stageId: stageIds[0], ownerId: rep2.userId });
      const res = await send(rep2, 'POST', `/opportunities/${d.id}/move`, {
        stageId: stage,
        afterId: a.id,
        beforeId: upper.id,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      placed.unshift(d.id);
      upper = res.body as never;
    }
    const column = (await send(rep2, 'GET', `/pipelines/${pipelineId}/board/stages/${stage}?limit=100&mine=true`))
      .body as unknown as BoardColumn;
    const ids = column.cards.map((c: BoardCard) => c.id);
    expect(ids.slice(ids.indexOf(a.id), ids.indexOf(b.id) + 1)).toEqual([a.id, ...placed, b.id]);
    const positions = column.cards.map((c) => c.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    // The gap ran out of doubles, so the cards around it were spread out.
    const [movedA, movedB] = [column.cards.find((c) => c.id === a.id)!, column.cards.find((c) => c.id === b.id)!];
    expect(movedA.position !== a.position || movedB.position !== b.position).toBe(true);
    expect(movedA.version).toBe(1);
  });

  it('refuses bad input with problems, never a 500', async () => {
    const d = await deal(rep, { name: 'Bad input', ownerId: rep.userId });
    const cases: [string, string, unknown, number, string?][] = [
      ['GET', `/pipelines/${pipelineId}/board?limit=0`, undefined, 400, 'limit'],
      ['GET', `/pipelines/${pipelineId}/board?ownerId=nope`, undefined, 400, 'ownerId'],
      ['GET', `/pipelines/${pipelineId}/board?closeFrom=2026-05-01&closeTo=2026-04-01`, undefined, 400, 'closeTo'],
      ['GET', `/pipelines/${pipelineId}/board?mine=perhaps`, undefined, 400, 'mine'],
      ['GET', `/pipelines/not-a-uuid/board`, undefined, 400, 'id'],
      ['GET', `/pipelines/${pipelineId}/board/stages/${stageIds[0]}?cursor=garbage`, undefined, 400, 'cursor'],
      ['GET', `/pipelines/${pipelineId}/board/stages/${stageIds[0]}?cursor=WzEsIngiXQ`, undefined, 400, 'cursor'],
      ['GET', `/pipelines/${pipelineId}/board/stages/${pipelineId}`, undefined, 404],
      ['POST', `/opportunities/${d.id}/move`, {}, 400, 'stageId'],
      ['POST', `/opportunities/${d.id}/move`, { stageId: pipelineId }, 400, 'stageId'],
      ['POST', `/opportunities/${d.id}/move`, { stageId: stageIds[1], afterId: d.id }, 400, 'afterId'],
      ['POST', `/opportunities/${d.id}/move`, { stageId: stageIds[1], beforeId: pipelineId }, 400, 'beforeId'],
      ['POST', `/opportunities/${pipelineId}/move`, { stageId: stageIds[1] }, 404],
    ];
    for (const [method, path, body, status, field] of cases) {
      const res = await send(rep, method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.res.headers.get('content-type')).toBe('application/problem+json');
      if (field) expect(res.body.errors?.map((e) => e.path)).toContain(field);
    }
    const stale = await send(
      rep,
      'POST',
      `/opportunities/${d.id}/move`,
      { stageId: stageIds[1] },
      { 'if-match': 'soon' },
    );
    expect(stale.status).toBe(400);
    const viewer = await send(kit.acme.users.viewer, 'POST', `/opportunities/${d.id}/move`, { stageId: stageIds[1] });
    expect(viewer.status).toBe(403);
  });

  it("answers 404 for another organization's pipeline and deals", async () => {
    const intruder = kit.globex.users.admin;
    const d = await deal(rep, { name: 'Not yours', ownerId: rep.userId });
    for (const [method, path, body] of [
      ['GET', `/pipelines/${pipelineId}/board`],
      ['GET', `/pipelines/${pipelineId}/board/stages/${stageIds[0]}`],
      ['GET', `/reports/funnel?pipelineId=${pipelineId}`],
      ['POST', `/opportunities/${d.id}/move`, { stageId: stageIds[1] }],
    ] as const) {
      const res = await send(intruder, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await send(rep, 'GET', `/opportunities/${d.id}`)).body).toMatchObject({ version: 1, stageId: stageIds[0] });
  });

  it('keeps the maintained per-stage totals equal to a recount after every kind of write', async () => {
    const d = await deal(rep, { name: 'Churn', ownerId: rep.userId, probability: 80, currency: 'EUR' });
    await send(rep, 'PATCH', `/opportunities/${d.id}`, { amount: 5555, probability: null, ownerId: rep.userId });
    await send(admin, 'PATCH', `/opportunities/${d.id}`, { ownerId: rep2.userId, currency: 'USD' });
    await send(admin, 'PATCH', `/opportunities/${d.id}`, { expectedCloseDate: '2027-01-31' });
    await send(admin, 'PATCH', `/opportunities/${d.id}`, { expectedCloseDate: null });
    await send(admin, 'PATCH', `/opportunities/${d.id}`, { expectedCloseDate: '2027-02-28' });
    await send(admin, 'DELETE', `/opportunities/${d.id}`);
    await send(admin, 'POST', `/opportunities/${d.id}/restore`);
    await send(admin, 'DELETE', `/opportunities/${(await deal(admin, { name: 'Gone' })).id}`);
    expectFigures(await board(admin), await expected());
    expectFigures(
      await board(admin, '?closeFrom=2027-01-01'),
      await expected(sql`o.expected_close_date >= '2027-01-01'`),
    );
    const summary = async () => [
      await rows(
        get().db,
        sql`select stage_id, owner_id, currency, deals::text, amount::text, amount_default::text, weighted_override::text
            from crm.stage_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3`,
      ),
      await rows(
        get().db,
        sql`select stage_id, close_date::text, currency, deals::text, amount::text, amount_default::text,
                   weighted_override::text
            from crm.stage_close_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3`,
      ),
      await rows(
        get().db,
        sql`select stage_id, owner_id, forecast_category, close_date::text, currency, deals::text, amount::text,
                   amount_default::text, weighted_override::text
            from crm.stage_owner_close_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4, 5`,
      ),
      await rows(
        get().db,
        sql`select stage_id, owner_id, closed_day::text, currency, deals::text, amount::text, amount_default::text,
                   weighted_override::text
            from crm.stage_owner_closed_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4`,
      ),
    ];
    const kept = await summary();
    await rows(get().db, sql`select crm.summaries_rebuild(${admin.orgId}::uuid)`);
    expect(await summary()).toEqual(kept);
  });

  it('documents the board, the move and the funnel in the OpenAPI document', async () => {
    const res = await kit.app.request('/api/crm/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, { description?: string }>> };
    expect(Object.keys(doc.paths['/pipelines/{id}/board'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/pipelines/{id}/board/stages/{stageId}'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/opportunities/{id}/move'] ?? {})).toEqual(['post']);
    expect(doc.paths['/reports/funnel']?.get?.description).toMatch(/furthest step/);
  });
});
