import { css, type CSSResultGroup } from 'lit';
import { fields, filterRow } from './fields.styles.js';
import { states } from './states.styles.js';

/** A notice that something did not work, with a way to dismiss it (the pipeline board's). */
export const notice = css`
  .notice {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_danger) 45%, Canvas);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_danger) 9%, var(--_surface));
    color: var(--_text);
    font-size: 0.875rem;
  }
  .notice p {
    flex: 1;
    margin: 0;
  }
`;

/** Fields, a filter row, states and the notice together, as the pipeline board and the funnel chart take them (their buttons are in buttons.styles.ts). */
export const controls: CSSResultGroup = [fields, filterRow, states, notice];
