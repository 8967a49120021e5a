// The benchmark matrix: every list route with each of its sorts and filters, searches of five
// kinds, the header search (`GET /search`), and every board and funnel path, each as an admin, a
// rep and a manager (of a team), at 10k and at 1M opportunities. Through the kit in-process
// (`app.request`, as a host calls it). Also the sales performance report (a quarter against the one
// before, and a year) and the customer analysis. For each cell: median and p95 of N runs, the 1M ÷ 10k
// ratio of the medians, and the indexes the plans used at 1M, found as bench/explain.ts finds
// them (the queries one request runs, replayed under EXPLAIN ANALYZE as the kit's role with the
// same settings, in a transaction that is rolled back), with auto_explain showing the plans of
// the statements run inside functions (the search candidates).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx crmkit seed --scale 10000   # the 1M seed too
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/matrix-setup.ts   # team, leads, cases, campaigns
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/matrix.ts \
//     [--runs 15] [--case-seconds 8] [--slow-runs 3] [--only text] [--groups activities,orders] [--plans-out /tmp/matrix-plans.txt]
//
// The variants of a case (3 roles × 2 scales) take turns run by run, so that load on the shared
// machine falls on all of them alike. A case stops early (after at least 5 runs) once it has
// taken --case-seconds, so a pathological cell cannot hold the run for minutes. Budgets flagged
// with ✗: the 1M median more than 2× the 10k median, or (searches and list pages) a 1M p95 over
// 50 ms.
import { createCrm, type Caller, type CrmDatabase } from '@crmkit/server';
import { connectPostgres } from '@crmkit/server/postgres';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { Hono } from 'hono';
import { appendFileSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import * as schema from '../packages/server/src/db/schema/index.js';
import { benchKit, databaseUrl, flag, loadAverage, machine, ms, openBenchDatabase, ownerRows, stats } from './lib.js';

const runs = Number(flag('runs', '15'));
const caseSeconds = Number(flag('case-seconds', '8'));
const only = flag('only', '');
/** Route groups to run (e.g. `activities,orders`); all by default. */
const groups = flag('groups', '').split(',').filter(Boolean);
/** Runs of a case far over budget (its 1M warm-up over SLOW ms). */
const slowRuns = Number(flag('slow-runs', '3'));
const plansOut = flag('plans-out', '/tmp/matrix-plans.txt');
const scales = [10_000, 1_000_000];
const RATIO_BUDGET = 2;
const P95_BUDGET = 50;
const SLOW = 250;

const database = openBenchDatabase();

type Role = 'admin' | 'rep' | 'manager';
const ROLES: Role[] = ['admin', 'rep', 'manager'];

/** One scale organization and the ids its cases name (all of them visible to all three callers). */
interface Org {
  scale: number;
  pipelineId: string;
  stageIds: string[];
  callers: Record<Role, Caller>;
  teamId: string;
  ids: Record<'customer' | 'contact' | 'lead' | 'opportunity' | 'case' | 'campaign' | 'orderExternalId', string>;
}

async function loadOrg(scale: number): Promise<Org> {
  const one = async <T>(query: ReturnType<typeof sql>) => {
    const [row] = await ownerRows<T>(database, query);
    if (!row) throw new Error(`scale-${scale}: nothing for ${JSON.stringify(query)}; run bench/matrix-setup.ts`);
    return row;
  };
  const org = await one<{ id: string; pipeline: string; stages: string }>(
    sql`select o.id, p.id as pipeline, (select string_agg(s.id::text, ',' order by s.position) from crm.stages s
                                       where s.org_id = o.id and s.pipeline_id = p.id) as stages
        from crm.organizations o join crm.pipelines p on p.org_id = o.id where o.slug = ${`scale-${scale}`}`,
  );
  const o = org.id;
  const admin = await one<{ id: string }>(
    sql`select id from crm.users where org_id = ${o} and role = 'admin' order by email limit 1`,
  );
  // The manager of the team bench/matrix-setup.ts made, and the first rep of that team.
  const team = await one<{ id: string; manager_id: string }>(
    sql`select id, manager_id from crm.teams where org_id = ${o} and name = 'Bench team'`,
  );
  const rep = await one<{ id: string }>(
    sql`select id from crm.users where org_id = ${o} and team_id = ${team.id} and role = 'rep' order by email limit 1`,
  );
  const owned = (table: string) =>
    one<{ id: string }>(
      sql`select id from ${sql.raw(`crm.${table}`)} where org_id = ${o} and owner_id = ${rep.id} and deleted_at is null order by id limit 1`,
    ).then((r) => r.id);
  const campaign = await one<{ id: string }>(sql`select id from crm.campaigns where org_id = ${o} order by id limit 1`);
  const order = await one<{ external_id: string }>(
    sql`select r.external_id from crm.orders r join crm.customers c on c.org_id = r.org_id and c.id = r.customer_id
        where r.org_id = ${o} and c.owner_id = ${rep.id} limit 1`,
  );
  const caller = (id: string, role: Role): Caller => ({ orgId: o, userId: id, role });
  return {
    scale,
    pipelineId: org.pipeline,
    stageIds: org.stages.split(','),
    callers: {
      admin: caller(admin.id, 'admin'),
      rep: caller(rep.id, 'rep'),
      manager: caller(team.manager_id, 'manager'),
    },
    teamId: team.id,
    ids: {
      customer: await owned('customers'),
      contact: await owned('contacts'),
      lead: await owned('leads'),
      opportunity: await owned('opportunities'),
      case: await owned('cases'),
      campaign: campaign.id,
      orderExternalId: order.external_id,
    },
  };
}

type Kind = 'list' | 'search' | 'board' | 'report';
interface Case {
  group: string;
  name: string;
  kind: Kind;
  /** The request path for an organization and caller; async where it needs an earlier answer. */
  path: (o: Org, caller: Caller) => string | Promise<string>;
}

/** The list routes, their sorts (default first) and filters (values for an organization). */
const LISTS: {
  path: string;
  sorts: string[];
  filters: (o: Org) => Record<string, string>;
  /** Whether `q` goes through the trigram index (the tables with a `search` column). */
  indexedSearch: boolean;
}[] = [
  {
    path: 'customers',
    sorts: ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'],
    filters: (o) => ({
      ownerId: o.callers.rep.userId!,
      kind: 'company',
      lifecycleStage: 'customer',
      tag: 'key-account',
      region: 'North',
      externalId: 'bench-none',
    }),
    indexedSearch: true,
  },
  {
    path: 'contacts',
    sorts: ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'],
    filters: (o) => ({ customerId: o.ids.customer, ownerId: o.callers.rep.userId!, externalId: 'bench-none' }),
    indexedSearch: true,
  },
  {
    path: 'leads',
    sorts: ['-createdAt', 'createdAt', 'name', '-name', 'score', '-score'],
    filters: (o) => ({
      status: 'qualified',
      ownerId: o.callers.rep.userId!,
      campaignId: o.ids.campaign,
      externalId: 'bench-none',
    }),
    indexedSearch: true,
  },
  {
    path: 'opportunities',
    sorts: [
      '-updatedAt',
      'updatedAt',
      'name',
      '-name',
      'amount',
      '-amount',
      'expectedCloseDate',
      '-expectedCloseDate',
      'createdAt',
      '-createdAt',
    ],
    filters: (o) => ({
      customerId: o.ids.customer,
      pipelineId: o.pipelineId,
      stageId: o.stageIds[1]!,
      ownerId: o.callers.rep.userId!,
      campaignId: o.ids.campaign,
      forecastCategory: 'commit',
      closeFrom: '2026-11-01',
      closeTo: '2026-11-14',
      externalId: 'bench-none',
    }),
    indexedSearch: true,
  },
  {
    path: 'activities',
    sorts: ['-occurredAt', 'occurredAt', 'createdAt', '-createdAt'],
    filters: (o) => ({
      type: 'call',
      customerId: o.ids.customer,
      contactId: o.ids.contact,
      leadId: o.ids.lead,
      opportunityId: o.ids.opportunity,
      caseId: o.ids.case,
      ownerId: o.callers.rep.userId!,
      open: 'true',
    }),
    indexedSearch: false,
  },
  {
    path: 'orders',
    sorts: ['-placedAt', 'placedAt', 'totalAmount', '-totalAmount', 'createdAt', '-createdAt'],
    filters: (o) => ({ customerId: o.ids.customer, status: 'fulfilled', externalId: o.ids.orderExternalId }),
    indexedSearch: false,
  },
  {
    path: 'cases',
    sorts: ['-createdAt', 'createdAt', 'subject', '-subject', 'dueBy', '-dueBy', 'updatedAt', '-updatedAt'],
    filters: (o) => ({
      status: 'open',
      priority: 'urgent',
      customerId: o.ids.customer,
      ownerId: o.callers.rep.userId!,
    }),
    indexedSearch: false,
  },
  {
    path: 'campaigns',
    sorts: ['-startsOn', 'startsOn', 'name', '-name', 'createdAt', '-createdAt'],
    filters: () => ({ channel: 'email' }),
    indexedSearch: false,
  },
];

/** Search texts: no match, a phone number, an infix, a common word, two Chinese characters. */
const SEARCHES: [label: string, q: string][] = [
  ['rare', 'x9z'],
  ['phone', '555-000-1234'],
  ['infix', 'ogi'],
  ['common', 'labs'],
  ['Chinese, 2 characters', '臺北'],
];

const cases: Case[] = [];
for (const list of LISTS) {
  const base = `/${list.path}`;
  for (const [i, sort] of list.sorts.entries())
    cases.push({
      group: list.path,
      name: `sort=${sort}${i === 0 ? ' (default)' : ''}`,
      kind: 'list',
      path: () => `${base}?sort=${sort}`,
    });
  cases.push({
    group: list.path,
    name: 'page 2 (cursor)',
    kind: 'list',
    path: async (o, caller) => {
      const first = (await request(caller, 'GET', base)) as { nextCursor: string | null };
      return first.nextCursor ? `${base}?cursor=${encodeURIComponent(first.nextCursor)}` : base;
    },
  });
  cases.push({ group: list.path, name: 'trash=true', kind: 'list', path: () => `${base}?trash=true` });
  // The filters' names, from an organization of blanks.
  const blank = { callers: { rep: {} }, ids: {}, stageIds: [] } as unknown as Org;
  for (const name of Object.keys(list.filters(blank)))
    cases.push({
      group: list.path,
      name: `${name}=`,
      kind: 'list',
      path: (o) => `${base}?${name}=${encodeURIComponent(list.filters(o)[name]!)}`,
    });
  for (const [label, q] of list.indexedSearch ? SEARCHES : SEARCHES.filter(([l]) => l === 'rare' || l === 'common'))
    cases.push({
      group: list.path,
      name: `q: ${label} (${q})`,
      kind: 'search',
      path: () => `${base}?q=${encodeURIComponent(q)}`,
    });
}
for (const [label, q] of SEARCHES)
  cases.push({
    group: 'search',
    name: `q: ${label} (${q})`,
    kind: 'search',
    path: () => `/search?q=${encodeURIComponent(q)}`,
  });

const board = (o: Org) => `/pipelines/${o.pipelineId}/board`;
const funnel = (o: Org) => `/reports/funnel?pipelineId=${o.pipelineId}`;
cases.push(
  { group: 'board', name: 'board', kind: 'board', path: (o) => board(o) },
  {
    group: 'board',
    name: 'closeFrom=&closeTo= (2 weeks)',
    kind: 'board',
    path: (o) => `${board(o)}?closeFrom=2026-11-01&closeTo=2026-11-14`,
  },
  { group: 'board', name: 'ownerId=', kind: 'board', path: (o) => `${board(o)}?ownerId=${o.callers.rep.userId}` },
  { group: 'board', name: 'teamId=', kind: 'board', path: (o) => `${board(o)}?teamId=${o.teamId}` },
  { group: 'board', name: 'mine=true', kind: 'board', path: (o) => `${board(o)}?mine=true` },
  { group: 'board', name: 'tag=key-account', kind: 'board', path: (o) => `${board(o)}?tag=key-account` },
  {
    group: 'board',
    name: 'column, next page (cursor)',
    kind: 'board',
    path: async (o, caller) => {
      const first = (await request(caller, 'GET', board(o))) as { stages: { id: string; nextCursor: string | null }[] };
      const column = first.stages[0]!;
      return `${board(o)}/stages/${column.id}${column.nextCursor ? `?cursor=${encodeURIComponent(column.nextCursor)}` : ''}`;
    },
  },
  { group: 'funnel', name: 'funnel', kind: 'report', path: (o) => funnel(o) },
  {
    group: 'funnel',
    name: 'from=&to= (period)',
    kind: 'report',
    path: (o) => `${funnel(o)}&from=2025-01-01&to=2026-12-31`,
  },
  { group: 'funnel', name: 'ownerId=', kind: 'report', path: (o) => `${funnel(o)}&ownerId=${o.callers.rep.userId}` },
  { group: 'funnel', name: 'teamId=', kind: 'report', path: (o) => `${funnel(o)}&teamId=${o.teamId}` },
  {
    group: 'performance',
    name: 'quarter vs the one before',
    kind: 'report',
    path: () => '/reports/performance?from=2026-10-01&to=2026-12-31&compareFrom=2026-07-01&compareTo=2026-09-30',
  },
  {
    group: 'performance',
    name: 'year',
    kind: 'report',
    path: () => '/reports/performance?from=2026-01-01&to=2026-12-31',
  },
  {
    group: 'customers report',
    name: 'RFM, at risk, products, cohorts',
    kind: 'report',
    path: () => '/reports/customers',
  },
  {
    group: 'customers report',
    name: 'atRiskDays=30',
    kind: 'report',
    path: () => '/reports/customers?atRiskDays=30',
  },
);

const orgs = await Promise.all(scales.map(loadOrg));
const callers = orgs.flatMap((o) => ROLES.map((r) => o.callers[r]));
const request = benchKit(database, callers);

// --- Plans: the kit again, on one logged connection, whose queries are replayed under EXPLAIN.
const url = databaseUrl();
const notices: string[] = [];
const planClient = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message ?? '')) });
let captured: { query: string; params: unknown[] }[] | undefined;
const planDatabase: CrmDatabase = {
  ...connectPostgres({ url, max: 1 }),
  db: drizzle(planClient, { schema, logger: { logQuery: (query, params) => captured?.push({ query, params }) } }),
};
const byId = new Map(callers.map((c) => [c.userId!, c]));
const planHost = new Hono().route(
  '/api/crm',
  createCrm({ database: planDatabase, identify: (c) => byId.get(c.req.header('x-bench-user') ?? '') ?? null }),
);

