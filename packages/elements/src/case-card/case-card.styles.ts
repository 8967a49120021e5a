import { css } from 'lit';

/** The case card's own: the status badge's colours, the priority and SLA flags, the description's lines. */
export const styles = css`
  .status[data-status='new'] {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .status[data-status='resolved'],
  .status[data-status='closed'] {
    border-color: light-dark(#16a34a, #4ade80);
    color: light-dark(#166534, #86efac);
  }
  .priority[data-priority='urgent'],
  .priority[data-priority='high'] {
    color: var(--_danger);
    font-weight: 600;
  }
  .sla {
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_surface-muted);
    white-space: nowrap;
  }
  .sla[data-sla='breached'],
  .sla[data-sla='missed'] {
    background: color-mix(in srgb, var(--_danger) 14%, var(--_surface));
    color: var(--_danger);
  }
  .sla[data-sla='soon'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
  }
  .field[data-field='subject'],
  .field[data-field='description'] {
    grid-column: 1 / -1;
  }
  .relative {
    white-space: nowrap;
  }
  .description {
    white-space: pre-line;
  }
`;
