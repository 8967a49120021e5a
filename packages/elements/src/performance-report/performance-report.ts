import type { ForecastPeriod, PerformanceReport } from '@crmkit/core';
import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { reportFailures } from '../shared/failure.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { periodControls, periodEnd, periodName, periodStart, shiftPeriod, shownPeriodStart } from '../shared/period.js';
import { ReportLoader } from '../shared/report-loader.js';
import { headingLevel, reportHeader as header, reportSkeleton, reportState } from '../shared/report-state.js';
import { reportHeader } from '../shared/report.styles.js';
import { emptyState } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tables } from '../shared/table.styles.js';
import { tokens } from '../shared/tokens.js';
import { renderTable } from './performance-table.js';

useEnglish(en.action, en.card, en.error, en.performance, en.period);

const FAILURES = reportFailures('performance');

/**
 * Sales performance over a month, quarter or year, as `GET /reports/performance` computes it: a
 * leaderboard of the members the caller may see (won amount and deals, win rate, average deal
 * size, sales cycle, activities, quota attainment), their teams, the deals without an owner and the
 * total, each headline figure beside its change against the period before. The period can be
 * changed and stepped through; the figures follow deals, activities and quotas as they change.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-performance-report period="quarter"></crm-performance-report>
 * </crm-provider>
 * ```
 *
 * @summary Sales performance: a leaderboard of won business, win rate, cycle, activities and quota.
 * @tag crm-performance-report
 *
 * @slot actions - Buttons or links at the end of the header.
 *
 * @csspart base - The outer box.
 * @csspart header - Title, period controls and caption.
 * @csspart heading - The title.
 * @csspart period - The period kind and the previous and next buttons.
 * @csspart caption - What the figures cover.
 * @csspart table - The table of figures.
 * @csspart change - A figure's change against the period before.
 * @csspart empty - The note shown when the period has nothing to show.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 */
export class CrmPerformanceReport extends CrmElement {
  static override styles = [
    tokens,
    buttons,
    controls,
    states,
    tables,
    reportHeader,
    css`
      :host {
        background: var(--_ground);
        line-height: 1.4;
      }
      .report {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 16px;
      }
      .report.reloading .figures {
        opacity: 0.6;
        transition: opacity 150ms 100ms;
      }
      .table tbody th {
        white-space: nowrap;
      }
      .rank {
        display: inline-block;
        min-inline-size: 24px;
        color: var(--_muted);
        font-variant-numeric: tabular-nums;
      }
      .row.team th,
      .row.total th,
      .row.total td {
        font-weight: 600;
      }
      .row.total th,
      .row.total td {
        border-block-start: 2px solid var(--_border);
      }
      .change {
        display: block;
        font-size: 12px;
        color: var(--_muted);
      }
      .change.up {
        color: var(--crm-color-success, light-dark(#15803d, #4ade80));
      }
      .change.down {
        color: var(--crm-color-danger, light-dark(#b91c1c, #f87171));
      }
    `,
  ];

  /** `month`, `quarter` (the default) or `year`. */
  @property({ reflect: true }) period: ForecastPeriod = 'quarter';

  /** The period's first day (`2026-10-01`); by default the period that holds today. A day inside a period stands for it. */
  @property({ attribute: 'starts-on', reflect: true }) startsOn = '';

  /** Only the members of this team and of the teams under it. */
  @property({ attribute: 'team-id', reflect: true }) teamId = '';

  /** Only deals of this pipeline (activities and quotas are not a pipeline's). */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /** The level of the heading (1–6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private announcement = '';

  readonly #report = new ReportLoader<PerformanceReport>(this, {
    client: () => this.client,
    entities: ['opportunity', 'activity', 'quota'],
    key: () => JSON.stringify([this.period, this.#start, this.teamId.trim(), this.pipelineId.trim()]),
    read: (client, signal) => {
      const { period } = this;
      const from = this.#start;
      const compareFrom = shiftPeriod(period, from, -1);
      const teamId = this.teamId.trim();
      const pipelineId = this.pipelineId.trim();
      return client.reports.performance(
        {
          from,
          to: periodEnd(period, from),
          compareFrom,
          compareTo: periodEnd(period, compareFrom),
          ...(teamId ? { teamId } : {}),
          ...(pipelineId ? { pipelineId } : {}),
        },
        { signal },
      );
    },
    loaded: () => {
      if (!this.#announceLoad) return;
      this.#announceLoad = false;
      this.announcement = this.localize.t('performance.loaded', {
        period: periodName(this.localize, this.period, this.#start, this.#fiscal),
      });
    },
  });
  /** Whether the next load was asked for by the reader (another period), and so is announced. */
  #announceLoad = false;

  /** The report on show, once loaded. */
  get report(): PerformanceReport | undefined {
    return this.#report.value;
  }

  /** Loads the report again; the figures on show stay, dimmed, until the new ones arrive. */
  reload(): void {
    this.#report.reload();
  }

  /** The month in which the fiscal year starts, as the last report said (January until one has loaded). */
  get #fiscal(): number {
    return this.report?.fiscalYearStartMonth ?? 1;
  }

  /** The first day of the period on show: `starts-on`'s period, else today's. */
  get #start(): string {
    return shownPeriodStart(this.period, this.startsOn, this.#fiscal);
  }

  protected override render() {
    return reportState(this.localize, this.#report.view, {
      failures: FAILURES,
      retry: () => this.reload(),
      announcement: this.announcement,
      report: () => this.#renderReport(this.localize),
    });
  }

  #renderReport(t: Localizer) {
    const report = this.report;
    const level = headingLevel(this.headingLevel);
    const start = this.#start;
    const name = periodName(t, this.period, start, this.#fiscal);
    const previous = periodName(t, this.period, shiftPeriod(this.period, start, -1), this.#fiscal);
    const total = report?.total;
    const empty = total && total.wonDeals + total.lostDeals + total.activities.total === 0 && !report.members.length;
    const caption = t.t('performance.caption', { period: name, previous, currency: report?.currency ?? '' });
    return html`<section
      part="base"
      class=${classMap({ report: true, reloading: this.#report.reloading })}
      aria-labelledby="heading"
      aria-busy=${report && !this.#report.reloading ? 'false' : 'true'}
    >
      ${header(
        level,
        t.t('performance.label', { period: name }),
        periodControls(t, this.period, { step: (steps) => this.#step(steps), kind: (kind) => this.#setKind(kind) }),
        report && caption,
      )}
      <div class="figures">
        ${
          !report
            ? reportSkeleton(t.t('performance.loading'))
            : empty
              ? emptyState({ title: t.t('performance.empty'), detail: t.t('performance.emptyDetail') })
              : renderTable(t, report, caption)
        }
      </div>
    </section>`;
  }

  #step(steps: number): void {
    this.#announceLoad = true;
    this.startsOn = shiftPeriod(this.period, this.#start, steps);
  }

  #setKind(kind: ForecastPeriod): void {
    const start = this.#start;
    this.#announceLoad = true;
    this.period = kind;
    this.startsOn = periodStart(kind, start, this.#fiscal);
  }
}

define('crm-performance-report', CrmPerformanceReport);

declare global {
  interface HTMLElementTagNameMap {
    'crm-performance-report': CrmPerformanceReport;
  }
}
