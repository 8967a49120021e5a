// Prepares the benchmark database: migrates it (the migrations carry the board and funnel
// summaries, their triggers and backfill). Then, to measure what the summaries do:
// `--hide` renames the summary tables away, so the kit falls back to reading the deals (write
// nothing meanwhile), and `--show` brings them back; `--triggers off|on` switches the summary
// triggers (on again rebuilds the summaries), to measure what they cost a write.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx tsx bench/setup.ts [--hide | --show | --triggers off|on]
import { migrate } from '@crmkit/server';
import { openBenchDatabase } from './lib.js';

const flagValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const database = openBenchDatabase();
try {
  if (!['--hide', '--show', '--triggers'].some((f) => process.argv.includes(f))) await migrate(database);
  const started = performance.now();
  const summaries = [
    'stage_totals',
    'stage_close_totals',
    'funnel_totals',
    'funnel_stage_times',
    'funnel_owner_totals',
    'funnel_owner_times',
    'funnel_owner_day_totals',
    'funnel_owner_day_times',
    'stage_owner_close_totals',
    'stage_owner_closed_totals',
    'activity_owner_day_totals',
    'stage_tag_totals',
  ];
  const triggers = flagValue('--triggers');
  if (triggers === 'on' || triggers === 'off') {
    // To measure what keeping the summaries costs a write (they go stale while off: rebuild after).
    const verb = triggers === 'on' ? 'enable' : 'disable';
    const names = [
      'opportunities.opportunities_summaries_insert',
      'opportunities.opportunities_summaries_update',
      'opportunities.opportunities_summaries_delete',
      'stage_history.stage_history_summaries_insert',
      'stage_history.stage_history_summaries_update',
      'stage_history.stage_history_summaries_delete',
      'activities.activities_summaries_insert',
      'activities.activities_summaries_update',
      'activities.activities_summaries_delete',
      'customers.customers_tag_summaries',
    ];
    await database.withSession((s) =>
      s.exec(names.map((n) => `alter table crm.${n.split('.')[0]!} ${verb} trigger ${n.split('.')[1]!}`).join(';\n')),
    );
    if (triggers === 'on')
      await database.withSession((s) => s.exec('select crm.summaries_rebuild(id) from crm.organizations'));
    console.log(`Summary triggers ${triggers}${triggers === 'on' ? ', summaries rebuilt' : ''}.`);
  } else if (process.argv.includes('--hide') || process.argv.includes('--show')) {
    const hide = process.argv.includes('--hide');
    const statements = summaries.map((t) =>
      hide
        ? `alter table if exists crm.${t} rename to ${t}_hidden`
        : `alter table if exists crm.${t}_hidden rename to ${t}`,
    );
    await database.withSession((s) => s.exec(statements.join(';\n')));
    console.log(hide ? 'Summaries hidden: the kit reads the deals.' : 'Summaries back.');
  } else {
    console.log(`Migrated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
} finally {
  await database.close();
}
