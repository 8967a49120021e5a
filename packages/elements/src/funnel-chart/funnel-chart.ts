import type { CrmClient, Funnel, FunnelQuery, FunnelStep } from '@crmkit/core';
import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { reloadOnChange } from '../shared/change-stream-controller.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmFunnelStageSelectEvent } from '../shared/events.js';
import type { Localizer, MessageKey } from '../shared/localize.js';
import { tokens } from '../shared/tokens.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import {
  dayText,
  failureOf,
  fullMoney,
  moneyText,
  percent,
  PIPELINE_FAILURES,
  plural,
  separator,
  type Failure,
} from '../pipeline-board/format.js';
import { bandPath, funnelLayout, periodRange } from './geometry.js';
import { styles } from './funnel-chart.styles.js';

type View =
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'error'; failure: Failure }
  | { status: 'loaded'; funnel: Funnel };

/** The periods the period filter offers; `custom` uses `from` and `to`. */
export type FunnelPeriod = 'all' | 'last-30-days' | 'last-90-days' | 'this-year' | 'last-year' | 'custom';

const PERIODS: [FunnelPeriod, MessageKey][] = [
  ['all', 'period.all'],
  ['last-30-days', 'period.30d'],
  ['last-90-days', 'period.90d'],
  ['this-year', 'period.thisYear'],
  ['last-year', 'period.lastYear'],
  ['custom', 'period.custom'],
];

/** Below this width the stage names go above the bands instead of beside them. */
const NARROW = 560;
const BAND = 44;
const GAP = 30;

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
 * @cssproperty [--crm-font-family=inherit] - Font family; by default the page's.
 * @cssproperty [--crm-color-text=CanvasText] - Main text colour.
 * @cssproperty [--crm-color-text-muted=color-mix(in srgb, CanvasText 68%, Canvas)] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas))] - The background.
 * @cssproperty [--crm-color-border=color-mix(in srgb, CanvasText 16%, Canvas)] - Borders and rules.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Bands, links and focus ring.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Errors.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-spacing=1rem] - The base spacing unit.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused stages and controls.
 *
 * @fires {CrmFunnelStageSelectEvent} crm-funnel-stage-select - A stage was chosen (click, or Enter/Space on it, in the chart or the table); `event.detail.stage` is its step of the report.
 */
export class CrmFunnelChart extends CrmElement {
  static override styles = [tokens, buttons, controls, styles];

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

  @state() private state: View = { status: 'loading' };
  /** The funnel on show is being read again (after `reload()` or new filters): it stays, dimmed, until the new one arrives. */
  @state() private reloading = false;
  @state() private owners: [string, string][] = [];
  @state() private width = 0;
  /** The stage whose tooltip shows, and whether focus (rather than the pointer) put it there. */
  @state() private active?: { index: number; focus: boolean };
  @state() private focusIndex = 0;
  @state() private announcement = '';

