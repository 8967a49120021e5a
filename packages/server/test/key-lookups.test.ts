// Lookups by key (a record by its id, a record by another system's id) take the key's own index even
// in an organization that the table's statistics do not know yet: a new tenant's first import into a
// database where other tenants have data. Taken with the organization's id as a constant, the planner
// would expect one row of it, take a smaller index on org_id instead (owner, region, external id) and
// read every row of the organization per lookup, so a bulk import slowed down with every record it added.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../src/admin.js';
import { scopeStatement, type Tx } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { findByKeys } from '../src/integration/external-ids.js';
import { findRow } from '../src/resources/crud.js';
import { customerResource } from '../src/resources/customers.js';
import { testDatabases } from './databases.js';
import { explaining, observing } from './support/plans.js';

/** The new organization's customers; each of ten others has a tenth as many. */
const ROWS = 3_000;

/** Customers of an organization, each with its shop id. */
async function fill(tx: Tx, orgId: string, count: number) {
  await tx.execute(sql`insert into crm.customers (org_id, id, name, kind, region, external_id)
    select ${orgId}::uuid, gen_random_uuid(), 'Customer ' || n, 'company', 'Taipei', 'c-' || n
    from generate_series(1, ${count}) n`);
  await tx.execute(sql`insert into crm.external_ids (org_id, entity, source, external_id, record_id)
    select org_id, 'customer', 'shop', external_id, id from crm.customers where org_id = ${orgId}::uuid`);
}

/** Ends a transaction whose writes are not wanted (drizzle rolls back by throwing). */
class Discard extends Error {}

describe.each(testDatabases())('lookups by key on $name', ({ get }) => {
  it('use the key of the table in an organization that is new to the statistics', async () => {
    const { db } = get();
    const run = Date.now().toString(36);
    const [org, ...others] = await Promise.all(
      Array.from({ length: 11 }, (_, n) =>
        createOrganization(db, { slug: `tenant-${n}-${run}`, name: n ? `Tenant ${n}` : 'New tenant' }),
      ),
    );
    const admin = await createUser(db, org!.id, { email: 'admin@new-tenant.test', name: 'Admin', role: 'admin' });
    const plans: string[] = [];
    // All in one transaction: statistics taken while only the other organizations had rows, and no
    // analysis from outside sees the new one's rows before the plans are taken.
    const explained = db.transaction(async (tx) => {
      for (const other of others) await fill(tx, other!.id, ROWS / 10);
      await tx.execute(sql`analyze crm.customers`);
      await tx.execute(sql`analyze crm.external_ids`);
      await fill(tx, org!.id, ROWS);
      const [customer] = await rows<{ id: string }>(
        tx,
        sql`select id::text from crm.customers where org_id = ${org!.id}::uuid limit 1`,
      );
      await tx.execute(sql.raw(scopeStatement({ orgId: org!.id, userId: admin.id, role: 'admin' })));
      await findRow(explaining(tx, plans), customerResource, org!.id, customer!.id);
      await findByKeys(observing(tx, plans), org!.id, 'customer', [{ source: 'shop', externalId: 'c-1' }]);
      throw new Discard();
    });
    await expect(explained).rejects.toBeInstanceOf(Discard);

    const [byId, byExternalId] = plans;
    expect(byId).toMatch(
      /Index Scan using customers_org_id_id_pk[^\n]*\n\s+Index Cond: \(\(org_id = [^\n]*\) AND \(id = /,
    );
    expect(byExternalId).toMatch(
      /Index Scan using external_ids_org_id_entity_source_external_id_pk[^\n]*\n\s+Index Cond: \(\(org_id = [^\n]*entity = [^\n]*source = [^\n]*external_id = /,
    );
  });
});
