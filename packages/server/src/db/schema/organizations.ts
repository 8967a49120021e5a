import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgPolicy, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { crm, crmApp, currentOrg, timestamptz } from './columns.js';
import { writerPolicies } from './policies.js';

/** An organization is a tenant: every other table's rows belong to one. */
export const organizations = crm.table(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    baseCurrency: text('base_currency').notNull().default('USD'),
    /** Units of the base currency per unit of each other currency, e.g. `{ "TWD": 0.031 }`. */
    exchangeRates: jsonb('exchange_rates').$type<Record<string, number>>().notNull().default({}),
    locale: text('locale').notNull().default('en'),
    /** Origins whose pages may call the kit with this organization's embed tokens (CORS). */
    allowedOrigins: text('allowed_origins')
      .array()
      .notNull()
      .default(sql`'{}'`),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** The month (1–12) on whose first day the fiscal year starts: quarters and years of quotas and reports follow it. */
    fiscalYearStartMonth: smallint('fiscal_year_start_month').notNull().default(1),
    /** The ISO weekday (1 = Monday … 7 = Sunday) on which its weeks start: the forecast's weekly snapshots follow it. */
    weekStartsOn: smallint('week_starts_on').notNull().default(1),
    /** Signs this organization's embed tokens, when set (else the kit's `embedSecret` does). Never shown. */
    embedSecret: text('embed_secret'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    check('organizations_fiscal_year_start_month_check', sql`${t.fiscalYearStartMonth} between 1 and 12`),
    check('organizations_week_starts_on_check', sql`${t.weekStartsOn} between 1 and 7`),
    pgPolicy('organizations_tenant', {
      for: 'all',
      to: crmApp,
      using: sql`id = ${currentOrg}`,
      withCheck: sql`id = ${currentOrg}`,
    }),
    ...writerPolicies('organizations'),
  ],
);
