import { css } from 'lit';

export const styles = css`
  :host {
    background: var(--_ground);
    line-height: 1.4;
    --_up: var(--crm-win-rates-above, var(--crm-color-success, light-dark(#15803d, #4ade80)));
    --_down: var(--crm-win-rates-below, var(--_danger));
  }
  .win-rates {
    box-sizing: border-box;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 16px;
    min-inline-size: 0;
  }
  .win-rates.reloading .figures {
    opacity: 0.6;
    transition: opacity 150ms 100ms;
  }
  .figures {
    display: grid;
    gap: 20px;
    overflow-x: auto;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .rate {
    font-weight: 600;
  }
  /* How far the past rate is from the set probability, and how many deals it rests on. */
  .delta,
  .count {
    display: block;
    font-size: 0.8em;
  }
  .delta.up {
    color: var(--_up);
  }
  .delta.down {
    color: var(--_down);
  }
  .count,
  .muted {
    color: var(--_muted);
  }
  .total th,
  .total td {
    border-block-start: 2px solid var(--_border);
    font-weight: 700;
  }
  caption.heading-small {
    text-align: start;
    font-weight: 600;
    padding-block-end: 6px;
  }
  .skeleton {
    display: grid;
    gap: 10px;
  }
`;
