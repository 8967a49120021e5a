import type { CrmClient, Funnel, FunnelQuery } from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { plural } from '../shared/format.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls, filterRow } from '../shared/controls.styles.js';
import { ReportLoader } from '../shared/report-loader.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmFunnelStageSelectEvent } from '../shared/events.js';
import { PIPELINE_FAILURES } from '../shared/failure.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { reportHeader } from '../shared/report.styles.js';
import { tables } from '../shared/table.styles.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { renderFilters } from './funnel-filters.js';
import { styles } from './funnel-chart.styles.js';
import { renderChart } from './funnel-svg.js';
import { renderTable } from './funnel-table.js';
import { caption } from './funnel-text.js';
import { periodRange } from './geometry.js';
import * as en from '../shared/messages/en.js';
import { everyPage } from '../shared/every-page.js';

useEnglish(en.action, en.card, en.deals, en.funnel);

/** The periods the period filter offers; `custom` uses `from` and `to`. */
export type FunnelPeriod = 'all' | 'last-30-days' | 'last-90-days' | 'this-year' | 'last-year' | 'custom';

/**
 * The sales funnel of a pipeline as `GET /reports/funnel` computes it: how many deals reached
 * each stage, their amounts, and how many moved on to the next. Drawn by the component as SVG
 * (no chart library). Each stage can be focused (a tooltip gives its details) and chosen with a
 * click or Enter, which fires `crm-funnel-stage-select`; the same figures are available as a
 * table. The period (by the deals' creation day) and the owner can be filtered.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-funnel-chart period="this-year"></crm-funnel-chart>
 * </crm-provider>
 * ```
 *
 * @summary A pipeline's sales funnel: deals per stage and conversion between stages.
 * @tag crm-funnel-chart
 *
 * @slot actions - Buttons or links at the end of the header.
 *
 * @csspart base - The outer box.
 * @csspart header - Title, caption, view toggle and filters.
 * @csspart heading - The title.
 * @csspart caption - What the figures cover: pipeline, period and number of deals.
 * @csspart filters - The period and owner filters.
 * @csspart toggle - The button that switches between chart and table.
 * @csspart chart - The SVG funnel.
 * @csspart stage - One stage of the funnel (an SVG group).
 * @csspart tooltip - The details of the stage under the pointer or focus.
 * @csspart table - The table of figures.
 * @csspart empty - The note shown when no deal falls in the period.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 *
 * @cssproperty [--crm-funnel-color=var(--crm-color-accent)] - The colour of the bands (won stages use the success colour).
 * @cssproperty [--crm-color-success=light-dark(#15803d, #4ade80)] - The colour of won stages.
 *
 * @fires {CrmFunnelStageSelectEvent} crm-funnel-stage-select - A stage was chosen (click, or Enter/Space on it, in the chart or the table); `event.detail.stage` is its step of the report.
 */
export class CrmFunnelChart extends CrmElement {
  static override styles = [tokens, buttons, controls, filterRow, states, tables, reportHeader, styles];

  /** The pipeline. Without one, the organization's default pipeline. */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /**
   * Which deals count, by the day they were created: `all`, `last-30-days`, `last-90-days`,
   * `this-year`, `last-year`, or `custom` (then `from` and `to`). Defaults to `custom` when
   * `from` or `to` is set, else `all`.
   */
  @property({ reflect: true }) period?: FunnelPeriod;

  /** With `period="custom"`: deals created on or after this day (`2026-01-01`). */
  @property({ reflect: true }) from = '';

  /** With `period="custom"`: deals created on or before this day (`2026-03-31`). */
  @property({ reflect: true }) to = '';

  /** Only deals of this owner (a user id). */
  @property({ attribute: 'owner-id', reflect: true }) ownerId = '';

  /** `chart` (the default) or `table`: how the figures are shown. The toggle button switches it. */
  @property({ reflect: true }) view: 'chart' | 'table' = 'chart';

  /** The level of the heading (1–6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private owners: [string, string][] = [];
  @state() private width = 0;
  /** The stage whose tooltip shows, and whether focus (rather than the pointer) put it there. */
  @state() private active?: { index: number; focus: boolean };
  @state() private focusIndex = 0;
  @state() private announcement = '';

