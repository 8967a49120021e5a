// Fills in what the scale seed leaves out, so that every list of bench/matrix.ts has rows in
// proportion to the organization's size: a team for a manager (the seed has managers but no
// teams, so a manager would see only their own records), and leads, cases and campaigns (the
// seed writes none). Idempotent: an organization that has leads, or a team, is left as it is.
// Adds rows only; it neither drops nor reseeds anything.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/matrix-setup.ts [--scales 10000,1000000]
import { sql } from 'drizzle-orm';
import { connectPostgres } from '@crmkit/server/postgres';
import { databaseUrl, flag, ownerRows } from './lib.js';

const scales = flag('scales', '10000,1000000').split(',').map(Number);
// No statement timeout: a million-row organization's inserts take longer than a request may.
const database = connectPostgres({ url: databaseUrl(), max: 1, statementTimeout: 0 });
/** Team members besides its manager (fewer where the organization has fewer reps). */
const TEAM_REPS = 9;

/**
 * A deterministic UUID from a key (reruns give the same ids), with the version (7) and variant
 * bits set, as the API's id validation expects.
 */
const idOf = (key: string) =>
  `(substr(md5(${key}), 1, 12) || '7' || substr(md5(${key}), 14, 3) || '8' || substr(md5(${key}), 18, 15))::uuid`;

async function run(text: string) {
  await database.db.execute(sql.raw(text));
}

for (const scale of scales) {
  const [org] = await ownerRows<{ id: string }>(
    database,
    sql`select id from crm.organizations where slug = ${`scale-${scale}`}`,
  );
  if (!org) throw new Error(`No organization scale-${scale}: seed it first`);
  const o = `'${org.id}'`;
  const [{ teams, leads, customers }] = (await ownerRows<{ teams: number; leads: number; customers: number }>(
    database,
    sql`select (select count(*)::int from crm.teams where org_id = ${org.id}) as teams,
               (select count(*)::int from crm.leads where org_id = ${org.id}) as leads,
               (select count(*)::int from crm.customers where org_id = ${org.id}) as customers`,
  )) as [{ teams: number; leads: number; customers: number }];

  if (teams === 0) {
    // The first manager (by email, as the seed numbers users) manages the first TEAM_REPS reps.
    await run(`
      insert into crm.teams (org_id, id, name, manager_id)
      select ${o}, ${idOf(`${o} || ':team'`)}, 'Bench team', id from crm.users
      where org_id = ${o} and role = 'manager' order by email limit 1;
      update crm.users set team_id = ${idOf(`${o} || ':team'`)}
      where org_id = ${o} and (id in (select id from crm.users where org_id = ${o} and role = 'rep' order by email limit ${TEAM_REPS})
                               or id = (select manager_id from crm.teams where org_id = ${o} and name = 'Bench team'))`);
    console.log(`scale-${scale}: a team of a manager and up to ${TEAM_REPS} reps`);
  }

  if (leads === 0) {
    const campaigns = Math.max(5, Math.round(customers / 2500));
    const started = performance.now();
    // Owners as the seed assigns them: user number 1 + (g mod users), users in email order.
    const owners = `(select id, (row_number() over (order by email) - 1)::int as n from crm.users where org_id = ${o})`;
    const userCount = `(select count(*)::int from crm.users where org_id = ${o})`;
    await run(`
      insert into crm.campaigns (org_id, id, name, channel, starts_on, ends_on, created_at, updated_at)
      select ${o}, ${idOf(`${o} || ':campaign:' || g`)}, 'Campaign ' || g,
        (array['email','event','web','social','other'])[1 + g % 5], date '2025-01-01' + g * 3, date '2025-01-01' + g * 3 + 30,
        timestamptz '2025-01-01' + g * interval '3 days', timestamptz '2025-01-01' + g * interval '3 days'
      from generate_series(1, ${campaigns}) g
      on conflict do nothing`);
    await run(`
      insert into crm.leads (org_id, id, name, company, email, phone, source, campaign_id, status, disqualified_reason, score, owner_id, created_at, updated_at)
      select ${o}, ${idOf(`${o} || ':lead:' || g`)}, 'Lead ' || g,
        'Prospect ' || (array['Traders','Logistics','Foods','Labs','Supply','Health'])[1 + g % 6],
        'lead' || g || '@prospect' || g || '.example', '+1 555 7' || lpad(g::text, 6, '0'),
        (array['Web form','Referral','Trade show','Partner'])[1 + g % 4],
        case when g % 2 = 0 then ${idOf(`${o} || ':campaign:' || (1 + g % ${campaigns})`)} end,
        (array['new','working','nurturing','qualified','disqualified'])[1 + g % 5]::crm.lead_status,
        case when g % 5 = 4 then 'No budget' end, g % 101, u.id,
        timestamptz '2025-10-01' + (g % 400) * interval '1 day' + g * interval '1 ms',
        timestamptz '2025-10-01' + (g % 400) * interval '1 day' + g * interval '1 ms'
      from generate_series(1, ${customers}) g join ${owners} u on u.n = g % ${userCount}`);
    // A case for about one customer in five (by a hash: owners go round by customer number),
    // owned by the customer's owner.
    await run(`
      insert into crm.cases (org_id, id, subject, status, priority, channel, customer_id, owner_id, due_by, created_at, updated_at)
      select ${o}, ${idOf(`${o} || ':case:' || c.n`)}, (array['Cannot log in','Invoice question','Broken part','Delivery late'])[1 + c.n % 4] || ' #' || c.n,
        (array['new','open','pending','resolved','closed'])[1 + c.n % 5]::crm.case_status,
        (array['low','normal','high','urgent'])[1 + c.n % 4]::crm.case_priority, (array['email','phone','web','chat'])[1 + c.n % 4],
        c.id, c.owner_id, timestamptz '2026-11-01' + (c.n % 60) * interval '1 day',
        timestamptz '2025-11-01' + (c.n % 360) * interval '1 day' + c.n * interval '1 ms',
        timestamptz '2025-11-01' + (c.n % 360) * interval '1 day' + c.n * interval '1 ms'
      from (select id, owner_id, row_number() over (order by id) as n from crm.customers where org_id = ${o}) c
      where abs(hashint4(c.n::int)) % 5 = 0`);
    console.log(
      `scale-${scale}: ${campaigns} campaigns, ${customers} leads, about ${Math.floor(customers / 5)} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
await run('analyze crm.teams, crm.users, crm.campaigns, crm.leads, crm.cases');
await database.close();
