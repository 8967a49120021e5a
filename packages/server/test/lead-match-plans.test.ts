// A public form submission finds an open lead and a contact with its email through indexes, as
// the kit's role under row-level security, in an organization large enough (20,000 leads and
// contacts) that the planner would rather scan than use an index it could not use well. Under
// the policies neither `lower(email)` nor a contact's email list may use an index (neither is
// leakproof): migration 0025's security-definer functions look the ids up through the indexes,
// and the kit's queries read those ids by primary key. Both halves are explained here.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { teamSeatsQuery } from '../src/leads/assignment.js';
import { contactsWithEmail, openLeadWithEmail } from '../src/leads/matching.js';
import { testDatabases } from './databases.js';
import { explain, explainFunction, explaining, loadedOrg } from './support/plans.js';

// Enough rows that a scan would show in the plan, few enough to load fast on both drivers.
const ROWS = 4_000;

describe.each(testDatabases())('lead form email matching plans on $name', ({ get }) => {
  // As the seed's: every email ends alike (`.example`), in mixed case, contacts with two each.
  const loaded = loadedOrg(get, ['leads', 'contacts', 'customers'], async (tx, orgId) => {
    await tx.execute(sql`insert into crm.leads (org_id, id, name, email, phone)
      select ${orgId}::uuid, gen_random_uuid(), 'Lead ' || n, 'Lead' || n || '@Prospect' || n || '.example',
        '+1 (415) ' || lpad(n::text, 7, '0')
      from generate_series(1, ${ROWS}) n`);
    await tx.execute(sql`insert into crm.contacts (org_id, id, name, emails, phones)
      select ${orgId}::uuid, gen_random_uuid(), 'Contact ' || n,
        array['Contact' || n || '@Customer' || n || '.example', 'c' || n || '@home.example'],
        array['02-' || lpad(n::text, 8, '0')]
      from generate_series(1, ${ROWS}) n`);
    await tx.execute(sql`insert into crm.customers (org_id, id, name)
      select ${orgId}::uuid, gen_random_uuid(), 'Shop ' || md5(n::text) || ' Ltd.' from generate_series(1, ${ROWS}) n`);
  });

  it("reads the matches by primary key, as the kit's role", async () => {
    const { org, caller } = loaded;
    const plans: string[] = [];
    await inOrg(get().db, caller, async (tx) => {
      await openLeadWithEmail(explaining(tx, plans), org.id, 'lead123@prospect123.example');
      await contactsWithEmail(explaining(tx, plans), org.id, 'c123@home.example');
    });
    expect(plans).toHaveLength(2);
    expect(plans[0]).toMatch(/Index Scan using leads_org_id_id_pk on leads/);
    expect(plans[1]).toMatch(/Index Scan using contacts_org_id_id_pk on contacts/);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan/);
  });

  it('looks the ids up through the email indexes, and finds them in any case', async () => {
    const { org, caller } = loaded;
    // As customers_named_like() sets it for its own run.
    const trigrams = { 'pg_trgm.similarity_threshold': '0.7' };
    // The functions' bodies, as the functions run them (see explainFunction).
    const explained = (fn: string, value: string) =>
      explainFunction(
        get().db,
        org.id,
        `crm.${fn}(text)`,
        (body) => body.replace(/\bp_(email|key|name)\b/g, `'${value}'`),
        trigrams,
      );
    expect(await explained('leads_with_email', 'lead123@prospect123.example')).toMatch(/leads_email_idx/);
    expect(await explained('contacts_with_email', 'c123@home.example')).toMatch(/contacts_emails_idx/);
    expect(await explained('leads_with_phone', '150000123')).toMatch(/leads_phone_key_idx/);
    expect(await explained('contacts_with_phone', '200000123')).toMatch(/contacts_phone_keys_idx/);
    expect(await explained('customers_named_like', 'shop 202cb962ac59075b964b07152d234b70')).toMatch(
      /customers_company_key_idx/,
    );

    const found = await inOrg(get().db, caller, async (tx) => ({
      lead: await openLeadWithEmail(tx, org.id, 'lead123@prospect123.example'),
      contact: await contactsWithEmail(tx, org.id, 'contact123@customer123.example'),
      none: await contactsWithEmail(tx, org.id, 'contact123@customer124.example'),
    }));
    expect(found.lead).toHaveLength(1);
    expect(found.contact).toHaveLength(1);
    expect(found.none).toEqual([]);
  });

  it("counts a team's open leads for assignment by load through the open-owner index", async () => {
    const { org, caller } = loaded;
    const database = get();
    const teamId = crypto.randomUUID();
    await inOrg(database.db, { orgId: org.id }, async (tx) => {
      await tx.execute(sql`insert into crm.teams (org_id, id, name) values (${org.id}::uuid, ${teamId}::uuid, 'Load')`);
      await tx.execute(sql`update crm.users set team_id = ${teamId}::uuid where org_id = ${org.id}::uuid`);
      // Half the leads are the admin's, some of them closed or in the trash (not counted).
      await tx.execute(sql`update crm.leads set owner_id = ${caller.userId}::uuid,
          status = case when name like '%7' then 'disqualified'::crm.lead_status else status end,
          disqualified_reason = case when name like '%7' then 'No budget' end,
          deleted_at = case when name like '%9' then now() end
        where org_id = ${org.id}::uuid and name like 'Lead %' and (substr(name, 6)::int % 2) = 1`);
    });
    await database.db.execute(sql`vacuum analyze crm.leads`);
    const query = teamSeatsQuery(org.id, teamId, true);
    const plan = await inOrg(database.db, caller, (tx) => explain(tx, query));
    expect(plan).toMatch(/leads_open_owner_idx/);
    const seats = await inOrg(database.db, caller, (tx) => rows<{ id: string; open: number }>(tx, query));
    const [{ expected }] = (await rows<{ expected: number }>(
      database.db,
      sql`select count(*)::int as expected from crm.leads where org_id = ${org.id}::uuid
          and owner_id = ${caller.userId}::uuid and deleted_at is null and status <> 'disqualified'`,
    )) as [{ expected: number }];
    expect(expected).toBeGreaterThan(1_000);
    expect(seats.find((seat) => seat.id === caller.userId)?.open).toBe(expected);
  });
});
