import { z } from 'zod';
import { ConvertedTotal, CurrencyTotal } from './board.js';
import { CurrencyCode, Id, MinorSum } from './common.js';
import { IsoDate } from './fields.js';
import { QuotaFigure } from './forecast.js';

/** A period is given whole or not at all, and does not end before it starts: each fault at its own field (the reports share it). */
export function checkPeriod(
  value: { from?: string; to?: string; compareFrom?: string; compareTo?: string },
  ctx: z.RefinementCtx,
) {
  for (const [first, last] of [
    ['from', 'to'],
    ['compareFrom', 'compareTo'],
  ] as const) {
    const start = value[first];
    const end = value[last];
    if ((start === undefined) !== (end === undefined)) {
      const missing = start === undefined ? first : last;
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: `Give ${first} and ${last} together`,
        params: { code: 'required' },
      });
    } else if (
      start !== undefined &&
      end !== undefined &&
      // A malformed day has its own error already.
      IsoDate.safeParse(start).success &&
      IsoDate.safeParse(end).success &&
      end < start
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [last],
        message: `Must not be before ${first}`,
        params: { code: 'invalid_value' },
      });
    }
  }
}

/** The query of `GET /reports/performance` and `GET /reports/performance.csv`. */
export const PerformanceReportQuery = z
  .strictObject({
    from: IsoDate.optional().describe(
      "First day of the period, in the organization's time zone; with `to`. By default the quarter that holds today",
    ),
    to: IsoDate.optional().describe('Last day of the period, included; with `from`'),
    compareFrom: IsoDate.optional().describe('First day of the period to compare with; with `compareTo`'),
    compareTo: IsoDate.optional().describe('Last day of the period to compare with, included'),
    teamId: Id.optional().describe('Only the members (and managers) of this team and of the teams under it'),
    ownerId: Id.optional().describe('Only this member'),
    pipelineId: Id.optional().describe("Only deals of this pipeline (activities and quotas are not a pipeline's)"),
    currency: CurrencyCode.optional().describe(
      'Only deals and quotas in this currency, in its own units; by default all of them, converted into the base currency',
    ),
  })
  .superRefine(checkPeriod);
export type PerformanceReportQuery = z.input<typeof PerformanceReportQuery>;

/** Activities counted in a period, in all and by type. */
export const ActivityCounts = z.object({
  total: z.number().int(),
  call: z.number().int(),
  email: z.number().int(),
  meeting: z.number().int(),
  note: z.number().int(),
  task: z.number().int().describe('Tasks done in the period (by the time they were done)'),
});
export type ActivityCounts = z.infer<typeof ActivityCounts>;

/** The figures of a member, a team or everyone over one period. */
export const PerformanceFigures = z.object({
  won: z
    .object({
      totals: z.array(CurrencyTotal.omit({ weighted: true })).describe('Per currency, by currency code'),
      converted: ConvertedTotal.omit({ weighted: true }).describe('In the report currency'),
    })
    .describe('Deals in a won stage that closed in the period'),
  wonDeals: z.number().int(),
  lostDeals: z.number().int().describe('Deals in a lost stage that closed in the period'),
  winRate: z.number().nullable().describe('wonDeals / (wonDeals + lostDeals); null when none closed'),
  averageDealSize: MinorSum.nullable().describe(
    'won.converted.sum / the won deals whose currency converts, rounded half up: minor units of the report currency; null when there are none',
  ),
  salesCycleDays: z
    .number()
    .nullable()
    .describe("The won deals' average of (day closed − day created), in the organization's days; null when none"),
  activities: ActivityCounts.describe(
    'Calls, emails, meetings and notes that occurred in the period and tasks done in it',
  ),
  quota: QuotaFigure.nullable().describe(
    'The sum of the quotas that cover the period exactly (one year, or whole quarters, or whole months), in the report currency; null when none do',
  ),
  attainment: z
    .number()
    .nullable()
    .describe('won.converted.sum / quota.amount; null without a quota, with a quota of 0 or when a rate is missing'),
});
export type PerformanceFigures = z.infer<typeof PerformanceFigures>;

/** How the period compares with the comparison period: relative change, e.g. 0.25 for 25% more. */
export const PerformanceGrowth = z.object({
  wonAmount: z.number().nullable().describe('(won − compared) / compared, converted sums; null when compared is 0'),
  wonDeals: z.number().nullable(),
  averageDealSize: z.number().nullable(),
  activities: z.number().nullable().describe('Of the total of activities'),
  winRate: z
    .number()
    .nullable()
    .describe('The change of the win rate, in points of 1 (0.1: ten points up); null when either is null'),
});
export type PerformanceGrowth = z.infer<typeof PerformanceGrowth>;

const compared = {
  comparison: PerformanceFigures.nullable().describe('The same figures over the comparison period, if one is given'),
  growth: PerformanceGrowth.nullable().describe('Null without a comparison period'),
};

export const MemberPerformance = PerformanceFigures.extend({
  rank: z.number().int().min(1).describe('Place on the leaderboard'),
  ownerId: Id,
  name: z.string(),
  teamId: Id.nullable(),
  ...compared,
});
export type MemberPerformance = z.infer<typeof MemberPerformance>;

export const TeamPerformance = PerformanceFigures.extend({
  teamId: Id,
  name: z.string(),
  parentId: Id.nullable(),
  managerId: Id.nullable(),
  ...compared,
});
export type TeamPerformance = z.infer<typeof TeamPerformance>;

const Unquoted = PerformanceFigures.omit({ quota: true, attainment: true });
export const OverallPerformance = Unquoted.extend({
  comparison: Unquoted.nullable(),
  growth: PerformanceGrowth.nullable(),
});
export type OverallPerformance = z.infer<typeof OverallPerformance>;

/**
 * `GET /reports/performance`: sales performance by member and team, as a leaderboard. The id filters
 * are not echoed: an id of another organization must not come back in an answer.
 */
export const PerformanceReport = z.object({
  from: IsoDate,
  to: IsoDate,
  compareFrom: IsoDate.nullable(),
  compareTo: IsoDate.nullable(),
  currency: CurrencyCode.describe('The currency of every converted amount: the base currency, or the one asked for'),
  fiscalYearStartMonth: z
    .number()
    .int()
    .describe("The month (1–12) in which the organization's fiscal year starts: quarters and years follow it"),
  members: z
    .array(MemberPerformance)
    .describe(
      'The leaderboard: every member the caller may see with deals, activities or a quota in either period, by won amount (then won deals, name)',
    ),
  teams: z
    .array(TeamPerformance)
    .describe(
      "Teams the caller may see, by won amount: their members', sub-teams' and managers' figures, the team's own quota",
    ),
  unowned: OverallPerformance.describe('Deals and activities without an owner'),
  total: OverallPerformance.describe('Everything the report counts'),
});
export type PerformanceReport = z.infer<typeof PerformanceReport>;
