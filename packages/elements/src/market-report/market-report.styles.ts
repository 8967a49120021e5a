import { css } from 'lit';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import { reportHeader } from '../shared/report.styles.js';
import { states } from '../shared/states.styles.js';
import { tables } from '../shared/table.styles.js';
import { tokens } from '../shared/tokens.js';

export const marketStyles = [
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
      --_bar: var(--crm-market-report-bar-color, var(--_accent));
    }
    .report,
    .body {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 20px;
    }
    .body > * {
      min-inline-size: 0;
    }
    .report.reloading .body {
      opacity: 0.6;
      transition: opacity 150ms 100ms;
    }
    .figures-list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
      gap: 12px;
      margin: 0;
    }
    .figure dt,
    .figure .muted {
      color: var(--_muted);
      font-size: 13px;
    }
    .figure dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .figure dd:not(.muted) {
      font-size: 18px;
      font-weight: 600;
    }
    .section-title {
      flex: 1 1 auto;
      margin: 0 0 8px;
      font-size: 15px;
      font-weight: 600;
    }
    .section-head,
    .by {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .by .button[aria-pressed='true'] {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
    }
    .chart {
      display: block;
      margin-block-start: 8px;
      font-family: var(--_font);
      font-size: 13px;
    }
    .chart text {
      fill: var(--_text);
    }
    .chart .count {
      fill: var(--_muted);
      font-size: 11px;
    }
    /* The funnel's steps, from the lightest (leads) to the full colour (won). */
    .step0 {
      fill: color-mix(in srgb, var(--_bar) 30%, var(--_surface));
      background: color-mix(in srgb, var(--_bar) 30%, var(--_surface));
    }
    .step1 {
      fill: color-mix(in srgb, var(--_bar) 50%, var(--_surface));
      background: color-mix(in srgb, var(--_bar) 50%, var(--_surface));
    }
    .step2 {
      fill: color-mix(in srgb, var(--_bar) 72%, var(--_surface));
      background: color-mix(in srgb, var(--_bar) 72%, var(--_surface));
    }
    .step3 {
      fill: var(--_bar);
      background: var(--_bar);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 14px;
      margin: 4px 0 0;
      color: var(--_muted);
      font-size: 13px;
    }
    .swatch {
      display: inline-block;
      inline-size: 10px;
      block-size: 10px;
      margin-inline-end: 6px;
      border-radius: 2px;
    }
    .meter {
      display: inline-flex;
      inline-size: 64px;
      block-size: 6px;
      margin-inline-end: 8px;
      vertical-align: middle;
      border-radius: 3px;
      overflow: hidden;
      background: color-mix(in srgb, var(--_muted) 25%, transparent);
    }
    .meter i {
      background: color-mix(in srgb, var(--_bar) 55%, var(--_surface));
    }
    .meter .won {
      background: var(--_bar);
    }
    @media (max-width: 480px) {
      .meter {
        display: none;
      }
    }
    .roi.down {
      color: var(--crm-color-danger, light-dark(#b91c1c, #f87171));
    }
  `,
];
