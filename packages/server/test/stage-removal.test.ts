import type { Problem } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Json = Record<string, unknown>;
type Stage = { id: string; name: string; probability: number; kind: string };

/**
 * Removing a stage from a pipeline and moving deals into it at the same time: one of the two
 * loses, so no live deal ever sits in a stage its pipeline no longer lists.
 */
describe.each(testDatabases())('removing a stage while deals enter it, on $name', ({ name, get }) => {
  let kit: TestKit;
  let admin: Member;
  let customerId: string;

  const send = async (who: Member, method: string, path: string, body?: unknown) => {
    const res = await kit.request(who, method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json & Problem };
  };
  /** A pipeline with stages A, B and C, and `deals` deals in A. */
  const setUp = async (deals: number) => {
    const pipeline = await send(admin, 'POST', '/pipelines', {
      name: 'Race',
      stages: ['A', 'B', 'C'].map((s) => ({ name: s, probability: 10 })),
    });
    expect(pipeline.status).toBe(201);
    const stages = pipeline.body.stages as Stage[];
    const ids: string[] = [];
    for (let i = 0; i < deals; i++) {
      const deal = await send(admin, 'POST', '/opportunities', {
        name: `Deal ${i}`,
        customerId,
        pipelineId: pipeline.body.id,
        stageId: stages[0]!.id,
        currency: 'USD',
      });
      expect(deal.status).toBe(201);
      ids.push(String(deal.body.id));
    }
    return { id: String(pipeline.body.id), stages, deals: ids };
  };
  /** Drops stage B: what the pipeline editor sends. */
  const dropB = (id: string, stages: Stage[]) =>
    send(admin, 'PATCH', `/pipelines/${id}`, { stages: [stages[0], stages[2]] });
  /** Live deals of this organization in a stage that is in the trash. */
  const stranded = async () =>
    (
      await rows<{ n: number }>(
        get().db,
        sql`select count(*)::int as n from crm.opportunities o
            join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
            where o.org_id = ${kit.acme.id} and o.deleted_at is null and s.deleted_at is not null`,
      )
    )[0]!.n;

  beforeAll(async () => {
    kit = await createTestKit(get());
    admin = kit.acme.users.admin;
    customerId = String((await send(admin, 'POST', '/customers', { name: 'Race Co' })).body.id);
  });

  it('refuses a move, a patch or a new deal into a removed stage with a 400 naming stageId', async () => {
    const { id, stages, deals } = await setUp(1);
    expect((await dropB(id, stages)).status).toBe(200);
    const removed = stages[1]!.id;
    const notAStage = [{ path: 'stageId', code: 'not_found', message: 'Not a stage of this pipeline' }];
    const move = await send(admin, 'POST', `/opportunities/${deals[0]}/move`, { stageId: removed });
    expect(move.status).toBe(400);
    expect(move.body.errors).toEqual(notAStage);
    const patch = await send(admin, 'PATCH', `/opportunities/${deals[0]}`, { stageId: removed });
    expect(patch.status).toBe(400);
    expect(patch.body.errors).toEqual(notAStage);
    const create = await send(admin, 'POST', '/opportunities', {
      name: 'Late',
      customerId,
      pipelineId: id,
      stageId: removed,
      currency: 'USD',
    });
    expect(create.status).toBe(400);
    expect(create.body.errors).toEqual(notAStage);
    expect((await send(admin, 'GET', `/opportunities/${deals[0]}`)).body.stageId).toBe(stages[0]!.id);
  });

  // PGlite runs one transaction at a time, so only a server shows the race.
  it.skipIf(name === 'pglite')(
    'lets either the removal or the moves win, never both, over many concurrent rounds',
    async () => {
      const outcomes = { removed: 0, kept: 0 };
      for (let round = 0; round < 30; round++) {
        const { id, stages, deals } = await setUp(3);
        const target = stages[1]!.id;
        const [removal, ...moves] = await Promise.all([
          dropB(id, stages),
          ...deals.map((deal, i) =>
            i % 2
              ? send(admin, 'POST', `/opportunities/${deal}/move`, { stageId: target })
              : send(admin, 'PATCH', `/opportunities/${deal}`, { stageId: target }),
          ),
        ]);
        const moved = moves.filter((m) => m.status === 200).length;
        if (removal!.status === 200) {
          outcomes.removed++;
          expect(moved, `round ${round}: the stage went, so no deal may have entered it`).toBe(0);
          for (const m of moves) expect([400, 409]).toContain(m.status);
        } else {
          outcomes.kept++;
          expect(removal!.status, JSON.stringify(removal!.body)).toBe(409);
        }
        expect(await stranded(), `round ${round}`).toBe(0);
      }
      expect(outcomes.removed + outcomes.kept).toBe(30);
    },
    120_000,
  );
});
