// The forecast as a table: a row per team (by the team tree) and per member, then the deals without
// an owner and the total; per row the quota, what is closed and its attainment, and each open
// category. Each figure is a button that selects its deals; a bar in the name cell draws closed,
// commit and best case against the quota (the numbers beside it say the same for screen readers).
// Commit, best case and pipeline show the amounts after managers' adjustments, with what the deals
// add up to beneath where the two differ; a row the caller may adjust has an "Adjust" button.
// Beneath a figure that moved since last week's snapshot: by how much (an arrow and a sign, not only
// a colour), also read out with the figure.
import type { BoardFigures, Forecast, ForecastChange, ForecastFigures } from '@crmkit/core';
import { html, nothing, svg } from 'lit';
import { fullMoney, moneyText, percent, plural, shortDay } from '../shared/format.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import type { CrmForecastCell } from '../shared/events.js';

useEnglish(en.category, en.forecast, en.deals);

export const CATEGORIES = ['closed', 'commit', 'bestCase', 'pipeline', 'omitted'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The categories a manager may adjust. */
export const ADJUSTABLE = ['commit', 'bestCase', 'pipeline'] as const;
export type AdjustableCategory = (typeof ADJUSTABLE)[number];

const isAdjustable = (category: Category): category is AdjustableCategory =>
  (ADJUSTABLE as readonly Category[]).includes(category);

/** One row of the table: whose figures, and how to name them. */
export interface Row {
  key: string;
  name: string;
  /** Nesting in the team tree (0 at the top), for the indent. */
  depth: number;
  figures: Omit<ForecastFigures, 'quota'> & { quota?: ForecastFigures['quota'] };
  cell: Pick<CrmForecastCell, 'ownerId' | 'teamId'>;
  kind: 'team' | 'member' | 'unowned' | 'total';
  /** Whether the caller may adjust this row's forecast. */
  mayAdjust: boolean;
}

/** The rows in order: teams as their tree (parents first), members by name, then no owner and the total. */
export function forecastRows(t: Localizer, forecast: Forecast): Row[] {
  const rows: Row[] = [];
  const children = new Map<string | null, Forecast['teams']>();
  const shown = new Set(forecast.teams.map((team) => team.teamId));
  for (const team of forecast.teams) {
    // A team whose parent is not shown (a manager's own team) is a top of the tree.
    const parent = team.parentId && shown.has(team.parentId) ? team.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), team]);
  }
  const visit = (parent: string | null, depth: number) => {
    for (const team of children.get(parent) ?? []) {
      rows.push({
        key: `team:${team.teamId}`,
        name: team.name,
        depth,
        figures: team,
        cell: { teamId: team.teamId },
        kind: 'team',
        mayAdjust: team.mayAdjust,
      });
      visit(team.teamId, depth + 1);
    }
  };
  visit(null, 0);
  for (const member of forecast.members)
    rows.push({
      key: `member:${member.ownerId}`,
      name: member.name,
      depth: 0,
      figures: member,
      cell: { ownerId: member.ownerId },
      kind: 'member',
      mayAdjust: member.mayAdjust,
    });
  if (CATEGORIES.some((category) => forecast.unowned[category].count > 0))
    rows.push({
      key: 'unowned',
      name: t.t('forecast.unowned'),
      depth: 0,
      figures: forecast.unowned,
      cell: {},
      kind: 'unowned',
      mayAdjust: false,
    });
  rows.push({
    key: 'total',
    name: t.t('forecast.total'),
    depth: 0,
    figures: forecast.total,
    cell: {},
    kind: 'total',
    mayAdjust: false,
  });
  return rows;
}

/** The forecast's categories by the names the deals' own categories have (`category.*`). */
const LABELS: Record<Category, MessageKey> = {
  closed: 'category.closed',
  commit: 'category.commit',
  bestCase: 'category.best_case',
  pipeline: 'category.pipeline',
  omitted: 'category.omitted',
};

export const categoryLabel = (t: Localizer, category: Category) => t.t(LABELS[category]);

/** A figure in the base currency. */
const amountOf = (figures: BoardFigures) => BigInt(figures.converted.sum);

/** A category of a row in the base currency, after adjustments where the category has them. */
const forecastOf = (row: Row, category: Category): bigint =>
  isAdjustable(category) ? BigInt(row.figures.adjusted[category].amount) : amountOf(row.figures[category]);

/** The week a change is since, as a short day (`Nov 30`). */
export const sinceDay = (t: Localizer, change: ForecastChange) =>
  shortDay(t, change.since, new Date().toISOString().slice(0, 10));

/**
 * How a figure moved since the snapshot `change` compares with: visible (`▲ +$42,000`, the caption
 * says since when) and read out (`up $42,000 since Nov 30`); nothing where it did not move.
 */
export function movement(t: Localizer, change: ForecastChange | undefined, category: Category, currency: string) {
  const delta = change ? BigInt(change[category]) : 0n;
  if (!change || delta === 0n) return undefined;
  const up = delta > 0n;
  const size = moneyText(t, { amount: (up ? delta : -delta).toString(), currency });
  return {
    up,
    text: `${up ? '▲ +' : '▼ −'}${size}`,
    spoken: t.t(up ? 'forecast.changeUp' : 'forecast.changeDown', { amount: size, day: sinceDay(t, change) }),
  };
}

/** Closed ÷ quota, when there is a quota to divide by. */
function attainment(row: Row): number | null {
  const quota = row.figures.quota;
  if (!quota || quota.amount === '0') return null;
  return Number(amountOf(row.figures.closed)) / Number(quota.amount);
}

/**
 * Closed, commit and best case stacked against the quota, on one scale for the whole table (the
 * largest of any row's quota or stack), so that rows compare by eye.
 */