interface Plan {
  indexes: string[];
  seqScans: string[];
  /** How `q` was answered: through the candidates, or row by row (and why). */
  search?: string;
  text: string;
}

/**
 * The sequential scans that read at least 1,000 rows (kept plus filtered out), as "table (rows)":
 * the small tables (users, teams, stages) are scanned whole by design.
 */
function bigSeqScans(plans: string): string[] {
  const read = new Map<string, number>();
  let current: { table: string; loops: number } | undefined;
  for (const line of plans.split('\n')) {
    const scan = /Seq Scan on (\w+).*actual (?:time=\S+ )?rows=(\d+) loops=(\d+)/.exec(line);
    if (scan) {
      current = { table: scan[1]!, loops: Number(scan[3]) };
      read.set(current.table, (read.get(current.table) ?? 0) + Number(scan[2]) * current.loops);
      continue;
    }
    if (/->|^\S/.test(line)) current = undefined;
    const removed = /Rows Removed by Filter: (\d+)/.exec(line);
    if (removed && current) read.set(current.table, read.get(current.table)! + Number(removed[1]) * current.loops);
  }
  return [...read]
    .filter(([, rows]) => rows >= 1000)
    .map(([table, rows]) => `${table} (${rows.toLocaleString('en')} rows)`);
}

