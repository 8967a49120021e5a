import type { PerformanceFigures, PerformanceGrowth, PerformanceReport } from '@crmkit/core';
import { csvLines } from '../integration/csv.js';

type Figures = Omit<PerformanceFigures, 'quota' | 'attainment'> &
  Partial<Pick<PerformanceFigures, 'quota' | 'attainment'>>;

const FIGURES = [
  'wonAmount',
  'wonByCurrency',
  'wonDeals',
  'lostDeals',
  'winRate',
  'averageDealSize',
  'salesCycleDays',
  'activities',
  'calls',
  'emails',
  'meetings',
  'notes',
  'tasksDone',
  'quota',
  'attainment',
  'missingRates',
];

/** The columns of one period's figures, in the order of the header. */
const figureColumns = (f: Figures | null) => {
  if (!f) return FIGURES.map(() => null);
  const missing = new Set([...f.won.converted.missingRates, ...(f.quota?.missingRates ?? [])]);
  return [
    f.won.converted.sum,
    f.won.totals.map((t) => `${t.currency} ${t.sum}`).join('; '),
    f.wonDeals,
    f.lostDeals,
    f.winRate,
    f.averageDealSize,
    f.salesCycleDays,
    f.activities.total,
    f.activities.call,
    f.activities.email,
    f.activities.meeting,
    f.activities.note,
    f.activities.task,
    f.quota?.amount,
    f.attainment,
    [...missing].sort().join('; '),
  ];
};

const GROWTH: (keyof PerformanceGrowth)[] = ['wonAmount', 'wonDeals', 'averageDealSize', 'activities', 'winRate'];
const compareName = (name: string) => `compare${name[0]!.toUpperCase()}${name.slice(1)}`;
const growthName = (name: keyof PerformanceGrowth) =>
  name === 'winRate' ? 'winRateChange' : `growth${name[0]!.toUpperCase()}${name.slice(1)}`;

export const PERFORMANCE_CSV_HEADER = [
  'row',
  'rank',
  'ownerId',
  'teamId',
  'parentId',
  'name',
  'currency',
  'from',
  'to',
  ...FIGURES,
  'compareFrom',
  'compareTo',
  ...FIGURES.map(compareName),
  ...GROWTH.map(growthName),
];

/**
 * The report as CSV: a line per member (in leaderboard order), per team, for the deals of no owner and
 * in total, with the JSON's figures (amounts in minor units of the report currency, ratios as numbers,
 * empty cells for nulls). Written by papaparse, as the exports are; a UTF-8 byte-order mark first.
 */
export function performanceCsv(report: PerformanceReport): string {
  type Row = Figures & { comparison: Figures | null; growth: PerformanceGrowth | null };
  const line = (kind: string, ids: (string | number | null)[], name: string | null, row: Row) => [
    kind,
    ...ids,
    name,
    report.currency,
    report.from,
    report.to,
    ...figureColumns(row),
    report.compareFrom,
    report.compareTo,
    ...figureColumns(row.comparison),
    ...GROWTH.map((g) => row.growth?.[g] ?? null),
  ];
  const lines = [
    ...report.members.map((m) => line('member', [m.rank, m.ownerId, m.teamId, null], m.name, m)),
    ...report.teams.map((t) => line('team', [null, null, t.teamId, t.parentId], t.name, t)),
    line('unowned', [null, null, null, null], null, report.unowned),
    line('total', [null, null, null, null], null, report.total),
  ];
  return '\uFEFF' + csvLines([PERFORMANCE_CSV_HEADER, ...lines.map((l) => l.map((cell) => cell ?? ''))]);
}