function bar(row: Row, scale: number) {
  if (scale <= 0) return nothing;
  const parts: [Category, number][] = [
    ['closed', Number(amountOf(row.figures.closed))],
    ['commit', Number(forecastOf(row, 'commit'))],
    ['bestCase', Number(forecastOf(row, 'bestCase'))],
  ];
  let at = 0;
  const quota = row.figures.quota ? Number(row.figures.quota.amount) : 0;
  return html`<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
    <rect class="track" x="0" y="1" width="100" height="6" rx="1" />
    ${parts.map(([category, amount]) => {
      const width = (amount / scale) * 100;
      const part = svg`<rect class=${`part ${category}`} x=${at} y="1" width=${width} height="6" />`;
      at += width;
      return part;
    })}
    ${quota > 0 ? svg`<line class="quota" x1=${(quota / scale) * 100} x2=${(quota / scale) * 100} y1="0" y2="8" />` : nothing}
  </svg>`;
}

export function renderTable(
  t: Localizer,
  forecast: Forecast,
  caption: string,
  onSelect: (cell: CrmForecastCell) => void,
  onAdjust: (row: Row) => void,
) {
  const rows = forecastRows(t, forecast);
  const adjusting = rows.some((row) => row.mayAdjust);
  const scale = Math.max(
    0,
    ...rows
      .filter((row) => row.kind !== 'total')
      .map((row) =>
        Math.max(
          row.figures.quota ? Number(row.figures.quota.amount) : 0,
          Number(amountOf(row.figures.closed) + forecastOf(row, 'commit') + forecastOf(row, 'bestCase')),
        ),
      ),
  );
  const base = forecast.baseCurrency;
  const money = (figures: BoardFigures) => moneyText(t, { amount: figures.converted.sum, currency: base });
  return html`<div class="table-box">
    <table part="table" class="table">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('forecast.name')}</th>
          <th scope="col" class="num">${t.t('forecast.quota')}</th>
          ${CATEGORIES.slice(0, 1).map((c) => html`<th scope="col" class="num">${categoryLabel(t, c)}</th>`)}
          <th scope="col" class="num">${t.t('forecast.attainment')}</th>
          ${CATEGORIES.slice(1).map((c) => html`<th scope="col" class="num">${categoryLabel(t, c)}</th>`)}
          ${adjusting ? html`<th scope="col"><span class="visually-hidden">${t.t('forecast.adjust')}</span></th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${rows.map((row) => {
          const ratio = attainment(row);
          const figure = (category: Category) => {
            const figures = row.figures[category];
            const label = t.t('forecast.deals', {
              category: categoryLabel(t, category),
              name: row.name,
              deals: plural(t, figures.count, 'deals.one', 'deals.other'),
            });
            const deals = fullMoney(t, { amount: figures.converted.sum, currency: base });
            const adjusted = isAdjustable(category) ? row.figures.adjusted[category] : undefined;
            const shown = adjusted && adjusted.amount !== figures.converted.sum ? adjusted.amount : undefined;
            // What the number stands for, and where it is not what the deals add up to, both and why.
            const note =
              shown === undefined
                ? ''
                : `${t.t('forecast.adjustedTo', { amount: fullMoney(t, { amount: shown, currency: base }) })}${
                    adjusted?.adjustment ? ` (${adjusted.adjustment.reason})` : ''
                  }`;
            const moved = movement(t, row.figures.change, category, base);
            return html`<td class="num">
              <button
                class="figure"
                type="button"
                aria-label=${[label, deals, note, moved?.spoken].filter(Boolean).join(', ')}
                title=${[label, note].filter(Boolean).join('\n')}
                ?disabled=${figures.count === 0}
                @click=${() => onSelect({ ...row.cell, category, from: forecast.from, to: forecast.to })}
              >
                ${shown === undefined ? money(figures) : moneyText(t, { amount: shown, currency: base })}
              </button>
              ${
                shown === undefined
                  ? nothing
                  : html`<span class="adjusted" aria-hidden="true"
                      >${adjusted?.adjustment ? html`<span class="mark">✎</span> ` : nothing}${t.t(
                        'forecast.dealsAmount',
                        {
                          amount: money(figures),
                        },
                      )}</span
                    >`
              }
              ${
                moved
                  ? html`<span part="change" class=${`change ${moved.up ? 'up' : 'down'}`} aria-hidden="true"
                      >${moved.text}</span
                    >`
                  : nothing
              }
            </td>`;
          };
          return html`<tr class=${`row ${row.kind}`} data-key=${row.key}>
            <th scope="row" style=${`--depth: ${row.depth}`}>
              <span class="name">${row.name}</span>
              ${row.kind === 'total' ? nothing : bar(row, scale)}
            </th>
            <td class="num">
              ${
                row.kind === 'total' || row.kind === 'unowned'
                  ? nothing
                  : row.figures.quota
                    ? moneyText(t, { amount: row.figures.quota.amount, currency: base })
                    : html`<span class="muted">${t.t('forecast.noQuota')}</span>`
              }
            </td>
            ${figure('closed')}
            <td class="num">${ratio === null ? '–' : percent(t, ratio)}</td>
            ${CATEGORIES.slice(1).map(figure)}
            ${
              adjusting
                ? html`<td class="adjust-cell">
                    ${
                      row.mayAdjust
                        ? html`<button
                            part="adjust-button"
                            class="button"
                            type="button"
                            aria-label=${t.t('forecast.adjustTitle', { name: row.name })}
                            @click=${() => onAdjust(row)}
                          >
                            ${t.t('forecast.adjust')}
                          </button>`
                        : nothing
                    }
                  </td>`
                : nothing
            }
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
