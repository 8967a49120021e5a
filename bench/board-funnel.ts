// Board, funnel, forecast, win rates and performance report request times through the kit (in-process `app.request`, as a host would
// call it), on the scale organizations of the benchmark database:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx crmkit seed --scale 10000   # and 100000, 1000000
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx tsx bench/setup.ts
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx tsx bench/board-funnel.ts [--iterations 300] [--warmup 30] [--reads-only] [--only text]
//
// Prints a Markdown table: median and p95 per request and scale, and the ratio of the largest
// scale to the smallest (the budget: at most 2).
import type { Caller } from '@crmkit/server';
import { sql } from 'drizzle-orm';
import os from 'node:os';
import { benchKit, flag, machine, ms, openBenchDatabase, ownerRows, stats, type Stats } from './lib.js';

const iterations = Number(flag('iterations', '300'));
const warmup = Number(flag('warmup', '30'));
const scales = flag('scales', '10000,100000,1000000').split(',').map(Number);
const database = openBenchDatabase();

interface Org {
  scale: number;
  orgId: string;
  pipelineId: string;
  stageIds: string[];
  admin: Caller;
  rep: Caller;
  deal: string;
}

async function org(scale: number): Promise<Org | undefined> {
  const [row] = await ownerRows<{ id: string; pipeline: string; stages: string }>(
    database,
    sql`select o.id, p.id as pipeline, (select string_agg(s.id::text, ',' order by s.position) from crm.stages s
                                       where s.org_id = o.id and s.pipeline_id = p.id) as stages
        from crm.organizations o join crm.pipelines p on p.org_id = o.id
        where o.slug = ${`scale-${scale}`}`,
  );
  if (!row) return undefined;
  const users = await ownerRows<{ id: string; role: Caller['role'] }>(
    database,
    sql`select id, role from crm.users where org_id = ${row.id} order by email`,
  );
  const admin = users.find((u) => u.role === 'admin')!;
  const rep = users.find((u) => u.role === 'rep')!;
  // A deal of the rep's in an open stage, to move back and forth.
  const [deal] = await ownerRows<{ id: string }>(
    database,
    sql`select id from crm.opportunities where org_id = ${row.id} and owner_id = ${rep.id}
        and stage_id = ${row.stages.split(',')[1]!} and deleted_at is null limit 1`,
  );
  return {
    scale,
    orgId: row.id,
    pipelineId: row.pipeline,
    stageIds: row.stages.split(','),
    admin: { orgId: row.id, userId: admin.id, role: 'admin' },
    rep: { orgId: row.id, userId: rep.id, role: 'rep' },
    deal: deal!.id,
  };
}

const orgs = (await Promise.all(scales.map(org))).filter((o): o is Org => Boolean(o));
const request = benchKit(
  database,
  orgs.flatMap((o) => [o.admin, o.rep]),
);