  #loadedFor?: { client: CrmClient; key: string };
  /** The pipeline (`pipeline-id`, '' for the default) of the funnel on show. */
  #shownFor?: string;
  #ownersFor?: CrmClient;
  #abort?: AbortController;
  #announceLoad = false;
  #resize = new ResizeObserver((entries) => {
    const width = Math.round(entries[0]?.contentRect.width ?? 0);
    if (width && Math.abs(width - this.width) > 1) this.width = width;
  });
  #observed?: Element;
  constructor() {
    super();
    // Deals moved, won or lost anywhere (the board next to it, another user) change the figures.
    reloadOnChange(this, { client: () => this.client, entities: ['opportunity'], reload: () => this.reload() });
  }

  /** The funnel on show, once loaded. */
  get funnel(): Funnel | undefined {
    return this.state.status === 'loaded' ? this.state.funnel : undefined;
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
    this.#loadedFor = undefined;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#loadedFor = undefined;
    this.#resize.disconnect();
    this.#observed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (!client) {
      this.#abort?.abort();
      this.#loadedFor = undefined;
      this.state = { status: 'unconfigured' };
      return;
    }
    const key = JSON.stringify(this.query);
    if (this.#loadedFor?.client !== client || this.#loadedFor.key !== key) {
      this.#loadedFor = { client, key };
      void this.#load(client);
    }
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
    const status = this.state.status;
    if (status === 'unconfigured') content = this.#renderError(t, t.t('card.notConnected'), false);
    else if (status === 'error') {
      const [message, detail] = PIPELINE_FAILURES[this.state.failure];
      content = this.#renderError(t, t.t(message), this.state.failure !== 'notFound', detail && t.t(detail));
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
      class=${classMap({ funnel: true, reloading: this.reloading })}
      aria-labelledby="heading"
      aria-busy=${funnel && !this.reloading ? 'false' : 'true'}
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
        ${funnel ? html`<p part="caption" class="caption">${this.#caption(t, funnel)}</p>` : nothing}
        ${this.#renderFilters(t)}
      </div>
      <div id="figures" class="figures">
        ${
          !funnel
            ? this.#renderSkeleton(t)
            : empty
              ? html`<div part="empty" class="empty-state">
                  <p class="empty-title">${t.t('funnel.empty')}</p>
                  <p class="empty-detail">${t.t('funnel.emptyDetail')}</p>
                </div>`
              : this.view === 'table'
                ? this.#renderTable(t, funnel)
                : this.#renderChart(t, funnel)
        }
      </div>
    </section>`;
  }

  #caption(t: Localizer, funnel: Funnel): string {
    const from = funnel.from ? dayText(t, funnel.from) : '';
    const to = funnel.to ? dayText(t, funnel.to) : '';
    const period =
      from && to
        ? t.t('period.range', { from, to })
        : from
          ? t.t('period.since', { from })
          : to
            ? t.t('period.until', { to })
            : t.t('period.ever');
    return `${t.t('funnel.caption', { name: funnel.name, period })} · ${plural(t, funnel.deals, 'deals.one', 'deals.other')}`;
  }

  #renderSkeleton(t: Localizer) {
    return html`<div part="skeleton" class="skeleton">
      ${[100, 78, 56, 38, 24].map(
        (width) =>
          html`<div class="skeleton-row">
            <span class="bone line" style="inline-size: 7rem"></span>
            <span class="bone bar" style="inline-size: ${width}%"></span>
          </div>`,
      )}
      <span class="visually-hidden">${t.t('funnel.loading')}</span>
    </div>`;
  }

  #renderError(t: Localizer, message: string, canRetry: boolean, detail?: string) {
    return html`<div part="base" class="funnel">
      <div part="error" class="error" role="alert">
        <svg class="error-icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
          <path d="M10 5.5v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
          <circle cx="10" cy="14" r="1.1" fill="currentColor" />
        </svg>
        <div class="error-text">
          <p class="error-message">${message}</p>
          ${detail ? html`<p class="error-detail">${detail}</p>` : nothing}
        </div>
        ${
          canRetry
            ? html`<button part="retry-button" class="button" type="button" @click=${this.#onRetry}>
                ${t.t('action.retry')}
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #renderFilters(t: Localizer) {
    const period = this.#period();
    return html`<fieldset part="filters" class="filters">
      <legend class="visually-hidden">${t.t('filter.label')}</legend>
      <label class="filter wide">
        <span>${t.t('period.label')}</span>
        <select class="control" name="period" @change=${this.#onPeriodChange}>
          ${PERIODS.map(([value, key]) => html`<option value=${value} ?selected=${period === value}>${t.t(key)}</option>`)}
        </select>
      </label>
      ${
        period === 'custom'
          ? html`<label class="filter narrow">
                <span>${t.t('period.from')}</span>
                <input
                  class="control"
                  type="date"
                  name="from"
                  .value=${this.from}
                  max=${this.to || nothing}
                  @change=${this.#onFromChange}
                />
              </label>
              <label class="filter narrow">
                <span>${t.t('period.to')}</span>
                <input
                  class="control"
                  type="date"
                  name="to"
                  .value=${this.to}
                  min=${this.from || nothing}
                  @change=${this.#onToChange}
                />
              </label>`
          : nothing
      }
      ${
        this.owners.length
          ? html`<label class="filter wide">
              <span>${t.t('filter.owner')}</span>
              <select class="control" name="owner" @change=${this.#onOwnerChange}>
                <option value="" ?selected=${!this.ownerId}>${t.t('list.allOwners')}</option>
                ${this.owners.map(
                  ([id, name]) => html`<option value=${id} ?selected=${this.ownerId === id}>${name}</option>`,
                )}
              </select>
            </label>`
          : nothing
      }
    </fieldset>`;
  }

  #renderChart(t: Localizer, funnel: Funnel) {
    const width = this.width || 640;
    const narrow = width < NARROW;
    // Beside the bands: the stage names and figures; on narrow screens, above each band.
    const labelWidth = narrow ? 0 : Math.min(240, Math.max(150, Math.round(width * 0.3)));
    const rightRoom = narrow ? 0 : 16;
    const bandArea = Math.max(120, width - labelWidth - rightRoom);
    const labelHeight = narrow ? 24 : 0;
    const gap = narrow ? GAP + 6 : GAP;
    const layout = funnelLayout(
      funnel.stages.map((s) => s.reached),
      { width: bandArea, bandHeight: BAND + labelHeight, gap },
    );
    const height = layout.height + 4;
    const cx = labelWidth + bandArea / 2;
    const active = this.active;
    const steps = funnel.stages;
    return html`<div class="chart-box">
      <svg
        part="chart"
        class="chart"
        width=${width}
        height=${height}
        viewBox="0 0 ${width} ${height}"
        role="group"
        aria-label=${t.t('funnel.label', { name: funnel.name })}
        @keydown=${this.#onChartKey}
        @pointerleave=${this.#onChartLeave}
      >
        ${steps.map((step, index) => {
          const band = layout.bands[index]!;
          const shape = { ...band, y: band.y + labelHeight + 2, height: BAND };
          const next = steps[index + 1];
          const labelY = narrow ? band.y + 15 : band.y + 2 + BAND / 2 - 8;
          const figures = this.#figuresText(t, step);
          return svg`<g
            part="stage"
            class=${classMap({ stage: true, won: step.kind === 'won', active: active?.index === index })}
            role="button"
            tabindex=${this.focusIndex === index ? 0 : -1}
            data-index=${index}
            aria-label=${this.#stageLabel(t, step, next)}
            aria-describedby=${active?.index === index ? 'tooltip' : nothing}
            @click=${() => this.#select(index)}
            @focus=${() => this.#show(index, true)}
            @blur=${this.#onStageBlur}
            @pointerenter=${() => this.#show(index, false)}
          >
            <path class="band" d=${bandPath(shape, cx)} style="--_i: ${index}" />
            <rect class="hit" x="0" y=${band.y} width=${width} height=${band.height + 2} />
            <text class="name" x=${narrow ? 0 : labelWidth - 16} y=${labelY} text-anchor=${narrow ? 'start' : 'end'}>${step.name}</text>
            <text class="figures-text" x=${narrow ? width : labelWidth - 16} y=${narrow ? labelY : labelY + 18} text-anchor="end">${figures}</text>
          </g>
          ${
            next
              ? svg`<text class="conversion" x=${cx} y=${band.y + band.height + gap / 2 + 6} text-anchor="middle" aria-hidden="true">${
                  step.conversion === null ? '–' : `↓ ${percent(t, step.conversion)}`
                }</text>`
              : nothing
          }`;
        })}
      </svg>
      ${active ? this.#renderTooltip(t, steps, active.index, layout.bands[active.index]!.y, labelHeight, cx) : nothing}
    </div>`;
  }

  #figuresText(t: Localizer, step: FunnelStep): string {
    // Every stage's amount in the notation of the largest, so they read alike.
    const largest = Math.max(0, ...(this.funnel?.stages ?? []).map((s) => s.converted.sum));
    const amount = moneyText(t, { amount: step.converted.sum, currency: step.converted.currency }, largest);
    return `${plural(t, step.reached, 'deals.one', 'deals.other')} · ${amount}`;
  }

  #stageLabel(t: Localizer, step: FunnelStep, next: FunnelStep | undefined): string {
    const parts = [`${step.name}: ${this.#figuresText(t, step)}`];
    if (next && step.conversion !== null) {
      parts.push(t.t('funnel.toNext', { percent: percent(t, step.conversion), stage: next.name }));
    }
    return parts.join(separator(t));
  }

  #renderTooltip(t: Localizer, steps: FunnelStep[], index: number, y: number, labelHeight: number, cx: number) {
    const step = steps[index]!;
    const next = steps[index + 1];
    const rows: [string, string][] = [[t.t('funnel.reached'), t.number(step.reached)]];
    const amounts = step.amount.map((a) => fullMoney(t, { amount: a.amount, currency: a.currency }));
    const converted = fullMoney(t, { amount: step.converted.sum, currency: step.converted.currency });
    rows.push([t.t('funnel.amount'), amounts.length > 1 || !amounts.length ? `${converted}` : amounts[0]!]);
    if (amounts.length > 1) rows.push(['', t.list(amounts)]);
    if (step.overall !== null) rows.push([t.t('funnel.overall'), percent(t, step.overall)]);
    if (step.dropOff !== null) rows.push([t.t('funnel.dropOff'), t.number(step.dropOff)]);
    if (step.averageDaysInStage !== null) rows.push([t.t('funnel.days'), this.#days(t, step.averageDaysInStage)]);
    const width = this.width || 640;
    const left = Math.min(Math.max(8, cx + 24), width - 248);
    return html`<div
      part="tooltip"
      id="tooltip"
      class="tooltip"
      role="tooltip"
      style="inset-inline-start: ${Math.max(0, left)}px; inset-block-start: ${y + labelHeight + BAND + 6}px"
    >
      <p class="tooltip-title">${step.name}</p>
      ${
        next && step.conversion !== null
          ? html`<p class="tooltip-conversion">
              ${t.t('funnel.toNext', { percent: percent(t, step.conversion), stage: next.name })}
            </p>`
          : nothing
      }
      <dl>
        ${rows.map(
          ([label, value]) =>
            html`<div>
              <dt>${label}</dt>
              <dd>${value}</dd>
            </div>`,
        )}
      </dl>
    </div>`;
  }

  #days(t: Localizer, days: number): string {
    return t.number(days, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 });
  }

  #renderTable(t: Localizer, funnel: Funnel) {
    return html`<div class="table-box">
      <table part="table" class="table">
        <caption class="visually-hidden">
          ${this.#caption(t, funnel)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.t('funnel.stage')}</th>
            <th scope="col" class="num">${t.t('funnel.reached')}</th>
            <th scope="col" class="num">${t.t('funnel.amount')}</th>
            <th scope="col" class="num">${t.t('funnel.conversion')}</th>
            <th scope="col" class="num">${t.t('funnel.overall')}</th>
            <th scope="col" class="num">${t.t('funnel.dropOff')}</th>
            <th scope="col" class="num">${t.t('funnel.days')}</th>
          </tr>
        </thead>
        <tbody>
          ${funnel.stages.map(
            (step, index) =>
              html`<tr data-stage=${step.stageId}>
                <th scope="row">
                  <button class="link-button" type="button" @click=${() => this.#select(index)}>${step.name}</button>
                </th>
                <td class="num">${t.number(step.reached)}</td>
                <td class="num">
                  ${fullMoney(t, { amount: step.converted.sum, currency: step.converted.currency })}
                  ${
                    step.amount.length > 1 || (step.amount[0] && step.amount[0].currency !== step.converted.currency)
                      ? html`<div class="muted">
                          ${t.list(step.amount.map((a) => fullMoney(t, { amount: a.amount, currency: a.currency })))}
                        </div>`
                      : nothing
                  }
                </td>
                <td class="num">${step.conversion === null ? '–' : percent(t, step.conversion)}</td>
                <td class="num">${step.overall === null ? '–' : percent(t, step.overall)}</td>
                <td class="num">${step.dropOff === null ? '–' : t.number(step.dropOff)}</td>
                <td class="num">${step.averageDaysInStage === null ? '–' : this.#days(t, step.averageDaysInStage)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  // ---------------------------------------------------------------------------------------------

  #period(): FunnelPeriod {
    return this.period ?? (this.from || this.to ? 'custom' : 'all');
  }

  #range(): { from?: string; to?: string } {
    const period = this.#period();
    const range = periodRange(period);
    if (range) return range;
    const from = this.from || undefined;
    const to = this.to && (!this.from || this.to >= this.from) ? this.to : undefined;
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }

  async #load(client: CrmClient): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    if (this.hasUpdated) this.#announceLoad = true;
    // The same pipeline again (a reload, other filters): the figures on show stay until the new
    // ones arrive, so the page does not jump; another pipeline starts from the skeleton.
    const requested = this.pipelineId.trim();
    if (this.state.status === 'loaded' && this.#shownFor === requested) this.reloading = true;
    else this.state = { status: 'loading' };
    this.#shownFor = requested;
    this.active = undefined;
    try {
      const funnel = await client.reports.funnel({ ...this.query }, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.reloading = false;
      this.state = { status: 'loaded', funnel };
      this.focusIndex = Math.min(this.focusIndex, Math.max(0, funnel.stages.length - 1));
      if (this.#announceLoad) {
        const t = this.localize;
        this.announcement = t.t('funnel.loaded', {
          name: funnel.name,
          deals: plural(t, funnel.deals, 'deals.one', 'deals.other'),
        });
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      this.reloading = false;
      this.state = { status: 'error', failure: failureOf(error) };
    }
  }

  async #loadOwners(client: CrmClient): Promise<void> {
    try {
      const page = await client.users.list({ limit: 200 });
      if (this.#ownersFor !== client) return;
      this.owners = page.items
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
