// The funnel's shapes: one trapezoid per step, as wide as the share of deals that reached it,
// narrowing into the next. Plain arithmetic, no chart library.
import { fiscalPeriodStart, shiftPeriodStart } from '@crmkit/core';

export interface Band {
  /** Width of the band's top and bottom edges, in px. */
  top: number;
  bottom: number;
  /** Where the band starts, in px from the top of the chart. */
  y: number;
  height: number;
}

export interface FunnelLayout {
  bands: Band[];
  /** The chart's height, in px. */
  height: number;
}

/**
 * Bands for `values` (deals that reached each step) in a chart `width` px wide. A band's top edge
 * is proportional to its value (the largest value spans the width); its bottom edge meets the
 * next band's top, so the steps read as one funnel. A step no deal reached keeps a sliver
 * (`minWidth`) so it can still be seen, hovered and focused.
 */
export function funnelLayout(
  values: number[],
  { width, bandHeight, gap, minWidth = 6 }: { width: number; bandHeight: number; gap: number; minWidth?: number },
): FunnelLayout {
  const max = Math.max(0, ...values);
  const widthOf = (value: number) => (max > 0 ? Math.max(minWidth, (value / max) * width) : minWidth);
  const bands = values.map((value, index) => {
    const top = widthOf(value);
    const next = values[index + 1];
    // The last band narrows a little, as a funnel's spout does.
    const bottom = next === undefined ? Math.max(minWidth, top * 0.82) : Math.min(top, widthOf(next));
    return { top, bottom, y: index * (bandHeight + gap), height: bandHeight };
  });
  return { bands, height: values.length ? values.length * bandHeight + (values.length - 1) * gap : 0 };
}

/** The SVG path of a band centred on `cx`. */
export function bandPath(band: Band, cx: number): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  const { top, bottom, y, height } = band;
  return (
    `M${r(cx - top / 2)} ${r(y)}H${r(cx + top / 2)}` + `L${r(cx + bottom / 2)} ${r(y + height)}H${r(cx - bottom / 2)}Z`
  );
}

/**
 * Days from today back, and the first and last day of this year and last year, as `YYYY-MM-DD` in local
 * time: years of the fiscal calendar whose year starts in month `fiscal` (1: January).
 */
export function periodRange(
  period: string,
  today = new Date(),
  fiscal = 1,
): { from?: string; to?: string } | undefined {
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const back = (days: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
  const thisYear = fiscalPeriodStart('year', day(today), fiscal);
  const nextYear = shiftPeriodStart('year', thisYear, 1);
  const lastYear = shiftPeriodStart('year', thisYear, -1);
  /** The day before a YYYY-MM-DD day. */
  const before = (start: string) => {
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    return day(new Date(y, m - 1, d - 1));
  };
  switch (period) {
    case 'all':
      return {};
    case 'last-30-days':
      return { from: day(back(29)), to: day(today) };
    case 'last-90-days':
      return { from: day(back(89)), to: day(today) };
    case 'this-year':
      return { from: thisYear, to: before(nextYear) };
    case 'last-year':
      return { from: lastYear, to: before(thisYear) };
    default:
      return undefined;
  }
}
