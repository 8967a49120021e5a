import { css } from 'lit';
import { visuallyHidden } from '../shared/tokens.js';

/** The deal card's own: the won and lost colours, a figure's input, the reasons' width, an overdue date. */
export const styles = css`
  .status[data-kind='won'] {
    border-color: light-dark(#16a34a, #4ade80);
    color: light-dark(#166534, #86efac);
    background: color-mix(in srgb, light-dark(#16a34a, #4ade80) 10%, var(--_surface));
  }
  .status[data-kind='lost'] {
    border-color: color-mix(in srgb, var(--_danger) 60%, var(--_surface));
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
  }
  .step.current.won {
    border-color: light-dark(#15803d, #4ade80);
    background: light-dark(#15803d, #4ade80);
  }
  .step.current.lost {
    border-color: var(--_danger);
    background: var(--_danger);
    color: light-dark(#fff, #0b1220);
  }
  /* In a figure's narrow tile the input takes the line, its buttons the next. */
  .stat .inline-row .control {
    flex-basis: 100%;
  }
  .field[data-field='lostReason'],
  .field[data-field='wonReason'] {
    grid-column: 1 / -1;
  }
  /* A custom field's control (the record form's) under its row's label: its own label is for screen readers. */
  .inline-row {
    align-items: flex-start;
  }
  .inline-row > .field {
    flex: 1 1 160px;
  }
  .inline-edit .field-label {
    ${visuallyHidden}
  }
  .name-row {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .overdue {
    color: var(--_danger);
  }
`;