type Case = [name: string, run: (o: Org) => () => Promise<unknown>];
const cases: Case[] = [
  ['board (admin)', (o) => () => request(o.admin, 'GET', `/pipelines/${o.pipelineId}/board`)],
  [
    'board, one owner (admin, ?ownerId=)',
    (o) => () => request(o.admin, 'GET', `/pipelines/${o.pipelineId}/board?ownerId=${o.rep.userId}`),
  ],
  ['board (rep, row-level security)', (o) => () => request(o.rep, 'GET', `/pipelines/${o.pipelineId}/board`)],
  [
    'board, close dates (admin, ?closeFrom=&closeTo= 2 weeks)',
    (o) => () => request(o.admin, 'GET', `/pipelines/${o.pipelineId}/board?closeFrom=2026-11-01&closeTo=2026-11-14`),
  ],
  [
    'column, next page (admin)',
    (o) => {
      let cursor = '';
      return async () => {
        if (!cursor) {
          const board = (await request(o.admin, 'GET', `/pipelines/${o.pipelineId}/board`)) as {
            stages: { nextCursor: string }[];
          };
          cursor = board.stages[0]!.nextCursor;
        }
        return request(o.admin, 'GET', `/pipelines/${o.pipelineId}/board/stages/${o.stageIds[0]}?cursor=${cursor}`);
      };
    },
  ],
  ['funnel (admin)', (o) => () => request(o.admin, 'GET', `/reports/funnel?pipelineId=${o.pipelineId}`)],
  [
    'funnel, period (admin, ?from=&to=)',
    (o) => () => request(o.admin, 'GET', `/reports/funnel?pipelineId=${o.pipelineId}&from=2025-01-01&to=2026-12-31`),
  ],
  [
    'funnel (rep, row-level security)',
    (o) => () => request(o.rep, 'GET', `/reports/funnel?pipelineId=${o.pipelineId}`),
  ],
  [
    'forecast, quarter (admin)',
    (o) => () => request(o.admin, 'GET', '/reports/forecast?period=quarter&startsOn=2026-10-01'),
  ],
  ['forecast, year (admin)', (o) => () => request(o.admin, 'GET', '/reports/forecast?period=year&startsOn=2026-01-01')],
  [
    'forecast, year (rep, row-level security)',
    (o) => () => request(o.rep, 'GET', '/reports/forecast?period=year&startsOn=2026-01-01'),
  ],
  [
    'performance, quarter vs the one before (admin)',
    (o) => () =>
      request(
        o.admin,
        'GET',
        '/reports/performance?from=2026-10-01&to=2026-12-31&compareFrom=2026-07-01&compareTo=2026-09-30',
      ),
  ],
  [
    'performance, year (rep, row-level security)',
    (o) => () => request(o.rep, 'GET', '/reports/performance?from=2026-01-01&to=2026-12-31'),
  ],
  [
    'win rates, the last twelve months (admin)',
    (o) => () => request(o.admin, 'GET', `/reports/win-rates?pipelineId=${o.pipelineId}`),
  ],
  [
    'win rates, the last twelve months (rep, row-level security)',
    (o) => () => request(o.rep, 'GET', `/reports/win-rates?pipelineId=${o.pipelineId}`),
  ],
  [
    'move to the next stage and back (rep)',
    (o) => {
      let step = 0;
      return () => request(o.rep, 'POST', `/opportunities/${o.deal}/move`, { stageId: o.stageIds[1 + (step++ % 2)] });
    },
  ],
];

// Scales take turns request by request, so that load on the machine falls on all of them alike.
const results = new Map<string, Map<number, Stats>>();
// `--reads-only` leaves out the move (for a run with the summaries hidden, when writes would
// fail); `--only <text>` keeps the requests whose name contains the text.
const only = flag('only', '');
const selected = cases.filter(
  ([name]) => name.includes(only) && !(process.argv.includes('--reads-only') && name.startsWith('move')),
);
for (const [name, make] of selected) {
  const runs = orgs.map((o) => make(o));
  const n = name.startsWith('move') ? Math.min(iterations, 100) : iterations;
  const samples = orgs.map(() => [] as number[]);
  for (let i = 0; i < n + warmup; i++) {
    for (const [k, run] of runs.entries()) {
      const t = performance.now();
      await run();
      if (i >= warmup) samples[k]!.push(performance.now() - t);
    }
  }
  const byScale = new Map(orgs.map((o, k) => [o.scale, stats(samples[k]!)]));
  results.set(name, byScale);
  console.error(`${name}: ${orgs.map((o) => `${o.scale} ${ms(byScale.get(o.scale)!.median)} ms`).join(', ')}`);
}

const smallest = orgs[0]!.scale;
const largest = orgs.at(-1)!.scale;
console.log(
  `\n${machine()}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )}; ${iterations} requests per cell (moves: ${Math.min(iterations, 100)}), scales interleaved, after ${warmup} warm-up rounds.\n`,
);
console.log(
  `| request | ${orgs.map((o) => `${o.scale.toLocaleString('en')} median / p95 (ms)`).join(' | ')} | ${largest.toLocaleString('en')} ÷ ${smallest.toLocaleString('en')} (median) |`,
);
console.log(`|---|${orgs.map(() => '---:').join('|')}|---:|`);
for (const [name, byScale] of results) {
  const cells = orgs.map((o) => `${ms(byScale.get(o.scale)!.median)} / ${ms(byScale.get(o.scale)!.p95)}`);
  const ratio = byScale.get(largest)!.median / byScale.get(smallest)!.median;
  console.log(`| ${name} | ${cells.join(' | ')} | ${ratio.toFixed(2)} |`);
}
await database.close();
