// The funnel drawn as SVG: a band per stage, its name and figures beside it (above it when
// narrow), the conversion between stages, and the tooltip of the stage under the pointer or focus.
import type { Funnel, FunnelStep } from '@crmkit/core';
import { html, nothing, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { fullMoney, moneyText, percent, plural, separator } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { days } from './funnel-text.js';
import { bandPath, funnelLayout } from './geometry.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.deals, en.funnel);

/** Below this width the stage names go above the bands instead of beside them. */
const NARROW = 560;
const BAND = 44;
const GAP = 30;

/** What the chart shows and whom it tells. */
export interface ChartState {
  /** The chart's width in pixels (0 before it is measured). */
  width: number;
  /** The stage whose tooltip shows, and whether focus (rather than the pointer) put it there. */
  active?: { index: number; focus: boolean };
  /** The stage that Tab reaches (a roving tabindex). */
  focusIndex: number;
  onSelect(index: number): void;
  onShow(index: number, focus: boolean): void;
  onBlur(): void;
  onLeave(): void;
  onKeydown(event: KeyboardEvent): void;
}

export function renderChart(t: Localizer, funnel: Funnel, chart: ChartState) {
  const width = chart.width || 640;
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
  const active = chart.active;
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
      @keydown=${chart.onKeydown}
      @pointerleave=${chart.onLeave}
    >
      ${steps.map((step, index) => {
        const band = layout.bands[index]!;
        const shape = { ...band, y: band.y + labelHeight + 2, height: BAND };
        const next = steps[index + 1];
        const labelY = narrow ? band.y + 15 : band.y + 2 + BAND / 2 - 8;
        const figures = figuresText(t, funnel, step);
        return svg`<g
          part="stage"
          class=${classMap({ stage: true, won: step.kind === 'won', active: active?.index === index })}
          role="button"
          tabindex=${chart.focusIndex === index ? 0 : -1}
          data-index=${index}
          aria-label=${stageLabel(t, funnel, step, next)}
          aria-describedby=${active?.index === index ? 'tooltip' : nothing}
          @click=${() => chart.onSelect(index)}
          @focus=${() => chart.onShow(index, true)}
          @blur=${chart.onBlur}
          @pointerenter=${() => chart.onShow(index, false)}
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
    ${active ? renderTooltip(t, steps, active.index, { y: layout.bands[active.index]!.y + labelHeight, cx, width }) : nothing}
  </div>`;
}

function figuresText(t: Localizer, funnel: Funnel, step: FunnelStep): string {
  // Every stage's amount in the notation of the largest, so they read alike (the notation needs no exact figure).
  const largest = Math.max(0, ...funnel.stages.map((s) => Number(s.converted.sum)));
  const amount = moneyText(t, { amount: step.converted.sum, currency: step.converted.currency }, largest);
  return `${plural(t, step.reached, 'deals.one', 'deals.other')} · ${amount}`;
}

function stageLabel(t: Localizer, funnel: Funnel, step: FunnelStep, next: FunnelStep | undefined): string {
  const parts = [`${step.name}: ${figuresText(t, funnel, step)}`];
  if (next && step.conversion !== null) {
    parts.push(t.t('funnel.toNext', { percent: percent(t, step.conversion), stage: next.name }));
  }
  return parts.join(separator(t));
}

/** The details of one stage, below its band (`y`, its top; `cx`, the funnel's middle). */
function renderTooltip(t: Localizer, steps: FunnelStep[], index: number, at: { y: number; cx: number; width: number }) {
  const step = steps[index]!;
  const next = steps[index + 1];
  const rows: [string, string][] = [[t.t('funnel.reached'), t.number(step.reached)]];
  const amounts = step.amount.map((a) => fullMoney(t, { amount: a.amount, currency: a.currency }));
  const converted = fullMoney(t, { amount: step.converted.sum, currency: step.converted.currency });
  rows.push([t.t('funnel.amount'), amounts.length > 1 || !amounts.length ? `${converted}` : amounts[0]!]);
  if (amounts.length > 1) rows.push(['', t.list(amounts)]);
  if (step.overall !== null) rows.push([t.t('funnel.overall'), percent(t, step.overall)]);
  if (step.dropOff !== null) rows.push([t.t('funnel.dropOff'), t.number(step.dropOff)]);
  if (step.averageDaysInStage !== null) rows.push([t.t('funnel.days'), days(t, step.averageDaysInStage)]);
  const left = Math.min(Math.max(8, at.cx + 24), at.width - 248);
  return html`<div
    part="tooltip"
    id="tooltip"
    class="tooltip"
    role="tooltip"
    style="inset-inline-start: ${Math.max(0, left)}px; inset-block-start: ${at.y + BAND + 6}px"
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
