// The board's money figures written out by the API's rules, for tests that check the kit's
// figures against SQL (the board, the funnel, the forecast).
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { rows } from '../../src/db/rows.js';
import type { Caller, Role } from '../../src/http/env.js';
import { seedSample } from '../../src/seed/sample.js';

export type Member = Caller & { userId: string; email: string };

/** ISO 4217 minor-unit digits (USD 2, JPY 0), as Intl knows them. */
export function digits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export interface Org {
  id: string;
  slug: string;
  base: string;
  rates: Record<string, number>;
  members: Member[];
  pipelines: { id: string; name: string }[];
}

/** Per stage and currency: deals, Σ amount, Σ amount × effective probability (in hundredths of minor units). */
export interface MoneyRow {
  stage_id: string;
  currency: string;
  deals: string;
  amount: string;
  weighted_cents: string;
}

export interface Figures {
  count: number;
  totals: { currency: string; count: number; sum: string; weighted: string }[];
  converted: { currency: string; sum: string; weighted: string; missingRates: string[] };
}

/** `numerator / 10^exponent` rounded half up, for the non-negative sums here. */
export const rounded = (numerator: bigint, exponent: number) => {
  const d = 10n ** BigInt(exponent);
  return ((numerator + d / 2n) / d).toString();
};

/**
 * The board's figures of some rows, written out by the API's rules: per currency, then in the
 * base currency, exactly. Rates are taken in millionths (the sample's rates have at most six
 * decimals), amounts scaled by 10^3 so that every currency's shift of minor digits is whole.
 */
export function figuresOf(moneyRows: MoneyRow[], org: Org): Figures {
  const byCurrency = new Map<string, { count: number; sum: bigint; cents: bigint }>();
  for (const r of moneyRows) {
    const have = byCurrency.get(r.currency) ?? { count: 0, sum: 0n, cents: 0n };
    have.count += Number(r.deals);
    have.sum += BigInt(r.amount);
    have.cents += BigInt(r.weighted_cents);
    byCurrency.set(r.currency, have);
  }
  const currencies = [...byCurrency.keys()].sort();
  let sum = 0n; // × 10^9
  let weighted = 0n; // × 10^11
  const missing: string[] = [];
  for (const currency of currencies) {
    const { sum: s, cents } = byCurrency.get(currency)!;
    const rate = currency === org.base ? 1 : org.rates[currency];
    if (typeof rate !== 'number') {
      missing.push(currency);
      continue;
    }
    const micro = Math.round(rate * 1e6);
    expect(micro / 1e6, `the rate of ${currency}`).toBe(rate);
    const scale = 10n ** BigInt(digits(org.base) - digits(currency) + 3);
    sum += s * BigInt(micro) * scale;
    weighted += cents * BigInt(micro) * scale;
  }
  return {
    count: currencies.reduce((n, c) => n + byCurrency.get(c)!.count, 0),
    totals: currencies.map((currency) => {
      const b = byCurrency.get(currency)!;
      return { currency, count: b.count, sum: b.sum.toString(), weighted: rounded(b.cents, 2) };
    }),
    converted: { currency: org.base, sum: rounded(sum, 9), weighted: rounded(weighted, 11), missingRates: missing },
  };
}

/**
 * Seeds the sample organizations (as the demo does) and reads them back: currencies, the admins and
 * reps, and the pipelines. On a shared PostgreSQL server another test file may be seeding them at the
 * same moment: the loser of that race finds them on its second try.
 */
export async function sampleOrgs(db: Db): Promise<Org[]> {
  const seeded = await seedSample(db).catch(() => seedSample(db));
  expect(seeded.organizations.map((o) => o.slug).sort()).toEqual(['acme', 'formosa']);
  const orgs: Org[] = [];
  for (const { id, slug } of seeded.organizations) {
    const [row] = await rows<{ base_currency: string; exchange_rates: Record<string, number> | string }>(
      db,
      sql`select base_currency, exchange_rates from crm.organizations where id = ${id}`,
    );
    const members = await rows<{ id: string; email: string; role: Role }>(
      db,
      sql`select id, email, role from crm.users
          where org_id = ${id} and deleted_at is null and role in ('admin', 'rep') order by email`,
    );
    const pipelines = await rows<{ id: string; name: string }>(
      db,
      sql`select id, name from crm.pipelines where org_id = ${id} and deleted_at is null order by created_at, id`,
    );
    const rates = typeof row!.exchange_rates === 'string' ? JSON.parse(row!.exchange_rates) : row!.exchange_rates;
    orgs.push({
      id,
      slug,
      base: row!.base_currency,
      rates: rates as Record<string, number>,
      members: members.map((m) => ({ orgId: id, userId: m.id, role: m.role, email: m.email })),
      pipelines,
    });
  }
  return orgs;
}
