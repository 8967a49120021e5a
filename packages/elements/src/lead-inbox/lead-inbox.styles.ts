import { css } from 'lit';

export const styles = css`
  /* The queues: a row of tabs that scrolls sideways on a narrow screen rather than wrap. */
  .tabs {
    display: flex;
    gap: 0.25rem;
    overflow-x: auto;
    border-block-end: 1px solid var(--_border);
  }
  .tab {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.375rem 0.625rem;
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
  .tab[data-queue='overdue'] .count.some {
    background: color-mix(in srgb, var(--_danger) 16%, var(--_surface));
    color: var(--_danger);
  }

  .leads {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .lead {
    display: grid;
    gap: 0.25rem;
    padding-block: 0.75rem;
    border-block-start: 1px solid var(--_border);
  }
  .lead:first-child {
    border-block-start: 0;
    padding-block-start: 0.25rem;
  }
  .lead-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
  }
  .name {
    font-weight: 600;
  }
  .company {
    color: var(--_muted);
  }
  .score {
    margin-inline-start: auto;
    color: var(--_muted);
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
  }
  .reach,
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.125rem 0.75rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .reach a {
    color: var(--_accent);
    text-decoration: none;
  }
  .reach a:hover {
    text-decoration: underline;
  }
  .reach a:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .overdue {
    padding: 0 0.5em;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_danger) 14%, var(--_surface));
    color: var(--_danger);
    font-weight: 500;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.25rem;
  }

  .notice {
    margin: 0;
    font-size: 0.875em;
  }
  .notice.failed {
    color: var(--_danger);
  }
  .converted {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
`;