  /** The pipeline (`pipeline-id`, '' for the default) of the funnel on show. */
  #shownFor?: string;
  #ownersFor?: CrmClient;
  #announceLoad = false;
  /**
   * The funnel of the pipeline, period and owner asked for, read again as they change and as deals
   * move, win or lose anywhere (the board next to it, another user). The same pipeline again keeps
   * its figures on show, dimmed, until the new ones arrive, so the page does not jump.
   */
  readonly #report = new ReportLoader<Funnel>(this, {
    client: () => this.client,
    entities: ['opportunity'],
    key: () => JSON.stringify(this.query),
    keepShown: () => this.#shownFor === this.pipelineId.trim(),
    read: (client, signal) => {
      this.#announceLoad = this.hasUpdated;
      this.#shownFor = this.pipelineId.trim();
      this.active = undefined;
      return client.reports.funnel({ ...this.query }, { signal });
    },
    loaded: (funnel) => {
      this.focusIndex = Math.min(this.focusIndex, Math.max(0, funnel.stages.length - 1));
      if (!this.#announceLoad) return;
      const t = this.localize;
      this.announcement = t.t('funnel.loaded', {
        name: funnel.name,
        deals: plural(t, funnel.deals, 'deals.one', 'deals.other'),
      });
    },
  });
  #resize = new ResizeObserver((entries) => {
    const width = Math.round(entries[0]?.contentRect.width ?? 0);
    if (width && Math.abs(width - this.width) > 1) this.width = width;
  });
  #observed?: Element;
  /** The funnel on show, once loaded. */
  get funnel(): Funnel | undefined {
    return this.#report.value;
  }

  /** The query sent to the kit, from the pipeline, period and owner. */
  get query(): FunnelQuery {
    const query: FunnelQuery = {};
    if (this.pipelineId.trim()) query.pipelineId = this.pipelineId.trim();
    const range = this.#range();
    if (range.from) query.from = range.from;
    if (range.to) query.to = range.to;
    if (this.ownerId) query.ownerId = this.ownerId;
    return query;
  }

  /**
   * Loads the funnel again (what "Try again" does, and what a page calls after a deal moved). The
   * figures on show stay, dimmed, until the new ones arrive.
   */
  reload(): void {
    this.#report.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#observed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (!client) return;
    if (this.#ownersFor !== client) {
      this.#ownersFor = client;
      void this.#loadOwners(client);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const box = this.renderRoot.querySelector('.chart-box');
    if (box !== this.#observed) {
      if (this.#observed) this.#resize.unobserve(this.#observed);
      if (box) this.#resize.observe(box);
      this.#observed = box ?? undefined;
    }
  }

  protected override render() {
    const t = this.localize;
    let content: TemplateResult | typeof nothing;
    const view = this.#report.view;
    const status = view.status;
    if (status === 'unconfigured') content = this.#renderError(t, t.t('card.notConnected'), false);
    else if (status === 'error') {
      const [message, detail] = PIPELINE_FAILURES[view.failure];
      content = this.#renderError(t, t.t(message), view.failure !== 'notFound', detail && t.t(detail));
    } else content = this.#renderReport(t);
    return html`<div lang=${t.locale} class="root">
      ${content}
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </div>`;
  }

  #renderReport(t: Localizer) {
    const funnel = this.funnel;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const empty = funnel && (funnel.deals === 0 || !funnel.stages.some((s) => s.reached > 0));
    return html`<section
      part="base"
      class=${classMap({ funnel: true, reloading: this.#report.reloading })}
      aria-labelledby="heading"
      aria-busy=${funnel && !this.#report.reloading ? 'false' : 'true'}
    >
      <div part="header" class="header">
        <div class="title-row">
          <div part="heading" id="heading" class="heading" role="heading" aria-level=${level}>
            ${funnel ? t.t('funnel.label', { name: funnel.name }) : t.t('funnel.loading')}
          </div>
          ${
            funnel && !empty
              ? html`<button
                  part="toggle"
                  class="button"
                  type="button"
                  aria-controls="figures"
                  @click=${this.#onToggle}
                >
                  ${this.view === 'table' ? t.t('funnel.showChart') : t.t('funnel.showTable')}
                </button>`
              : nothing
          }
          <div class="actions"><slot name="actions"></slot></div>
        </div>
        ${funnel ? html`<p part="caption" class="caption">${caption(t, funnel)}</p>` : nothing}
        ${renderFilters(t, {
          period: this.#period(),
          from: this.from,
          to: this.to,
          ownerId: this.ownerId,
          owners: this.owners,
          onPeriodChange: this.#onPeriodChange,
          onFromChange: this.#onFromChange,
          onToChange: this.#onToChange,
          onOwnerChange: this.#onOwnerChange,
        })}
      </div>
      <div id="figures" class="figures">
        ${
          !funnel
            ? this.#renderSkeleton(t)
            : empty
              ? emptyState({ title: t.t('funnel.empty'), detail: t.t('funnel.emptyDetail') })
              : this.view === 'table'
                ? renderTable(t, funnel, (index) => this.#select(index))
                : renderChart(t, funnel, {
                    width: this.width,
                    active: this.active,
                    focusIndex: this.focusIndex,
                    onSelect: (index) => this.#select(index),
                    onShow: (index, focus) => this.#show(index, focus),
                    onBlur: this.#onStageBlur,
                    onLeave: this.#onChartLeave,
                    onKeydown: this.#onChartKey,
                  })
        }
      </div>
    </section>`;
  }

  #renderSkeleton(t: Localizer) {
    return html`<div part="skeleton" class="skeleton">
      ${[100, 78, 56, 38, 24].map(
        (width) =>
          html`<div class="skeleton-row">
            ${bone('112px')} <span class="bone bar" style="inline-size: ${width}%"></span>
          </div>`,
      )}
      <span class="visually-hidden">${t.t('funnel.loading')}</span>
    </div>`;
  }

  #renderError(t: Localizer, message: string, canRetry: boolean, detail?: string) {
    const retry = canRetry ? { label: t.t('action.retry'), onClick: this.#onRetry } : undefined;
    return html`<div part="base" class="funnel">${errorBox({ message, detail, retry, role: 'alert' })}</div>`;
  }

  #period(): FunnelPeriod {
    return this.period ?? (this.from || this.to ? 'custom' : 'all');
  }

  #range(): { from?: string; to?: string } {
    const period = this.#period();
    // Years of the organization's fiscal calendar, as the last answer said (January until one has loaded).
    const range = periodRange(period, new Date(), this.funnel?.fiscalYearStartMonth ?? 1);
    if (range) return range;
    const from = this.from || undefined;
    const to = this.to && (!this.from || this.to >= this.from) ? this.to : undefined;
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }

  async #loadOwners(client: CrmClient): Promise<void> {
    try {
      const users = await everyPage((page) => client.users.list(page));
      if (this.#ownersFor !== client) return;
      this.owners = users
        .map((user): [string, string] => [user.id, user.name])
        .sort((a, b) => a[1].localeCompare(b[1], this.localize.locale));
    } catch {
      // No owner filter without the list of users.
    }
  }

  #select(index: number): void {
    const step = this.funnel?.stages[index];
    if (!step) return;
    const event = new CrmFunnelStageSelectEvent(step);
    this.dispatchEvent(event);
  }

  #show(index: number, focus: boolean): void {
    if (focus) this.focusIndex = index;
    if (this.active?.index !== index || this.active.focus !== focus) this.active = { index, focus };
  }

  #onStageBlur = () => {
    if (this.active?.focus) this.active = undefined;
  };

  #onChartLeave = () => {
    if (this.active && !this.active.focus) this.active = undefined;
  };

  #onChartKey = (event: KeyboardEvent) => {
    const stages = this.funnel?.stages ?? [];
    const index = this.focusIndex;
    let next = index;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        next = Math.min(stages.length - 1, index + 1);
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        next = Math.max(0, index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = stages.length - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.#select(index);
        return;
      case 'Escape':
        if (this.active) {
          event.preventDefault();
          this.active = undefined;
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    this.focusIndex = next;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<SVGGElement>(`.stage[data-index="${next}"]`)?.focus(),
    );
  };

  #onToggle = () => {
    this.view = this.view === 'table' ? 'chart' : 'table';
  };

  #onPeriodChange = (event: Event) => {
    this.period = (event.target as HTMLSelectElement).value as FunnelPeriod;
    if (this.period !== 'custom') {
      this.from = '';
      this.to = '';
    }
  };

  #onFromChange = (event: Event) => {
    this.from = (event.target as HTMLInputElement).value;
  };

  #onToChange = (event: Event) => {
    this.to = (event.target as HTMLInputElement).value;
  };

  #onOwnerChange = (event: Event) => {
    this.ownerId = (event.target as HTMLSelectElement).value;
  };

  #onRetry = () => this.reload();
}

define('crm-funnel-chart', CrmFunnelChart);

declare global {
  interface HTMLElementTagNameMap {
    'crm-funnel-chart': CrmFunnelChart;
  }
}
