import { css } from 'lit';

export const styles = css`
  /* The overdue queue's count is a warning while it holds any. */
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
    gap: 4px;
    padding-block: 12px;
    border-block-start: 1px solid var(--_border);
  }
  .lead:first-child {
    border-block-start: 0;
    padding-block-start: 4px;
  }
  .lead-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
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
    gap: 2px 12px;
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
    gap: 8px;
    margin-block-start: 4px;
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
    gap: 8px 16px;
    padding: 8px 12px;
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
`;
