// Sales performance as a table: the leaderboard of members (rank, won amount and deals, win rate,
// average deal size, sales cycle, activities, quota attainment), the teams, the deals without an
// owner, and the total. Beside each headline figure, how it changed against the comparison period.
import type { PerformanceFigures, PerformanceGrowth, PerformanceReport } from '@crmkit/core';
import { html, nothing } from 'lit';
import { fullMoney, percent } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.performance);

type Figures = Omit<PerformanceFigures, 'quota' | 'attainment'> &
  Partial<Pick<PerformanceFigures, 'quota' | 'attainment'>> & { growth: PerformanceGrowth | null };

interface Row {
  key: string;
  rank?: number;
  name: string;
  kind: 'member' | 'team' | 'unowned' | 'total';
  figures: Figures;
}

/** The rows in order: members by rank, then teams, the deals without an owner (if any), and the total. */
function rows(t: Localizer, report: PerformanceReport): Row[] {
  const unowned = report.unowned;
  return [
    ...report.members.map((m): Row => ({ key: m.ownerId, rank: m.rank, name: m.name, kind: 'member', figures: m })),
    ...report.teams.map((team): Row => ({ key: team.teamId, name: team.name, kind: 'team', figures: team })),
    ...(unowned.wonDeals + unowned.lostDeals + unowned.activities.total > 0
      ? [{ key: 'unowned', name: t.t('performance.unowned'), kind: 'unowned', figures: unowned } as Row]
      : []),
    { key: 'total', name: t.t('performance.total'), kind: 'total', figures: report.total },
  ];
}

/** A relative change as `+25%` or `−10%`, with what it compares to for a screen reader; nothing without one. */
function change(t: Localizer, ratio: number | null | undefined, points = false) {
  if (ratio === null || ratio === undefined) return nothing;
  const text = points
    ? t.t('performance.points', {
        points: t.number(ratio * 100, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }),
      })
    : t.number(ratio, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const direction = ratio > 0 ? 'up' : ratio < 0 ? 'down' : 'flat';
  return html`<span part="change" class="change ${direction}"
    ><span class="visually-hidden">${t.t('performance.compared')}</span> ${text}</span
  >`;
}

const dash = '–';

/** The table of the report, captioned by `caption`. */
export function renderTable(t: Localizer, report: PerformanceReport, caption: string) {
  const money = (sum: string | null) =>
    sum === null ? dash : fullMoney(t, { amount: sum, currency: report.currency });
  const heads = [
    'performance.won',
    'performance.wonDeals',
    'performance.winRate',
    'performance.averageDeal',
    'performance.cycle',
    'performance.activities',
    'performance.attainment',
  ] as const;
  return html`<div class="table-box" tabindex="0" role="region" aria-label=${caption}>
    <table part="table" class="table">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('performance.name')}</th>
          ${heads.map((key) => html`<th scope="col" class="num">${t.t(key)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows(t, report).map(({ key, rank, name, kind, figures: f }) => {
          const growth = f.growth;
          return html`<tr class="row ${kind}" data-key=${key}>
            <th scope="row">
              ${rank ? html`<span class="rank" aria-label=${t.t('performance.rank', { rank })}>${rank}</span>` : nothing}
              <span class="name">${name}</span>
            </th>
            <td class="num">${money(f.won.converted.sum)} ${change(t, growth?.wonAmount)}</td>
            <td class="num">${t.number(f.wonDeals)} ${change(t, growth?.wonDeals)}</td>
            <td class="num">
              ${f.winRate === null ? dash : percent(t, f.winRate)} ${change(t, growth?.winRate, true)}
            </td>
            <td class="num">${money(f.averageDealSize)} ${change(t, growth?.averageDealSize)}</td>
            <td class="num">
              ${f.salesCycleDays === null ? dash : t.t('performance.days', { days: t.number(f.salesCycleDays, { maximumFractionDigits: 0 }) })}
            </td>
            <td class="num">${t.number(f.activities.total)} ${change(t, growth?.activities)}</td>
            <td class="num">
              ${f.attainment === null || f.attainment === undefined ? dash : percent(t, f.attainment)}
              ${f.quota ? html`<div class="muted">${t.t('performance.ofQuota', { quota: money(f.quota.amount) })}</div>` : nothing}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
