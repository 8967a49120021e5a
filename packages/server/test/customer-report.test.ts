// The customer analysis (GET /reports/customers and its CSV), checked against SQL: seeds the sample
// organizations as the demo does, reads every counted order of the customers a caller may see straight
// from crm.orders and crm.customers as the database owner, and works out every figure here by the
// route's documented rules (quintiles, segments, at risk, products, cohorts). Then an order is added,
// re-priced and trashed, and a rate changes, and the figures must still agree; the rules the report
// hands out must match the customers it counted.
import { RFM_SEGMENTS, rfmSegmentOf, type CustomerReport, type OrderMoney } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { digits, figuresOf, type Member, type Org } from './support/figures.js';
import { salesFixture } from './support/sales-fixture.js';

interface OrderRow {
  id: string;
  customer_id: string;
  name: string;
  owner_id: string | null;
  currency: string;
  total_amount: string;
  day: string;
  lines: { sku: string | null; name: string; quantity: number; unitAmount: number }[] | string;
}

/** Half up of a non-negative a / b, as the report rounds an average. */
const average = (sum: bigint, count: bigint) => ((2n * sum + count) / (2n * count)).toString();

/** A score from 1 to 5 by the documented rule: 1 + the quintile of the percent rank, ties share the lower. */
function scores<T>(items: T[], below: (a: T, b: T) => boolean): Map<T, number> {
  const n = items.length;
  return new Map(
    items.map((item) => {
      const rank = items.filter((other) => below(other, item)).length; // rank − 1
      const percent = n > 1 ? rank / (n - 1) : 0;
      return [item, Math.min(5, 1 + Math.floor(5 * percent))];
    }),
  );
}

