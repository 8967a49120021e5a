import { css } from 'lit';

export const styles = css`
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 10px;
  }
  .head-controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
  }
  .tab[data-status='new'] .count.some {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    color: var(--_accent);
  }

  .cases {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .case {
    display: grid;
    gap: 4px;
    padding-block: 12px;
    border-block-start: 1px solid var(--_border);
  }
  .case:first-child {
    border-block-start: 0;
    padding-block-start: 4px;
  }
  .case-head {
    display: flex;
    align-items: baseline;
    gap: 4px 8px;
  }
  /* The subject opens the case: a link in looks, a button in what it does (the host decides where it goes). */
  .subject {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    text-align: start;
    cursor: pointer;
  }
  .subject:hover {
    color: var(--_accent);
    text-decoration: underline;
  }
  .subject:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .priority {
    flex: none;
    margin-inline-start: auto;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_muted);
    font-size: 0.8125em;
    white-space: nowrap;
  }
  .priority[data-priority='high'] {
    border-color: color-mix(in srgb, var(--_danger) 40%, var(--_border));
    color: var(--_text);
  }
  .priority[data-priority='urgent'] {
    border-color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 14%, var(--_surface));
    color: var(--_danger);
    font-weight: 600;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px 12px;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .sla {
    padding: 0 0.5em;
    border-radius: 999px;
    font-size: 0.875em;
    font-weight: 500;
    white-space: nowrap;
  }
  .sla[data-sla='breached'] {
    background: color-mix(in srgb, var(--_danger) 14%, var(--_surface));
    color: var(--_danger);
  }
  .sla[data-sla='soon'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
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
`;
