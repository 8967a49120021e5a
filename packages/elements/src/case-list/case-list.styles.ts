import { css } from 'lit';

export const styles = css`
  .title,
  .head-controls,
  .case-head,
  .meta,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 10px;
  }
  .head-controls {
    align-items: center;
  }
  /* The subject takes the room; the priority stays at the end of its first line. */
  .case-head {
    flex-wrap: nowrap;
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
  /* The subject opens the case: a button that reads as the row's title. */
  .subject {
    min-inline-size: 0;
    color: var(--_text);
    font-weight: 600;
    text-align: start;
    text-decoration: none;
  }
  .subject:hover {
    text-decoration: underline;
  }
  .priority,
  .sla {
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8125em;
    white-space: nowrap;
  }
  .priority {
    margin-inline-start: auto;
    color: var(--_muted);
  }
  .priority[data-priority='high'] {
    color: var(--_text);
  }
  .priority[data-priority='urgent'],
  .sla[data-sla='breached'] {
    border-color: transparent;
    background: color-mix(in srgb, var(--_danger) 14%, var(--_surface));
    color: var(--_danger);
    font-weight: 600;
  }
  .sla[data-sla='soon'] {
    border-color: transparent;
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
  }
  .meta,
  .notice {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .actions {
    margin-block-start: 4px;
    gap: 8px;
  }
  .notice {
    color: var(--_danger);
  }
`;
