import { css } from 'lit';

/**
 * A row of tabs with a count in each (the lead inbox's queues, the support queue's statuses): it scrolls
 * sideways on a narrow screen rather than wrap.
 */
export const tabs = css`
  .tabs {
    display: flex;
    gap: 4px;
    overflow-x: auto;
    border-block-end: 1px solid var(--_border);
  }
  .tab {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 6px 10px;
    border: 0;
    border-block-end: 2px solid transparent;
    background: none;
    color: var(--_muted);
    font: inherit;
    font-size: 0.875em;
    font-weight: 500;
    white-space: nowrap;
    cursor: pointer;
  }
  .tab:hover {
    color: var(--_text);
  }
  .tab[aria-selected='true'] {
    border-block-end-color: var(--_accent);
    color: var(--_text);
  }
  .tab:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: -2px;
  }
  .count {
    min-inline-size: 1.5em;
    padding: 0 0.375em;
    border-radius: 999px;
    background: var(--_surface-muted);
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
    text-align: center;
  }
`;
