// An import matches a batch of rows to stored customers and contacts by email or phone in one
// lookup (resources/duplicates.ts): migration 0037's security-definer functions find the ids through
// the GIN indexes on the folded emails and the phone keys, in an organization large enough that a
// scan would show, and the kit reads those ids by primary key under the policies.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { matchingRecords, storedDuplicates } from '../src/resources/duplicates.js';
import { testDatabases } from './databases.js';
import { explain, explainFunction, loadedOrg, shortened } from './support/plans.js';

// Enough rows that a scan would show in the plan, few enough to load fast on both drivers.
const ROWS = 4_000;
/** A batch of an import: as many rows as a transaction writes. */
const BATCH = 500;

describe.each(testDatabases())('import duplicate lookup plans on $name', ({ get }) => {
  const loaded = loadedOrg(get, ['customers', 'contacts'], async (tx, orgId) => {
    for (const table of ['customers', 'contacts']) {
      await tx.execute(sql`insert into ${sql.raw(`crm.${table}`)} (org_id, id, name, emails, phones)
        select ${orgId}::uuid, gen_random_uuid(), 'Record ' || n,
          array['Person' || n || '@Shop' || n || '.example'], array['+886 2 ' || lpad(n::text, 8, '0')]
        from generate_series(1, ${ROWS}) n`);
    }
  });

  /** A batch's folded emails and phone keys: every other row is a stored record's. */
  const batch = () => {
    const emails = Array.from({ length: BATCH }, (_, i) => `person${i * 2 + 1}@shop${i * 2 + 1}.example`);
    const keys = Array.from({ length: BATCH }, (_, i) => `2${String(i * 2 + 2).padStart(8, '0')}`);
    return { emails, keys };
  };

  it('looks a whole batch up through the email and phone indexes', async () => {
    const { emails, keys } = batch();
    const literal = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]::text[]`;
    for (const table of ['customers', 'contacts']) {
      const plan = shortened(
        await explainFunction(get().db, loaded.org.id, `crm.${table}_matching(text[], text[])`, (body) =>
          body.replace(/\bp_emails\b/g, literal(emails)).replace(/\bp_keys\b/g, literal(keys)),
        ),
      );
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
    const { org, caller } = loaded;
    const plan = shortened(
      await inOrg(get().db, caller, (tx) => explain(tx, matchingRecords(org.id, 'customers', emails, keys))),
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