describe.each(testDatabases())('the customer report on $name', ({ get }) => {
  const fixture = salesFixture();
  const { orgs, send } = fixture;

  /** The customers a caller may see, as a condition on `k` (crm.customers). */
  const visibleTo = (caller: Member): SQL => (caller.role === 'rep' ? sql`k.owner_id = ${caller.userId}` : sql`true`);

  /** Money of some orders, by the report's rules (the board's conversion, no weighted sums). */
  function moneyOf(orders: OrderRow[], org: Org): OrderMoney {
    const byCurrency = new Map<string, { n: number; sum: bigint }>();
    for (const o of orders) {
      const have = byCurrency.get(o.currency) ?? { n: 0, sum: 0n };
      have.n += 1;
      have.sum += BigInt(o.total_amount);
      byCurrency.set(o.currency, have);
    }
    return moneyOfSums(byCurrency, org);
  }

  function moneyOfSums(byCurrency: Map<string, { n: number; sum: bigint }>, org: Org): OrderMoney {
    const f = figuresOf(
      [...byCurrency].map(([currency, { n, sum }]) => ({
        stage_id: '',
        currency,
        deals: String(n),
        amount: sum.toString(),
        weighted_cents: (sum * 100n).toString(),
      })),
      org,
    );
    return {
      totals: f.totals.map(({ weighted: _, ...t }) => t),
      converted: { currency: f.converted.currency, sum: f.converted.sum, missingRates: f.converted.missingRates },
    };
  }

  /** A customer's orders in the base currency, exactly, scaled by 10^9 (as figuresOf converts). */
  function exactValue(orders: OrderRow[], org: Org): bigint {
    let value = 0n;
    for (const o of orders) {
      const rate = o.currency === org.base ? 1 : org.rates[o.currency];
      if (typeof rate !== 'number') continue;
      value +=
        BigInt(o.total_amount) *
        BigInt(Math.round(rate * 1e6)) *
        10n ** BigInt(digits(org.base) - digits(o.currency) + 3);
    }
    return value;
  }

  async function expected(org: Org, caller: Member, atRiskDays = 90) {
    const db = get().db;
    const [{ time_zone: tz, today }] = (await rows<{ time_zone: string; today: string }>(
      db,
      sql`select time_zone, to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today
          from crm.organizations where id = ${org.id}`,
    )) as [{ time_zone: string; today: string }];
    const orders = await rows<OrderRow>(
      db,
      sql`select r.id, r.customer_id, k.name, k.owner_id, r.currency, r.total_amount::text as total_amount,
            to_char((r.placed_at at time zone ${tz})::date, 'YYYY-MM-DD') as day, r.lines
          from crm.orders r join crm.customers k on k.org_id = r.org_id and k.id = r.customer_id
          where r.org_id = ${org.id} and r.deleted_at is null and r.status not in ('cancelled', 'refunded')
            and k.deleted_at is null and ${visibleTo(caller)}`,
    );
    const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
    const monthNumber = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
    const byCustomer = new Map<string, OrderRow[]>();
    for (const o of orders) byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), o]);
    const customers = [...byCustomer].map(([id, own]) => {
      const days = own.map((o) => o.day).sort();
      return {
        id,
        name: own[0]!.name,
        ownerId: own[0]!.owner_id,
        orders: own,
        first: days[0]!,
        last: days.at(-1)!,
        recency: dayNumber(today) - dayNumber(days.at(-1)!),
        value: exactValue(own, org),
      };
    });
    type C = (typeof customers)[number];
    const r = scores<C>(customers, (a, b) => a.recency > b.recency);
    const f = scores<C>(customers, (a, b) => a.orders.length < b.orders.length);
    const m = scores<C>(customers, (a, b) => a.value < b.value);
    const segmentOf = (c: C) => rfmSegmentOf(r.get(c)!, f.get(c)!);

    const revenue = moneyOf(orders, org);
    const convertible = revenue.totals
      .filter((t) => !revenue.converted.missingRates.includes(t.currency))
      .reduce((n, t) => n + t.count, 0);
    const atRisk = customers.filter((c) => c.recency > atRiskDays);

    // Products: a SKU, else a name; money per currency, Σ quantity × unit amount rounded half up once.
    const products = new Map<
      string,
      {
        sku: string | null;
        names: string[];
        orders: Set<string>;
        customers: Set<string>;
        quantity: number;
        sums: Map<string, { orders: Set<string>; exact: number }>;
      }
    >();
    for (const o of orders) {
      const lines = typeof o.lines === 'string' ? (JSON.parse(o.lines) as Exclude<OrderRow['lines'], string>) : o.lines;
      for (const l of lines) {
        const key = l.sku !== null ? `s:${l.sku}` : `n:${l.name}`;
        const p = products.get(key) ?? {
          sku: l.sku,
          names: [] as string[],
          orders: new Set<string>(),
          customers: new Set<string>(),
          quantity: 0,
          sums: new Map<string, { orders: Set<string>; exact: number }>(),
        };
        p.names.push(l.name);
        p.orders.add(o.id);
        p.customers.add(o.customer_id);
        p.quantity += l.quantity;
        const s = p.sums.get(o.currency) ?? { orders: new Set<string>(), exact: 0 };
        s.orders.add(o.id);
        // The sample's quantities are whole: the products are exact integers here.
        expect(Number.isInteger(l.quantity)).toBe(true);
        s.exact += l.quantity * l.unitAmount;
        p.sums.set(o.currency, s);
        products.set(key, p);
      }
    }
    const topProducts = [...products.values()]
      .map((p) => ({
        sku: p.sku,
        name: p.names.sort()[0]!,
        orders: p.orders.size,
        customers: p.customers.size,
        quantity: p.quantity,
        revenue: moneyOfSums(
          new Map([...p.sums].map(([currency, s]) => [currency, { n: s.orders.size, sum: BigInt(s.exact) }])),
          org,
        ),
      }))
      .sort(
        (a, b) =>
          Number(BigInt(b.revenue.converted.sum) - BigInt(a.revenue.converted.sum)) ||
          b.quantity - a.quantity ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      )
      .slice(0, 10);

    // Cohorts: the month of the first order, this month and the 11 before.
    const now = monthNumber(today);
    const cohortMonths = [...new Set(customers.map((c) => c.first.slice(0, 7)))]
      .filter((month) => monthNumber(`${month}-01`) >= now - 11)
      .sort();
    const cohorts = cohortMonths.map((month) => {
      const members = customers.filter((c) => c.first.startsWith(month));
      const start = monthNumber(`${month}-01`);
      return {
        month,
        customers: members.length,
        retained: Array.from(
          { length: now - start + 1 },
          (_, i) => members.filter((c) => c.orders.some((o) => monthNumber(o.day) === start + i)).length,
        ),
        repeatCustomers: members.filter((c) => c.orders.some((o) => monthNumber(o.day) > start)).length,
      };
    });

    const report: CustomerReport = {
      asOf: today,
      currency: org.base,
      atRiskDays,
      customers: customers.length,
      orders: orders.length,
      revenue,
      averageOrderValue: convertible ? average(BigInt(revenue.converted.sum), BigInt(convertible)) : null,
      purchaseFrequency: customers.length ? orders.length / customers.length : null,
      averageLifetimeValue: customers.length ? average(BigInt(revenue.converted.sum), BigInt(customers.length)) : null,
      repeatRate: customers.length ? customers.filter((c) => c.orders.length >= 2).length / customers.length : null,
      segments: RFM_SEGMENTS.map((segment) => {
        const members = customers.filter((c) => segmentOf(c) === segment);
        return {
          segment,
          customers: members.length,
          orders: members.reduce((n, c) => n + c.orders.length, 0),
          revenue: moneyOf(
            members.flatMap((c) => c.orders),
            org,
          ),
          rule: { field: 'rfmSegment', op: 'eq', value: segment },
        };
      }),
      atRisk: {
        customers: atRisk.length,
        lifetimeValue: moneyOf(
          atRisk.flatMap((c) => c.orders),
          org,
        ),
        rule: { field: 'daysSinceLastPurchase', op: 'gt', value: atRiskDays },
        top: [...atRisk]
          .sort((a, b) => (a.value !== b.value ? (a.value > b.value ? -1 : 1) : a.id < b.id ? -1 : 1))
          .slice(0, 50)
          .map((c) => ({
            customerId: c.id,
            name: c.name,
            ownerId: c.ownerId,
            lastOrderOn: c.last,
            daysSinceLastOrder: c.recency,
            orders: c.orders.length,
            lifetimeValue: moneyOf(c.orders, org),
            recency: r.get(c)!,
            frequency: f.get(c)!,
            monetary: m.get(c)!,
            segment: segmentOf(c),
          })),
      },
      topProducts,
      cohorts,
    };
    return { report, customers: customers.map((c) => ({ id: c.id, segment: segmentOf(c), recency: c.recency })) };
  }

  async function check(org: Org, caller: Member, atRiskDays?: number) {
    const query = atRiskDays === undefined ? '' : `?atRiskDays=${atRiskDays}`;
    const report = (await send(caller, 'GET', `/reports/customers${query}`)) as CustomerReport;
    const want = await expected(org, caller, atRiskDays);
    expect(report, `${org.slug} as ${caller.email}`).toEqual(want.report);
    return { report, customers: want.customers };
  }

  beforeAll(() => fixture.load(get()), 120_000);

  it('answers figures that agree with SQL for every sample organization and member', async () => {
    for (const org of orgs) {
      for (const caller of org.members) await check(org, caller);
      const admin = org.members.find((m) => m.role === 'admin')!;
      const { report } = await check(org, admin, 30);
      // The sample has orders in several segments and months: the figures are not all empty.
      expect(report.orders).toBeGreaterThan(0);
      expect(report.segments.filter((s) => s.customers > 0).length).toBeGreaterThan(2);
      expect(report.cohorts.length).toBeGreaterThan(1);
      expect(report.atRisk.customers).toBeGreaterThan(0);
    }
  }, 240_000);

  it('shows a rep only the customers they own', async () => {
    for (const org of orgs) {
      const admin = org.members.find((m) => m.role === 'admin')!;
      const all = (await send(admin, 'GET', '/reports/customers')) as CustomerReport;
      for (const rep of org.members.filter((m) => m.role === 'rep')) {
        const { report } = await check(org, rep);
        expect(report.customers).toBeLessThan(all.customers);
        const owners = new Set(report.atRisk.top.map((c) => c.ownerId));
        expect([...owners].every((o) => o === rep.userId)).toBe(true);
      }
    }
  }, 120_000);

  it('hands out segment rules that match the customers it counted', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const rep = org.members.find((m) => m.role === 'rep')!;
    for (const caller of [admin, rep]) {
      const { report, customers } = await check(org, caller, 60);
      const rules = [
        ...report.segments
          .filter((s) => s.customers > 0)
          .map((s) => [s.rule, (c: (typeof customers)[number]) => c.segment === s.segment] as const),
        [report.atRisk.rule, (c: (typeof customers)[number]) => c.recency > 60] as const,
      ];
      for (const [rule, matches] of rules) {
        const segment = (await send(
          admin,
          'POST',
          '/segments',
          { name: `From the report ${Math.random()}`, rules: rule },
          201,
        )) as {
          id: string;
        };
        const page = (await send(caller, 'GET', `/segments/${segment.id}/customers?limit=200`)) as {
          items: { id: string }[];
        };
        expect(page.items.map((c) => c.id).sort(), JSON.stringify(rule)).toEqual(
          customers
            .filter(matches)
            .map((c) => c.id)
            .sort(),
        );
      }
    }
  }, 120_000);

  it('follows an order added, re-priced and trashed, and a rate changed', async () => {
    for (const org of orgs) {
      const admin = org.members.find((m) => m.role === 'admin')!;
      const rep = org.members.find((m) => m.role === 'rep')!;
      const [customer] = await rows<{ id: string }>(
        get().db,
        sql`select id from crm.customers where org_id = ${org.id} and owner_id = ${rep.userId} and deleted_at is null
            order by id limit 1`,
      );
      const other = org.base === 'USD' ? 'EUR' : 'USD';
      const before = (await check(org, admin)).report;

      // An order today, in another currency, with a product of its own.
      const order = (await send(
        rep,
        'POST',
        '/orders',
        {
          customerId: customer!.id,
          totalAmount: 12_345,
          currency: other,
          placedAt: new Date().toISOString(),
          lines: [{ sku: 'RFM-1', name: 'Report widget', quantity: 3, unitAmount: 4_115 }],
        },
        201,
      )) as { id: string; version: number };
      let report = (await check(org, admin)).report;
      expect(report.orders).toBe(before.orders + 1);
      await check(org, rep);

      // Re-priced: the revenue follows.
      await send(rep, 'PATCH', `/orders/${order.id}`, { totalAmount: 99_999_999 });
      report = (await check(org, admin)).report;
      expect(report.revenue.converted.sum).not.toBe(before.revenue.converted.sum);

      // The other currency's rate changed: the converted sums and the monetary scores follow.
      await send(admin, 'PATCH', '/organization', { exchangeRates: { ...org.rates, [other]: 1.25 } });
      org.rates = { ...org.rates, [other]: 1.25 };
      await check(org, admin);
      await check(org, rep);

      // Trashed: it counts nowhere any more.
      await send(rep, 'DELETE', `/orders/${order.id}`);
      report = (await check(org, admin)).report;
      expect(report.orders).toBe(before.orders);
    }
  }, 240_000);

  it('exports the same figures as CSV and refuses bad parameters field by field', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const report = (await send(admin, 'GET', '/reports/customers?atRiskDays=45')) as CustomerReport;
    const res = await fixture.app.request('/api/crm/reports/customers.csv?atRiskDays=45', {
      headers: { 'x-test-user': admin.userId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets read the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    const lines = parsed.data;
    const total = lines.find((l) => l.section === 'total')!;
    expect(total).toMatchObject({
      customers: String(report.customers),
      orders: String(report.orders),
      revenue: report.revenue.converted.sum,
      averageOrderValue: report.averageOrderValue ?? '',
      currency: report.currency,
      asOf: report.asOf,
    });
    for (const s of report.segments)
      expect(lines.find((l) => l.section === 'segment' && l.key === s.segment)).toMatchObject({
        customers: String(s.customers),
        orders: String(s.orders),
        revenue: s.revenue.converted.sum,
      });
    expect(lines.find((l) => l.section === 'atRisk')).toMatchObject({
      key: '45',
      customers: String(report.atRisk.customers),
      revenue: report.atRisk.lifetimeValue.converted.sum,
    });
    expect(lines.filter((l) => l.section === 'atRiskCustomer').map((l) => l.key)).toEqual(
      report.atRisk.top.map((c) => c.customerId),
    );
    expect(lines.filter((l) => l.section === 'product').map((l) => [l.name, l.revenue])).toEqual(
      report.topProducts.map((p) => [p.name, p.revenue.converted.sum]),
    );
    expect(lines.filter((l) => l.section === 'cohort').map((l) => [l.key, l.retained])).toEqual(
      report.cohorts.map((c) => [c.month, c.retained.join('; ')]),
    );

    for (const [query, path] of [
      ['atRiskDays=0', 'atRiskDays'],
      ['atRiskDays=soon', 'atRiskDays'],
      ['atRiskDays=3651', 'atRiskDays'],
      ['days=30', ''],
    ] as const) {
      const problem = (await send(admin, 'GET', `/reports/customers?${query}`, undefined, 400)) as {
        errors: { path: string }[];
      };
      expect(problem.errors.map((e) => e.path)).toContain(path || 'days');
    }
    // A bad rule on the new fields is refused at the field, and nothing is saved.
    const bad = (await send(
      admin,
      'POST',
      '/segments',
      { name: 'Bad', rules: { all: [{ field: 'rfmSegment', op: 'eq', value: 'royalty' }] } },
      400,
    )) as { errors: { path: string }[] };
    expect(bad.errors.map((e) => e.path)).toEqual(['rules.all.0']);
  }, 120_000);
});
