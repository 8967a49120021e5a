import { z } from 'zod';
import { BoardFigures } from './board.js';
import { CurrencyCode, Id, listQuery, MinorSum, patchOf, RecordMeta } from './common.js';
import { IsoDate, Text } from './fields.js';

/** How long a quota or a forecast runs: a calendar month, quarter or year. */
export const ForecastPeriod = z.enum(['month', 'quarter', 'year']);
export type ForecastPeriod = z.infer<typeof ForecastPeriod>;

export const QuotaFields = z.object({
  ownerId: Id.nullable().default(null).describe("The member whose quota it is (or a team's: then null)"),
  teamId: Id.nullable().default(null).describe("The team whose quota it is (or a member's: then null)"),
  period: ForecastPeriod,
  startsOn: IsoDate.describe(
    "The first day of the period: the 1st of a month, or of a quarter or year of the organization's fiscal calendar (by default quarters start in Jan, Apr, Jul and Oct, years in January)",
  ),
  amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('Minor units'),
  currency: CurrencyCode,
});
export const QuotaCreate = QuotaFields;
export type QuotaCreate = z.input<typeof QuotaCreate>;
export const QuotaPatch = patchOf(QuotaFields);
export type QuotaPatch = z.input<typeof QuotaPatch>;
export const Quota = RecordMeta.extend(QuotaFields.shape);
export type Quota = z.infer<typeof Quota>;
export const QuotaListQuery = listQuery(['startsOn', 'createdAt'], '-startsOn', {
  ownerId: Id.optional(),
  teamId: Id.optional(),
  period: ForecastPeriod.optional(),
  startsOn: IsoDate.optional(),
});
export type QuotaListQuery = z.input<typeof QuotaListQuery>;

/** The categories of a forecast a manager may adjust (closed is what was won: a fact, not a call). */
export const AdjustableCategory = z.enum(['commit', 'best_case', 'pipeline']);
export type AdjustableCategory = z.infer<typeof AdjustableCategory>;

export const ForecastAdjustmentFields = z.object({
  ownerId: Id.nullable().default(null).describe("The member whose forecast is adjusted (or a team's: then null)"),
  teamId: Id.nullable().default(null).describe("The team whose forecast is adjusted (or a member's: then null)"),
  period: ForecastPeriod,
  startsOn: IsoDate.describe("The period's first day, as for quotas"),
  category: AdjustableCategory.describe('The category whose amount the adjustment replaces'),
  amount: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('The amount the manager expects, in minor units'),
  currency: CurrencyCode,
  reason: Text.trim().min(1, 'Required').max(1000).describe('Why the amount differs from the deals'),
});
export const ForecastAdjustmentCreate = ForecastAdjustmentFields;
export type ForecastAdjustmentCreate = z.input<typeof ForecastAdjustmentCreate>;
export const ForecastAdjustmentPatch = patchOf(ForecastAdjustmentFields);
export type ForecastAdjustmentPatch = z.input<typeof ForecastAdjustmentPatch>;
export const ForecastAdjustment = RecordMeta.extend(ForecastAdjustmentFields.shape).extend({
  adjustedBy: Id.nullable().describe('Who last set the amount or the reason (null: a key or the host)'),
});
export type ForecastAdjustment = z.infer<typeof ForecastAdjustment>;
export const ForecastAdjustmentListQuery = listQuery(['startsOn', 'updatedAt', 'createdAt'], '-updatedAt', {
  ownerId: Id.optional(),
  teamId: Id.optional(),
  period: ForecastPeriod.optional(),
  startsOn: IsoDate.optional(),
  category: AdjustableCategory.optional(),
});
export type ForecastAdjustmentListQuery = z.input<typeof ForecastAdjustmentListQuery>;

/** The query of `GET /reports/forecast`. */
export const ForecastQuery = z.strictObject({
  period: ForecastPeriod.default('quarter'),
  startsOn: IsoDate.optional().describe(
    "The period's first day; by default the period that holds today in the organization's time zone",
  ),
  pipelineId: Id.optional().describe('Only deals of this pipeline; by default of every pipeline'),
});
export type ForecastQuery = z.input<typeof ForecastQuery>;

/** A quota converted into the organization's base currency. */
export const QuotaFigure = z.object({
  currency: CurrencyCode.describe("The organization's base currency"),
  amount: MinorSum.describe('Minor units of the base currency, as a decimal string'),
  missingRates: z.array(CurrencyCode).describe('Quota currencies with no exchange rate: left out of amount'),
});
export type QuotaFigure = z.infer<typeof QuotaFigure>;

