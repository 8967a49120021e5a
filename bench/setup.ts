// Installs the board and funnel summaries (tables, triggers, the owner-board index, and the
// backfill of existing organizations) on the benchmark database, until the kit's migrations
// carry them. `--drop` removes them again (before the real migration is applied there).
// `--hide` renames the summary tables away, so the kit falls back to reading the deals (to
// measure what the summaries save; write nothing meanwhile), and `--show` brings them back.
//
// `--triggers off|on` switches the summary triggers (on again rebuilds the summaries), to measure
// what they cost a write.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx tsx bench/setup.ts [--drop | --hide | --show | --triggers off|on]
import { migrate } from '@crmkit/server';
import { installSummaries } from '../packages/server/src/board/summary-sql.js';
import { openBenchDatabase } from './lib.js';

const DROP = `
drop trigger if exists opportunities_summaries_insert on crm.opportunities;
drop trigger if exists opportunities_summaries_update on crm.opportunities;
drop trigger if exists opportunities_summaries_delete on crm.opportunities;
drop trigger if exists stage_history_summaries_insert on crm.stage_history;
drop trigger if exists stage_history_summaries_update on crm.stage_history;
drop trigger if exists stage_history_summaries_delete on crm.stage_history;
drop trigger if exists organizations_summaries on crm.organizations;
drop function if exists crm.opportunities_summaries();
drop function if exists crm.stage_history_summaries();
drop function if exists crm.organizations_summaries();
drop function if exists crm.summaries_rebuild(uuid);
drop function if exists crm.stage_totals_apply(crm.opportunities[], crm.opportunities[]);
drop function if exists crm.funnel_apply(crm.opportunities[], crm.stage_history[], crm.opportunities[], crm.stage_history[]);
drop function if exists crm.funnel_deal_rows(crm.opportunities[], crm.stage_history[]);
drop function if exists crm.funnel_visit_rows(crm.opportunities[], crm.stage_history[]);
drop table if exists crm.stage_totals, crm.stage_close_totals, crm.funnel_totals, crm.funnel_stage_times, crm.funnel_owner_totals, crm.funnel_owner_times;
drop index if exists crm.opportunities_owner_board_idx;`;

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
  } else if (process.argv.includes('--drop')) {
    await database.withSession((s) => s.exec(DROP));
    console.log('Dropped the summaries.');
  } else {
    await installSummaries(database);
    console.log(`Summaries installed in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
} finally {
  await database.close();
}
