import { z } from 'zod';
import { CurrencyCode, Id, MinorSum } from './common.js';
import { IsoDate } from './fields.js';

/** The query of `GET /reports/win-rates`. */
export const WinRatesQuery = z.strictObject({
  pipelineId: Id.optional().describe("The pipeline; by default the organization's default pipeline"),
  from: IsoDate.optional().describe(
    "Deals closed on or after this day (in the organization's time zone); by default a year before `to`",
  ),
  to: IsoDate.optional().describe(
    "Deals closed on or before this day; by default today in the organization's time zone",
  ),
  ownerId: Id.optional().describe('Only deals owned by this member'),
});
export type WinRatesQuery = z.input<typeof WinRatesQuery>;

/** Of the deals that entered a stage and closed in the window: how many, how many were won, the share. */
export const WinRateCounts = z.object({
  closed: z.number().int().describe('Deals that entered the stage and closed (won or lost) in the window'),
  won: z.number().int().describe('Of those, the deals that closed in a won stage'),
  rate: z.number().nullable().describe('won ÷ closed; null when none closed'),
  probability: z
    .number()
    .int()
    .nullable()
    .describe('The rate as a whole percentage (half up), as it weights the open deals; null when none closed'),
});
export type WinRateCounts = z.infer<typeof WinRateCounts>;

/** Open deals of one currency: their sum weighted by the configured probabilities and by history. */
export const WeightedCurrencyTotal = z.object({
  currency: CurrencyCode,
  count: z.number().int(),
  sum: MinorSum,
  weighted: MinorSum.describe("Σ amount × the deal's own or its stage's configured probability / 100, rounded once"),
  weightedByHistory: MinorSum.describe(
    "Σ amount × its stage's historical probability / 100 (the configured one where none closed), rounded once",
  ),
});

/** The open deals' figures per currency and converted into the base currency. */
export const WeightedFigures = z.object({
  count: z.number().int(),
  totals: z.array(WeightedCurrencyTotal).describe('One entry per currency, by currency code'),
  converted: z.object({
    currency: CurrencyCode.describe("The organization's base currency"),
    sum: MinorSum,
    weighted: MinorSum,
    weightedByHistory: MinorSum,
    missingRates: z.array(CurrencyCode).describe('Currencies with deals but no exchange rate: left out'),
  }),
});
export type WeightedFigures = z.infer<typeof WeightedFigures>;

export const WinRateStage = z.object({
  stageId: Id,
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int().describe("The stage's configured win probability (percent)"),
  history: WinRateCounts,
  open: WeightedFigures.describe('The open deals now in the stage'),
});
export type WinRateStage = z.infer<typeof WinRateStage>;

export const OwnerWinRates = z.object({
  ownerId: Id,
  name: z.string(),
  stages: z.array(WinRateCounts.extend({ stageId: Id })).describe("The member's own rates, in stage order"),
  open: WeightedFigures.describe("The member's open deals, weighted by history at the member's own rates"),
});
export type OwnerWinRates = z.infer<typeof OwnerWinRates>;

/** `GET /reports/win-rates`. */
export const WinRates = z.object({
  pipelineId: Id,
  name: z.string(),
  from: IsoDate,
  to: IsoDate,
  baseCurrency: CurrencyCode,
  stages: z.array(WinRateStage).describe("The pipeline's open stages, in order"),
  total: WeightedFigures.describe('Every open deal of the pipeline the caller may see'),
  owners: z
    .array(OwnerWinRates)
    .describe('Every member the caller may see with closed deals in the window or open deals in the pipeline, by name'),
});
export type WinRates = z.infer<typeof WinRates>;