/** A manager's adjustment as the forecast shows it. */
export const AdjustmentFigure = z.object({
  id: Id.describe('The adjustment (`/forecast-adjustments/{id}`)'),
  version: z.number().int(),
  amount: MinorSum.describe('What the manager set, in minor units of their currency'),
  currency: CurrencyCode,
  reason: z.string(),
  adjustedBy: Id.nullable(),
  adjustedAt: z.iso.datetime({ offset: true }).describe('When it was last set'),
  applied: z.boolean().describe('False while its currency has no exchange rate into the base currency'),
});
export type AdjustmentFigure = z.infer<typeof AdjustmentFigure>;

/** An adjustable category after adjustments, in the base currency. */
export const AdjustedFigure = z.object({
  amount: MinorSum.describe(
    "Minor units of the base currency: the row's own adjustment, else the deals' amount with the adjustments of the members and teams under it",
  ),
  adjustment: AdjustmentFigure.nullable().describe("The row's own adjustment, if one is set"),
});
export type AdjustedFigure = z.infer<typeof AdjustedFigure>;

export const AdjustedFigures = z.object({
  commit: AdjustedFigure,
  bestCase: AdjustedFigure,
  pipeline: AdjustedFigure,
});
export type AdjustedFigures = z.infer<typeof AdjustedFigures>;

/**
 * How a row of the forecast moved since the last weekly snapshot before this week: what it is now
 * minus what it was then, per category, in minor units of the base currency (both at today's
 * rates, so a rate change is no movement). Commit, best case and pipeline after adjustments.
 */
export const ForecastChange = z.object({
  since: IsoDate.describe(
    "The week of the snapshot compared with: its first day, in the organization's time zone, by the organization's first day of the week when it was taken",
  ),
  closed: MinorSum.describe('Change of the won amount'),
  commit: MinorSum.describe('Change of commit, after adjustments'),
  bestCase: MinorSum.describe('Change of best case, after adjustments'),
  pipeline: MinorSum.describe('Change of pipeline, after adjustments'),
  omitted: MinorSum.describe('Change of the omitted amount'),
});
export type ForecastChange = z.infer<typeof ForecastChange>;

/**
 * The forecast of a member, a team or everyone for the period, by category. Each category's deals
 * are counted once: the categories do not include one another (a "best case" total in the
 * Salesforce sense is closed + commit + bestCase).
 */
export const ForecastFigures = z.object({
  closed: BoardFigures.describe('Deals won in the period (by the day they closed)'),
  commit: BoardFigures.describe('Open deals expected to close in the period, in the category commit'),
  bestCase: BoardFigures.describe('… in the category best_case'),
  pipeline: BoardFigures.describe('… in the category pipeline'),
  omitted: BoardFigures.describe('… in the category omitted (left out of the forecast by their owner)'),
  quota: QuotaFigure.nullable().describe('The quota for the period, if one is set'),
  adjusted: AdjustedFigures.describe("Commit, best case and pipeline after managers' adjustments"),
  change: ForecastChange.optional().describe(
    'The movement since the last weekly snapshot before this week; absent without one (and for one pipeline alone)',
  ),
});
export type ForecastFigures = z.infer<typeof ForecastFigures>;

const mayAdjust = z.boolean().describe('Whether the caller may adjust this forecast');

export const MemberForecast = ForecastFigures.extend({
  ownerId: Id,
  name: z.string(),
  teamId: Id.nullable(),
  mayAdjust,
});
export type MemberForecast = z.infer<typeof MemberForecast>;

export const TeamForecast = ForecastFigures.extend({
  teamId: Id,
  name: z.string(),
  parentId: Id.nullable(),
  managerId: Id.nullable(),
  mayAdjust,
});
export type TeamForecast = z.infer<typeof TeamForecast>;

/** `GET /reports/forecast`. */
export const Forecast = z.object({
  period: ForecastPeriod,
  from: IsoDate.describe("The period's first day"),
  to: IsoDate.describe("The period's last day"),
  baseCurrency: CurrencyCode,
  fiscalYearStartMonth: z
    .number()
    .int()
    .describe("The month (1–12) in which the organization's fiscal year starts: quarters and years follow it"),
  members: z
    .array(MemberForecast)
    .describe('Every active member with deals or a quota in the period that the caller may see, by name'),
  teams: z
    .array(TeamForecast)
    .describe("Every team, by name, with the deals of its members and of the teams under it, and the team's own quota"),
  unowned: ForecastFigures.omit({ quota: true }).describe('Deals without an owner'),
  total: ForecastFigures.omit({ quota: true }).describe('Every deal the caller may see'),
});
export type Forecast = z.infer<typeof Forecast>;
