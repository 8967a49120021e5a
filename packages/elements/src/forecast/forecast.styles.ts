import { css } from 'lit';

export const styles = css`
  :host {
    /* No frame of its own: the host box is its ground, so its text never sits on the page's background. */
    background: var(--_ground);
    line-height: 1.4;
    --_closed: var(--crm-forecast-closed, var(--crm-color-success, light-dark(#15803d, #4ade80)));
    --_commit: var(--crm-forecast-commit, var(--_accent));
    --_best-case: var(--crm-forecast-best-case, color-mix(in srgb, var(--_accent) 40%, var(--_ground)));
    --_up: var(--crm-color-success, light-dark(#15803d, #4ade80));
  }

  .forecast {
    box-sizing: border-box;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 16px;
    min-inline-size: 0;
  }
  /* Read again: the figures on show stay, dimmed, until the new ones arrive. */
  .forecast.reloading .figures {
    opacity: 0.6;
    transition: opacity 150ms 100ms;
  }

  /* Team rows indent by their depth in the team tree; the total closes the table. */
  .table tbody th {
    padding-inline-start: calc(10px + var(--depth, 0) * 16px);
    min-inline-size: 112px;
  }
  /* The names stay in view while a narrow table scrolls sideways. */
  .table tbody th,
  .table thead th:first-child {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    background: var(--_ground);
  }
  .row.team th .name {
    font-weight: 700;
  }
  .row.member th,
  .row.unowned th {
    font-weight: 500;
  }
  .row.total th,
  .row.total td {
    border-block-start: 2px solid var(--_border);
    font-weight: 700;
  }
  .name {
    display: block;
  }
  .bar {
    display: block;
    inline-size: 100%;
    min-inline-size: 80px;
    block-size: 8px;
    margin-block-start: 4px;
  }
  .bar .track {
    fill: var(--_surface-muted);
  }
  .bar .closed {
    fill: var(--_closed);
  }
  .bar .commit {
    fill: var(--_commit);
  }
  .bar .bestCase {
    fill: var(--_best-case);
  }
  .bar .quota {
    stroke: var(--_text);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  .figure {
    all: unset;
    box-sizing: border-box;
    cursor: pointer;
    border-radius: 4px;
    padding: 2px 4px;
    margin: -2px -4px;
    text-decoration: underline;
    text-decoration-color: color-mix(in srgb, currentColor 30%, transparent);
    text-underline-offset: 0.2em;
  }
  .figure:hover {
    background: var(--_surface-muted);
  }
  .figure:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 1px;
  }
  .figure:disabled {
    cursor: default;
    text-decoration: none;
    color: var(--_muted);
  }

  /* Where a manager's adjustment changed a figure: what the deals add up to, beneath it. */
  .adjusted {
    display: block;
    margin-block-start: 2px;
    color: var(--_muted);
    font-size: 12px;
    font-weight: 400;
    white-space: nowrap;
  }
  .adjusted .mark {
    color: var(--_accent);
  }
  /* How a figure moved since last week's snapshot (the caption says since when): an arrow and a sign say which way, the colour repeats it. */
  .change {
    display: block;
    margin-block-start: 2px;
    font-size: 12px;
    font-weight: 400;
    white-space: nowrap;
  }
  .change.up {
    color: var(--_up);
  }
  .change.down {
    color: var(--_danger);
  }
  .adjust-cell {
    text-align: end;
    white-space: nowrap;
  }
  .adjust-cell .button {
    min-block-size: 28px;
    padding-block: 2px;
    font-size: 13px;
  }
  /* Removing an adjustment sits apart from saving one, and says it destroys. */
  .form-actions .remove {
    margin-inline-end: auto;
    color: var(--_danger);
  }
`;
