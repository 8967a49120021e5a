import {
  convertMinor,
  CustomerSummary,
  Id,
  NoQuery,
  Problem,
  type ConversionPart,
  type CurrencyAmount,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, asc, count, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { callerAllows } from '../auth/roles.js';
import { conversion, type Rates } from '../board/money.js';
import { readInOrg, type Tx } from '../db/database.js';
import { activities, contacts, opportunities, orders, organizations, stages, users } from '../db/schema/index.js';
import type { Caller, CrmEnv } from '../http/env.js';
import { present, requireRow } from './crud.js';
import { customFieldResource, liveCustomFields } from './custom-fields.js';
import { contactResource, customerResource } from './customers.js';
import { opportunityResource } from './sales.js';
import { segmentsOf } from '../segments/evaluate.js';
import { activityResource, orderResource } from './service.js';

const route = createRoute({
  method: 'get',
  path: '/customers/{id}/summary',
  tags: ['Customers'],
  summary: "A customer's owner, contacts, orders, open deals and activities at a glance",
  request: { params: z.object({ id: Id }), query: NoQuery },
  responses: {
    200: { description: 'The summary', content: { 'application/json': { schema: CustomerSummary } } },
    404: { description: 'No such customer', content: { 'application/problem+json': { schema: Problem } } },
  },
});

/**
 * The total of per-currency sums in the base currency, exact and rounded once (as the board converts),
 * or null when a currency has no rate: a partial total would read as the whole.
 */
function inBase(amounts: CurrencyAmount[], rates: Rates): CurrencyAmount | null {
  const parts: ConversionPart[] = [];
  for (const { amount, currency } of amounts) {
    const to = conversion(currency, rates);
    if (to === undefined) return null;
    parts.push({ units: amount, ...to });
  }
  return { currency: rates.base, amount: convertMinor(parts).toString() };
}

async function summarize(tx: Tx, caller: Caller, id: string) {
  const { orgId } = caller;
  const customer = await requireRow(tx, customerResource, orgId, id);
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId));
  const [owner] = customer.ownerId
    ? await tx
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(and(eq(users.orgId, orgId), eq(users.id, String(customer.ownerId))))
    : [];

  const contactWhere = and(eq(contacts.orgId, orgId), eq(contacts.customerId, id), isNull(contacts.deletedAt));
  const [contactCount] = await tx.select({ n: count() }).from(contacts).where(contactWhere);
  const contactRows = await tx
    .select()
    .from(contacts)
    .where(contactWhere)
    .orderBy(desc(contacts.isPrimary), asc(contacts.name))
    .limit(5);

  const orderWhere = and(eq(orders.orgId, orgId), eq(orders.customerId, id), isNull(orders.deletedAt));
  const orderTotals = await tx
    .select({ currency: orders.currency, amount: sql<string>`sum(${orders.totalAmount})::text`, n: count() })
    .from(orders)
    .where(orderWhere)
    .groupBy(orders.currency)
    .orderBy(orders.currency);
  const [lastOrder] = await tx.select().from(orders).where(orderWhere).orderBy(desc(orders.placedAt)).limit(1);

  const openWhere = and(
    eq(opportunities.orgId, orgId),
    eq(opportunities.customerId, id),
    isNull(opportunities.deletedAt),
    eq(stages.kind, 'open'),
  );
  const openJoin = and(eq(stages.orgId, opportunities.orgId), eq(stages.id, opportunities.stageId));
  // A member whose role may not read deals (a support agent) gets the summary without them.
  const readsDeals = callerAllows(caller, 'opportunities', 'read');
  const openTotals = !readsDeals
    ? []
    : await tx
        .select({
          currency: opportunities.currency,
          amount: sql<string>`sum(${opportunities.amount})::text`,
          n: count(),
        })
        .from(opportunities)
        .innerJoin(stages, openJoin)
        .where(openWhere)
        .groupBy(opportunities.currency)
        .orderBy(opportunities.currency);
  const openRows = !readsDeals
    ? []
    : await tx
        .select({ row: opportunities })
        .from(opportunities)
        .innerJoin(stages, openJoin)
        .where(openWhere)
        .orderBy(sql`${opportunities.expectedCloseDate} asc nulls last`, asc(opportunities.id))
        .limit(5);

  const activityWhere = and(eq(activities.orgId, orgId), eq(activities.customerId, id), isNull(activities.deletedAt));
  const [lastActivity] = await tx
    .select()
    .from(activities)
    .where(
      and(
        activityWhere,
        sql`${activities.occurredAt} <= now()`,
        or(sql`${activities.type} <> 'task'`, sql`${activities.doneAt} is not null`),
      ),
    )
    .orderBy(desc(activities.occurredAt))
    .limit(1);
  const [nextActivity] = await tx
    .select()
    .from(activities)
    .where(and(activityWhere, eq(activities.type, 'task'), isNull(activities.doneAt)))
    .orderBy(sql`coalesce(${activities.dueAt}, ${activities.occurredAt}) asc`)
    .limit(1);

  const lifetimeValue = orderTotals.map(({ currency, amount }) => ({ currency, amount }));
  return {
    customerId: id,
    owner: owner ?? null,
    contacts: {
      total: contactCount!.n,
      items: await Promise.all(contactRows.map((r) => present(contactResource, r, tx))),
    },
    orders: {
      count: orderTotals.reduce((n, t) => n + t.n, 0),
      lifetimeValue,
      lifetimeValueBase: inBase(lifetimeValue, { base: org!.baseCurrency, rates: org!.exchangeRates }),
      lastOrder: lastOrder ? await present(orderResource, lastOrder, tx) : null,
    },
    openOpportunities: {
      count: openTotals.reduce((n, t) => n + t.n, 0),
      amounts: openTotals.map(({ currency, amount }) => ({ currency, amount })),
      items: await Promise.all(openRows.map(({ row }) => present(opportunityResource, row, tx))),
    },
    lastActivity: lastActivity ? await present(activityResource, lastActivity, tx) : null,
    nextActivity: nextActivity ? await present(activityResource, nextActivity, tx) : null,
    // A token that may not read segments gets the rest of the summary, without them.
    segments: callerAllows(caller, 'segments', 'read') ? await segmentsOf(tx, caller, id) : [],
    customFields: await Promise.all(
      (await liveCustomFields(tx, orgId, customerResource)).map((field) => present(customFieldResource, field, tx)),
    ),
  };
}

export const customerSummaryRoutes = new OpenAPIHono<CrmEnv>().openapi(route, async (c) => {
  const caller = c.var.crmCaller;
  const summary = await readInOrg(c.var.crmDb, caller, (tx) => summarize(tx, caller, c.req.valid('param').id));
  return c.json(summary as never, 200);
});
