import { z } from 'zod';
import { CurrencyAmount, CurrencyCode, Id, MinorSum } from './common.js';
import { IsoDate, ShortText, Tag, Text } from './fields.js';
import { Stage, StageKind } from './sales.js';

/** Filters shared by the board and its columns; all of them narrow, together (AND). */
export const BoardFilters = z.strictObject({
  ownerId: Id.optional().describe('Only deals owned by this member'),
  teamId: Id.optional().describe('Only deals owned by members (or managers) of this team or of the teams under it'),
  mine: z.stringbool().optional().describe('Only deals owned by the caller'),
  closeFrom: IsoDate.optional().describe('Only deals expected to close on or after this day'),
  closeTo: IsoDate.optional().describe('Only deals expected to close on or before this day'),
  tag: Tag.optional().describe('Only deals whose customer carries this tag'),
});
export type BoardFilters = z.input<typeof BoardFilters>;

const CardLimit = z.coerce.number<number>().int().min(1).max(100);

/** The query of `GET /pipelines/{id}/board`. */
export const BoardQuery = BoardFilters.extend({
  limit: CardLimit.default(20).describe('Cards in the first page of each column'),
});
export type BoardQuery = z.input<typeof BoardQuery>;

/** The query of `GET /pipelines/{id}/board/stages/{stageId}`: the next page of one column. */
export const BoardColumnQuery = BoardFilters.extend({
  limit: CardLimit.default(20).describe('Cards in this page'),
  cursor: Text.max(512).optional().describe("A column's nextCursor"),
});
export type BoardColumnQuery = z.input<typeof BoardColumnQuery>;

/** One deal as a card of the board. */
export const BoardCard = z.object({
  id: Id,
  name: z.string(),
  customerId: Id,
  customerName: z.string().nullable().describe('Null when the caller may not see the customer'),
  amount: z.number().int().describe('Minor units'),
  currency: CurrencyCode,
  ownerId: Id.nullable(),
  expectedCloseDate: IsoDate.nullable(),
  probability: z.number().int().nullable().describe("The deal's own win probability; null: the stage's applies"),
  effectiveProbability: z.number().int().describe("The deal's own probability, else its stage's"),
  version: z.number().int().positive(),
  position: z.number().describe('Order in its column, ascending (ties by id)'),
});
export type BoardCard = z.infer<typeof BoardCard>;

/** Sums of one currency, in its minor units. */
export const CurrencyTotal = z.object({
  currency: CurrencyCode,
  count: z.number().int(),
  sum: MinorSum.describe('Sum of the amounts: minor units, as a decimal string (sums can exceed 2^53)'),
  weighted: MinorSum.describe(
    'Sum of amount × effective probability / 100, rounded once at the end: minor units, as a decimal string',
  ),
});
export type CurrencyTotal = z.infer<typeof CurrencyTotal>;

/** Sums converted into the organization's base currency with its exchange rates. */
export const ConvertedTotal = z.object({
  currency: CurrencyCode.describe("The organization's base currency"),
  sum: MinorSum.describe('Minor units of the base currency, as a decimal string: sums can exceed 2^53'),
  weighted: MinorSum.describe('Minor units of the base currency, as a decimal string: sums can exceed 2^53'),
  missingRates: z
    .array(CurrencyCode)
    .describe('Currencies with deals but no exchange rate: their amounts are left out of sum and weighted'),
});
export type ConvertedTotal = z.infer<typeof ConvertedTotal>;

/** The figures of a set of deals: how many, and their money per currency and converted. */
export const BoardFigures = z.object({
  count: z.number().int(),
  totals: z.array(CurrencyTotal).describe('One entry per currency, by currency code'),
  converted: ConvertedTotal,
});
export type BoardFigures = z.infer<typeof BoardFigures>;

/** One column of the board: the stage, the figures of all its matching deals, and a page of cards. */
export const BoardColumn = Stage.extend(BoardFigures.shape).extend({
  cards: z.array(BoardCard).describe('Ordered by (position, id)'),
  nextCursor: z.string().nullable().describe('Pass to the column route for the next page; null on the last'),
});
export type BoardColumn = z.infer<typeof BoardColumn>;

/** `GET /pipelines/{id}/board`: the pipeline's figures, and its stages in order as columns. */
export const Board = BoardFigures.extend({
  pipelineId: Id,
  name: z.string(),
  lostReasons: z
    .array(z.string())
    .describe("The pipeline's usual reasons for losing a deal, to offer when one is lost"),
  baseCurrency: CurrencyCode,
  stages: z.array(BoardColumn).describe('In stage order'),
});
export type Board = z.infer<typeof Board>;

/** `POST /opportunities/{id}/move`. */
export const OpportunityMove = z.object({
  stageId: Id.describe('The stage to move into (its own stage to reorder)'),
  afterId: Id.optional().describe('The card that will come just before the deal in that column'),
  beforeId: Id.optional().describe('The card that will come just after the deal in that column'),
  lostReason: ShortText.nullable().optional().describe('Set with the move, for stages that require it'),
});
export type OpportunityMove = z.input<typeof OpportunityMove>;

/** The query of `GET /reports/funnel`. */
export const FunnelQuery = z.strictObject({
  pipelineId: Id.optional().describe("The pipeline; by default the organization's default pipeline"),
  from: IsoDate.optional().describe("Deals created on or after this day (in the organization's time zone)"),
  to: IsoDate.optional().describe("Deals created on or before this day (in the organization's time zone)"),
  ownerId: Id.optional().describe('Only deals owned by this member'),
  teamId: Id.optional().describe('Only deals owned by members (or managers) of this team or of the teams under it'),
});
export type FunnelQuery = z.input<typeof FunnelQuery>;

/** One step of the funnel (see the route's description for the exact definitions). */
export const FunnelStep = z.object({
  stageId: Id,
  name: z.string(),
  kind: StageKind,
  position: z.number().int(),
  reached: z.number().int().describe('Deals whose furthest step is this one or a later one'),
  conversion: z
    .number()
    .nullable()
    .describe('reached of the next step / reached of this one; null on the last step or when none reached this'),
  overall: z.number().nullable().describe('reached / reached of the first step; null when none reached the first'),
  dropOff: z.number().int().nullable().describe('reached − reached of the next step; null on the last step'),
  amount: z.array(CurrencyAmount).describe('Sum of the current amounts of the deals counted in reached, per currency'),
  converted: ConvertedTotal.omit({ weighted: true }),
  averageDaysInStage: z
    .number()
    .nullable()
    .describe('Days a deal that entered this stage spent in it, averaged over those deals; null for won stages'),
});
export type FunnelStep = z.infer<typeof FunnelStep>;

/** `GET /reports/funnel`. */
export const Funnel = z.object({
  pipelineId: Id,
  name: z.string(),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  timeZone: z.string().describe('The time zone the period is counted in'),
  fiscalYearStartMonth: z
    .number()
    .int()
    .describe("The month (1–12) in which the organization's fiscal year starts, for a screen's year presets"),
  baseCurrency: CurrencyCode,
  deals: z.number().int().describe('Deals of the period with stage history'),
  stages: z.array(FunnelStep).describe('Open and won stages in stage order; lost stages are not steps'),
});
export type Funnel = z.infer<typeof Funnel>;
