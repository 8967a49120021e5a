// The portal's own ledger: a row for each deal won, written by a crmkit hook inside the transaction
// that moves the deal to its won stage, so the ledger and the CRM never disagree about a win.
import type { CrmDatabase, CrmHooks, Db } from '@crmkit/server';
import { sql, type SQL } from 'drizzle-orm';

/** One booked win, as the ledger page lists it. */
export interface LedgerEntry {
  id: string;
  dealId: string;
  dealName: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  bookedBy: string | null;
  bookedAt: Date;
}

/**
 * Creates the portal's schema and ledger table if they are missing (the portal's own data, beside
 * the kit's `crm` schema), and lets the kit's request role write it: hooks run in the kit's
 * transactions, as that role.
 */
export async function prepareLedger(database: CrmDatabase): Promise<void> {
  await database.db.execute(sql`create schema if not exists portal`);
  await database.db.execute(sql`
    create table if not exists portal.ledger (
      org_id uuid not null,
      id uuid not null,
      deal_id uuid not null,
      deal_name text not null,
      amount bigint not null,
      currency char(3) not null,
      booked_by uuid,
      booked_at timestamptz not null default now(),
      primary key (org_id, id)
    )`);
  await database.db.execute(sql`grant usage on schema portal to crm_app`);
  await database.db.execute(sql`grant insert on portal.ledger to crm_app`);
}

/** The hooks the portal gives the kit: a won deal books its amount in the ledger. */
export const ledgerHooks: CrmHooks = {
  'opportunity.won': async ({ tx, caller, after }) => {
    await tx.execute(sql`
      insert into portal.ledger (org_id, id, deal_id, deal_name, amount, currency, booked_by)
      values (${caller.orgId}, ${crypto.randomUUID()}, ${after.id}, ${after.name}, ${after.amount}, ${after.currency}, ${caller.userId})`);
  },
};

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** An organization's latest wins, newest first, read as the database owner (the portal's trusted side). */
export async function ledgerEntries(db: Db, orgId: string, limit = 100): Promise<LedgerEntry[]> {
  const rows = await rowsOf<{
    id: string;
    deal_id: string;
    deal_name: string;
    amount: string | number;
    currency: string;
    booked_by: string | null;
    booked_at: string | Date;
  }>(
    db,
    sql`select l.id, l.deal_id, l.deal_name, l.amount, l.currency, u.name as booked_by, l.booked_at
          from portal.ledger l
          left join crm.users u on u.org_id = l.org_id and u.id = l.booked_by
         where l.org_id = ${orgId}
         order by l.booked_at desc, l.id
         limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    dealId: r.deal_id,
    dealName: r.deal_name,
    amount: Number(r.amount),
    currency: r.currency,
    bookedBy: r.booked_by,
    bookedAt: new Date(r.booked_at),
  }));
}