const INDEX_SCAN = /(?:Index|Index Only) Scan(?: Backward)? using (\w+)|Bitmap Index Scan on (\w+)/g;

async function planOf(caller: Caller, path: string): Promise<Plan> {
  captured = [];
  const res = await planHost.request(`/api/crm${path}`, { headers: { 'x-bench-user': caller.userId! } });
  await res.text();
  const queries = captured;
  captured = undefined;
  const texts: string[] = [];
  notices.length = 0;
  await planClient
    .begin(async (tx) => {
      // auto_explain (loaded as the superuser, before the scope switches to the kit's role) shows
      // the plans of statements run inside functions, e.g. crm.search_candidates().
      await tx.unsafe(`load 'auto_explain'`);
      await tx.unsafe(`set local auto_explain.log_min_duration = 0`);
      await tx.unsafe(`set local auto_explain.log_nested_statements = on`);
      await tx.unsafe(`set local auto_explain.log_level = notice`);
      await tx.unsafe(`set local auto_explain.log_analyze = on`);
      await tx.unsafe(`set local auto_explain.log_timing = off`);
      for (const { query, params } of queries) {
        if (/^\s*select set_config/i.test(query) || !/^\s*(select|insert|update|delete|with)\b/i.test(query)) {
          await tx.unsafe(query, params as never[]);
          continue;
        }
        const plan = (await tx.unsafe(`explain (analyze, buffers) ${query}`, params as never[])) as {
          'QUERY PLAN': string;
        }[];
        texts.push(`-- ${query.replace(/\s+/g, ' ').slice(0, 300)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
      throw new Error('rollback');
    })
    .catch((error: Error) => {
      if (error.message !== 'rollback') throw error;
    });
  // Nested plans only: the top-level statements' plans are in `texts` already.
  const nested = notices.filter(
    (n) => /search_candidates|SELECT t\.id FROM crm\./i.test(n) && !/Query Text: explain/i.test(n),
  );
  const all = [...texts, ...nested.map((n) => `-- (inside a function)\n${n}`)].join('\n\n');
  const indexes = [...new Set([...all.matchAll(INDEX_SCAN)].map((m) => (m[1] ?? m[2])!))];
  const seqScans = bigSeqScans(all);
  let search: string | undefined;
  if (/[?&]q=/.test(path)) {
    const usedCandidates = queries.some((q) => q.query.includes('search_candidates'));
    const byIds = queries.some((q) => /"id" = any\(/.test(q.query));
    search = !usedCandidates
      ? 'row by row (no trigram: term < 3 characters, or an unindexed list)'
      : byIds
        ? 'candidates by id'
        : 'row by row (over the candidate cap)';
  }
  return { indexes, seqScans, search, text: all };
}

// --- Report.
const misses: string[] = [];
const cellText = (c: Case, role: Role, cells: Map<string, Cell>, plan: Plan | undefined) => {
  const small = cells.get(key(role, scales[0]!))!;
  const large = cells.get(key(role, scales[1]!))!;
  if (small.error || large.error) {
    misses.push(`${c.group} ${c.name} as ${role}: error ${small.error ?? large.error}`);
    return 'error ✗';
  }
  const s = stats(small.samples);
  const l = stats(large.samples);
  const ratio = l.median / s.median;
  const reasons: string[] = [];
  if (ratio > RATIO_BUDGET) reasons.push(`ratio ${ratio.toFixed(2)}`);
  if ((c.kind === 'list' || c.kind === 'search') && l.p95 > P95_BUDGET) reasons.push(`p95 ${ms(l.p95)} ms`);
  if (reasons.length)
    misses.push(
      `${c.group} ${c.name} as ${role}: ${reasons.join(', ')} (10k ${ms(s.median)} ms, 1M ${ms(l.median)} / p95 ${ms(l.p95)} ms; ` +
        `${plan?.search ? `search ${plan.search}; ` : ''}indexes ${plan?.indexes.join(', ') || 'none'}` +
        `${plan?.seqScans.length ? `; seq scans ${plan.seqScans.join(', ')}` : ''})`,
    );
  return `${ms(s.median)} → ${ms(l.median)} / ${ms(l.p95)} (${ratio.toFixed(2)}×)${reasons.length ? ' ✗' : ''}`;
};
const planText = (plans: Map<string, Plan>) => {
  // The plans at 1M, merged over the roles (a role's own difference in brackets).
  const byRole = ROLES.map((role) => [role, plans.get(key(role, scales[1]!))] as const);
  const indexes = [...new Set(byRole.flatMap(([, p]) => p?.indexes ?? []))];
  const seq = byRole.filter(([, p]) => p?.seqScans.length).map(([role, p]) => `${role} ${p!.seqScans.join(', ')}`);
  const searchPaths = [...new Set(byRole.map(([, p]) => p?.search).filter(Boolean))];
  return [
    indexes.join(', ') || 'no index',
    seq.length ? `**seq scan**: ${seq.join('; ')}` : '',
    searchPaths.length ? `search: ${searchPaths.join(' / ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
};

// --- Timing.
interface Cell {
  samples: number[];
  error?: string;
}
const key = (role: Role, scale: number) => `${role}@${scale}`;
const selected = cases.filter(
  (c) => `${c.group} ${c.name}`.includes(only) && (!groups.length || groups.includes(c.group)),
);
console.log(
  'Each cell: 10k median → 1M median / 1M p95 in ms (1M ÷ 10k of the medians). ✗: over budget. Plan: the indexes used at 1M (all three roles), and sequential scans reading 1,000 rows or more.\n',
);
console.log('| route | case | admin | rep | manager | plan at 1M |');
console.log('|---|---|---|---|---|---|');
writeFileSync(plansOut, `Plans of bench/matrix.ts, ${new Date().toISOString()}\n`);
const loadAtStart = loadAverage();
const started = performance.now();

for (const c of selected) {
  const variants = orgs.flatMap((o) => ROLES.map((role) => ({ o, role, caller: o.callers[role] })));
  const cells = new Map<string, Cell>(variants.map((v) => [key(v.role, v.o.scale), { samples: [] }]));
  const paths = new Map<string, string>();
  for (const v of variants) {
    try {
      paths.set(key(v.role, v.o.scale), await c.path(v.o, v.caller));
    } catch (error) {
      cells.get(key(v.role, v.o.scale))!.error = (error as Error).message.slice(0, 120);
    }
  }
  const warmups: number[] = [];
  const caseStarted = performance.now();
  // A case whose 1M warm-up already took over SLOW ms is far over budget: 3 runs tell it well enough.
  let target = runs;
  for (let i = 0; i < target + 1; i++) {
    for (const v of variants) {
      const cell = cells.get(key(v.role, v.o.scale))!;
      const path = paths.get(key(v.role, v.o.scale));
      if (cell.error || !path) continue;
      const t = performance.now();
      try {
        await request(v.caller, 'GET', path);
        if (i > 0)
          cell.samples.push(performance.now() - t); // the first round warms up
        else if (v.o.scale === scales[1]) warmups.push(performance.now() - t);
      } catch (error) {
        cell.error = (error as Error).message.slice(0, 160);
      }
    }
    if (i === 0 && warmups.some((t) => t > SLOW)) target = slowRuns;
    if (i >= 5 && performance.now() - caseStarted > caseSeconds * 1000) break;
  }
  const plans = new Map<string, Plan>();
  for (const v of variants) {
    const path = paths.get(key(v.role, v.o.scale));
    if (!path) continue;
    const plan = await planOf(v.caller, path);
    plans.set(key(v.role, v.o.scale), plan);
    appendFileSync(plansOut, `\n\n===== ${c.group} ${c.name} as ${v.role} at ${v.o.scale}: ${path}\n${plan.text}\n`);
  }
  console.log(
    `| ${c.group} | ${c.name} | ${ROLES.map((r) => cellText(c, r, cells, plans.get(key(r, scales[1]!)))).join(' | ')} | ${planText(plans)} |`,
  );
  const line = ROLES.map((role) => {
    const small = cells.get(key(role, scales[0]!))!;
    const large = cells.get(key(role, scales[1]!))!;
    if (small.error || large.error) return `${role} error`;
    return `${role} ${ms(stats(small.samples).median)}→${ms(stats(large.samples).median)}`;
  }).join(', ');
  console.error(`${c.group} ${c.name}: ${line} (${((performance.now() - caseStarted) / 1000).toFixed(1)} s)`);
}

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(
  `\n${machine()}; PostgreSQL; load average ${loadAtStart} at the start, ${loadAverage()} at the end; ` +
    `${runs} runs per cell (at least 5 when a case passed ${caseSeconds} s; ${slowRuns} when a 1M warm-up took over ${SLOW} ms), ` +
    `6 variants interleaved run by run, after one warm-up round; ${minutes} min.`,
);
console.log(`\n${misses.length} cells over budget:\n`);
for (const m of misses) console.log(`- ${m}`);
await planClient.end();
await planDatabase.close();
await database.close();
