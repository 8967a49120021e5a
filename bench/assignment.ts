// An assignment decision: the time `assignLead()` takes to choose a new lead's owner by the
// organization's rules, inside the lead's transaction as the kit runs it (the kit's role, row-level
// security, the rule's row locked), for each strategy: round robin over a team, by load (fewest
// open leads: it counts them) and by weighted shares. On the organization `scale-1000000` with the
// leads and the team bench/matrix-setup.ts adds (about 250,000 leads over 200 members). The bench's
// rules (made on the first run, `Bench assignment …`) match only its own leads' source, and come
// first. Budget (issue 14): at most 5 ms per decision.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/matrix-setup.ts   # once
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/assignment.ts [--decisions 300] [--scale 1000000]
import { sql } from 'drizzle-orm';
import { inOrg } from '../packages/server/src/db/database.js';
import { assignLead } from '../packages/server/src/leads/assignment.js';
import { benchKit, flag, loadAverage, machine, ms, openBenchDatabase, ownerRows, scaleAdmin, stats } from './lib.js';

const decisions = Number(flag('decisions', '300'));
const scale = flag('scale', '1000000');
const database = openBenchDatabase();
const admin = await scaleAdmin(database, scale);
const send = benchKit(database, [admin]);

const [team] = await ownerRows<{ id: string; members: number }>(
  database,
  sql`select t.id, (select count(*)::int from crm.users u where u.org_id = t.org_id and u.team_id = t.id) as members
      from crm.teams t where t.org_id = ${admin.orgId} and t.deleted_at is null order by t.created_at limit 1`,
);
if (!team) throw new Error(`scale-${scale} has no team: run bench/matrix-setup.ts first`);
const [{ leads }] = (await ownerRows<{ leads: number }>(
  database,
  sql`select count(*)::int as leads from crm.leads where org_id = ${admin.orgId}`,
)) as [{ leads: number }];
const weighted = await ownerRows<{ id: string }>(
  database,
  sql`select id from crm.users where org_id = ${admin.orgId} and role = 'rep' and active order by email limit 10`,
);

const STRATEGIES = {
  round_robin: { teamId: team.id },
  load: { teamId: team.id },
  weighted: { weights: weighted.map((user, i) => ({ userId: user.id, weight: i + 1 })) },
} as const;
type Strategy = keyof typeof STRATEGIES;
const sourceOf = (strategy: Strategy) => `Bench assignment ${strategy}`;

/** The bench's rule for each strategy, made on the first run, ahead of the organization's own. */
for (const [strategy, settings] of Object.entries(STRATEGIES) as [Strategy, object][]) {
  const [existing] = await ownerRows<{ id: string }>(
    database,
    sql`select id from crm.assignment_rules where org_id = ${admin.orgId} and name = ${sourceOf(strategy)}
        and deleted_at is null`,
  );
  if (existing) continue;
  await send(admin, 'POST', '/assignment-rules', {
    name: sourceOf(strategy),
    position: 0,
    strategy,
    conditions: [{ field: 'source', values: [sourceOf(strategy)] }],
    ...settings,
  });
}

console.log(`assignment decisions on scale-${scale}: ${leads.toLocaleString('en')} leads, a team of ${team.members}`);
console.log(`${machine()}; load ${loadAverage()}\n`);
console.log('| strategy | decisions | median ms | p95 ms | mean ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const strategy of Object.keys(STRATEGIES) as Strategy[]) {
  const lead = { name: 'Bench lead', source: sourceOf(strategy), status: 'new', attributes: {} };
  const samples: number[] = [];
  for (let i = 0; i < decisions + 20; i++) {
    await inOrg(database.db, admin, async (tx) => {
      const started = performance.now();
      const assignment = await assignLead(tx, admin.orgId, lead);
      if (!assignment?.assignmentReason.startsWith(`rule "${sourceOf(strategy)}"`))
        throw new Error(`${strategy}: not decided by the bench's rule (${assignment?.assignmentReason})`);
      // The first 20 warm the caches and the prepared statements.
      if (i >= 20) samples.push(performance.now() - started);
    });
  }
  const s = stats(samples);
  console.log(`| ${strategy} | ${s.n} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.mean)} |`);
}
console.log(`\nload ${loadAverage()}`);
await database.close();
