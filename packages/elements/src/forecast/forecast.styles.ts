import { css } from 'lit';

export const styles = css`
  :host {
    line-height: 1.4;
    --_closed: var(--crm-forecast-closed, var(--crm-color-success, light-dark(#15803d, #4ade80)));
    --_commit: var(--crm-forecast-commit, var(--_accent));
    --_best-case: var(--crm-forecast-best-case, color-mix(in srgb, var(--_accent) 40%, Canvas));
  }

  .forecast {
    box-sizing: border-box;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
    min-inline-size: 0;
  }
  /* Read again: the figures on show stay, dimmed, until the new ones arrive. */
  .forecast.reloading .figures {
    opacity: 0.6;
    transition: opacity 150ms 100ms;
  }
  .period,
  .actions {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
  .period .icon {
    min-inline-size: 2.25rem;
    justify-content: center;
    font-size: 1.125rem;
    line-height: 1;
  }

  /* Team rows indent by their depth in the team tree; the total closes the table. */
  .table tbody th {
    padding-inline-start: calc(0.625rem + var(--depth, 0) * 1rem);
    min-inline-size: 7rem;
  }
  /* The names stay in view while a narrow table scrolls sideways. */
  .table tbody th,
  .table thead th:first-child {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    /* The page's own background unless the host sets a surface: a tinted column would read as a panel. */
    background: var(--crm-color-surface, Canvas);
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
    min-inline-size: 5rem;
    block-size: 0.5rem;
    margin-block-start: 0.25rem;
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
    border-radius: 0.25rem;
    padding: 0.125rem 0.25rem;
    margin: -0.125rem -0.25rem;
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
    margin-block-start: 0.125rem;
    color: var(--_muted);
    font-size: 0.75rem;
    font-weight: 400;
    white-space: nowrap;
  }
  .adjusted .mark {
    color: var(--_accent);
  }
  .adjust-cell {
    text-align: end;
    white-space: nowrap;
  }
  .adjust-cell .button {
    min-block-size: 1.75rem;
    padding-block: 0.125rem;
    font-size: 0.8125rem;
  }
  /* Removing an adjustment sits apart from saving one, and says it destroys. */
  .form-actions .remove {
    margin-inline-end: auto;
    color: var(--_danger);
  }
`;
