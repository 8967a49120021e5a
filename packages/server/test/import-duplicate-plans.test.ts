// An import matches a batch of rows to stored customers and contacts by email or phone in one
// lookup (resources/duplicates.ts): migration 0037's security-definer functions find the ids through
// the GIN indexes on the folded emails and the phone keys, in an organization large enough that a
// scan would show, and the kit reads those ids by primary key under the policies.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import type { Caller } from '../src/http/env.js';
import { matchingRecords, storedDuplicates } from '../src/resources/duplicates.js';
import { testDatabases } from './databases.js';
import { createTestKit, type TestOrg } from './kit.js';

// Enough rows that a scan would show in the plan, few enough to load fast on both drivers.
const ROWS = 4_000;
/** A batch of an import: as many rows as a transaction writes. */
const BATCH = 500;

describe.each(testDatabases())('import duplicate lookup plans on $name', ({ get }) => {
  let org: TestOrg;
  let caller: Caller;

  beforeAll(async () => {
    const database = get();
    const kit = await createTestKit(database);
    org = kit.globex;
    caller = org.users.admin;
    await inOrg(database.db, { orgId: org.id }, async (tx) => {
      for (const table of ['customers', 'contacts']) {
        await tx.execute(sql`insert into ${sql.raw(`crm.${table}`)} (org_id, id, name, emails, phones)
          select ${org.id}::uuid, gen_random_uuid(), 'Record ' || n,
            array['Person' || n || '@Shop' || n || '.example'], array['+886 2 ' || lpad(n::text, 8, '0')]
          from generate_series(1, ${ROWS}) n`);
      }
    });
    await database.db.execute(sql`analyze crm.customers, crm.contacts`);
  }, 120_000);

  /** A batch's folded emails and phone keys: every other row is a stored record's. */
  const batch = () => {
    const emails = Array.from({ length: BATCH }, (_, i) => `person${i * 2 + 1}@shop${i * 2 + 1}.example`);
    const keys = Array.from({ length: BATCH }, (_, i) => `2${String(i * 2 + 2).padStart(8, '0')}`);
    return { emails, keys };
  };

  it('looks a whole batch up through the email and phone indexes', async () => {
    const { emails, keys } = batch();
    for (const table of ['customers', 'contacts']) {
      // The function's body, explained as its owner (the tests connect as it) with the organization
      // set as the kit sets it: a function's inner plan is not in its caller's EXPLAIN.
      const plan = await get().db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('crm.org_id', ${org.id}, true)`);
        const [body] = await rows<{ src: string }>(
          tx,
          sql`select prosrc as src from pg_proc where oid = ${`crm.${table}_matching(text[], text[])`}::regprocedure`,
        );
        const literal = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]::text[]`;
        const query = body!.src.replace(/\bp_emails\b/g, literal(emails)).replace(/\bp_keys\b/g, literal(keys));
        const lines = await rows<{ 'QUERY PLAN': string }>(tx, sql.raw(`explain ${query}`));
        // The batch's values left out, so that a failure shows the plan's shape.
        return lines.map((l) => l['QUERY PLAN'].replace(/'\{[^}]*\}'/g, "'{…}'")).join('\n');
      });
      expect(plan).toMatch(new RegExp(`${table}_emails_idx`));
      expect(plan).toMatch(new RegExp(`${table}_phone_keys_idx`));
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });

  it("reads the matches by primary key as the kit's role, and finds each row's records in any case and format", async () => {
    const { emails, keys } = batch();
    const creates = emails.map((email, i) => ({
      emails: [email.toUpperCase()],
      phones: [`(02) ${keys[i]!.slice(1)}`],
    }));
    const plan = await inOrg(get().db, caller, async (tx) =>
      (await rows<{ 'QUERY PLAN': string }>(tx, sql`explain ${matchingRecords(org.id, 'customers', emails, keys)}`))
        .map((l) => l['QUERY PLAN'].replace(/'\{[^}]*\}'/g, "'{…}'"))
        .join('\n'),
    );
    expect(plan).toMatch(/Index Scan using customers_org_id_id_pk on customers/);
    expect(plan).not.toMatch(/Seq Scan/);

    // Row i has the email of record 2i+1 and the phone of record 2i+2: two records, which the import refuses to choose between.
    const found = await inOrg(get().db, caller, (tx) => storedDuplicates(tx, caller, 'contacts', creates));
    expect(found).toHaveLength(BATCH);
    expect(found.every((records) => records.length === 2)).toBe(true);
    const alone = await inOrg(get().db, caller, (tx) =>
      storedDuplicates(tx, caller, 'contacts', [{ emails: ['person7@shop7.example'] }, { phones: ['12'] }, {}]),
    );
    expect(alone.map((records) => records.length)).toEqual([1, 0, 0]);
  });
});
