import { css } from 'lit';

export const styles = css`
  :host {
    /* No frame of its own: the host box is its ground, so its text never sits on the page's background. */
    background: var(--_ground);
    line-height: 1.4;
    --_band: var(--crm-funnel-color, var(--_accent));
    --_success: var(--crm-color-success, light-dark(#15803d, #4ade80));
  }

  .root {
    container: crm-funnel / inline-size;
  }

  .funnel {
    box-sizing: border-box;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 16px;
    min-inline-size: 0;
  }

  /* Read again: the figures on show stay, dimmed, until the new ones arrive. */
  .funnel.reloading .figures,
  .funnel.reloading .caption {
    opacity: 0.6;
    transition: opacity 150ms 100ms;
  }
  .actions {
    display: flex;
    gap: 8px;
  }

  /* The chart: SVG drawn at the size it is shown, so its text is the page's size. */
  /* As wide as the element; the chart is drawn to this width (measured), not the other way round. */
  .chart-box {
    position: relative;
    inline-size: 100%;
    min-inline-size: 0;
  }
  .chart {
    display: block;
    overflow: visible;
    font-family: var(--_font);
  }
  .stage {
    cursor: pointer;
    outline: none;
  }
  /* Each step a shade lighter than the one before. */
  .band {
    fill: color-mix(in srgb, var(--_band) max(38%, calc(82% - var(--_i, 0) * 9%)), var(--_surface));
    stroke: var(--_surface);
    stroke-width: 1;
    transition: fill 120ms;
  }
  .stage.won .band {
    fill: color-mix(in srgb, var(--_success) 72%, var(--_surface));
  }
  .stage:hover .band,
  .stage.active .band {
    fill: var(--_band);
  }
  .stage.won:hover .band,
  .stage.won.active .band {
    fill: var(--_success);
  }
  .stage:focus-visible .band {
    stroke: var(--_text);
    stroke-width: 2;
  }
  .stage:focus-visible .name {
    text-decoration: underline;
  }
  .hit {
    fill: transparent;
  }
  .name {
    fill: var(--_text);
    font-size: 15px;
    font-weight: 600;
  }
  .figures-text {
    fill: var(--_muted);
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
  .conversion {
    fill: var(--_muted);
    font-size: 13px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  @media (prefers-reduced-motion: reduce) {
    .band {
      transition: none;
    }
  }

  .tooltip {
    position: absolute;
    z-index: 1;
    box-sizing: border-box;
    inline-size: max-content;
    max-inline-size: min(256px, 100%);
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    box-shadow: 0 6px 18px rgb(0 0 0 / 0.16);
    font-size: 13px;
    pointer-events: none;
  }
  .tooltip-title {
    margin: 0 0 4px;
    font-weight: 600;
    font-size: 14px;
  }
  .tooltip dl {
    display: grid;
    gap: 2px;
    margin: 0;
  }
  .tooltip dl div {
    display: flex;
    justify-content: space-between;
    gap: 16px;
  }
  .tooltip-conversion {
    margin: 0 0 6px;
    font-weight: 600;
  }
  .tooltip dt {
    color: var(--_muted);
    white-space: nowrap;
  }
  .tooltip dd {
    margin: 0;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  .table .link-button {
    color: var(--_text);
    font-weight: 600;
    text-decoration-color: color-mix(in srgb, currentColor 35%, transparent);
  }

  .bone.bar {
    block-size: 36px;
    justify-self: center;
  }
`;
