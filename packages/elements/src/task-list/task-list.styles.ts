import { css } from 'lit';

export const styles = css`
  .date {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .about-item .bone {
    display: inline-block;
    margin: 0;
    vertical-align: middle;
  }
  .head-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .groups {
    display: grid;
    gap: 16px;
  }
  .group {
    display: grid;
    gap: 4px;
  }
  .group-heading {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
    letter-spacing: 0.02em;
  }
  .group[data-group='overdue'] .group-heading {
    color: var(--_danger);
  }
  .count {
    min-inline-size: 1.5em;
    padding: 0 0.375em;
    border-radius: 999px;
    background: var(--_surface-muted);
    font-weight: 500;
    font-variant-numeric: tabular-nums;
    text-align: center;
  }
  .group[data-group='overdue'] .count {
    background: color-mix(in srgb, var(--_danger) 14%, var(--_surface));
  }
  .group-empty {
    margin: 0;
    padding-block: 6px;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .tasks,
  .done-list {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .task {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: start;
    gap: 10px;
    padding-block: 8px;
    border-block-start: 1px solid var(--_border);
  }
  .task:first-child {
    border-block-start: 0;
  }
  .check {
    inline-size: 1.125em;
    block-size: 1.125em;
    margin: 0.125em 0 0;
    accent-color: var(--_accent);
    cursor: pointer;
  }
  .check:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .dot {
    inline-size: 0.5em;
    block-size: 0.5em;
    margin: 0.45em 0.3em 0;
    border-radius: 50%;
    background: var(--_border-strong);
  }
  .task-main {
    display: grid;
    gap: 2px;
    min-inline-size: 0;
  }
  .subject {
    overflow-wrap: anywhere;
    font-weight: 500;
    cursor: pointer;
  }
  span.subject {
    cursor: auto;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 2px 12px;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .due {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0 6px;
    font-variant-numeric: tabular-nums;
  }
  .overdue .due {
    color: var(--_danger);
  }
  .relative::before {
    content: '·';
    margin-inline-end: 6px;
  }
  .about {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0 12px;
    min-inline-size: 0;
  }
  .about-item {
    overflow-wrap: anywhere;
  }
  .about .link-button {
    text-decoration: none;
  }
  .about .link-button:hover {
    text-decoration: underline;
  }

  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
    margin: 0;
    font-size: 0.875em;
  }
  .notice.failed {
    color: var(--_danger);
  }
  .done-today {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .done-today summary {
    cursor: pointer;
    inline-size: fit-content;
  }
  .done-today summary:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .done-list {
    gap: 4px;
    padding-block-start: 6px;
  }
  .skeleton {
    display: grid;
    gap: 6px;
  }
`;
