import { css } from 'lit';
import { panel } from './panel.styles.js';

/**
 * What the panels of one list share (the record history, the trash): the framed panel, its title,
 * the "Show more" button, and the skeleton, error and empty states sized to the panel.
 */
export const listPanel = css`
  .panel {
    ${panel}
    display: grid;
    gap: 0.75rem;
    padding: var(--crm-card-padding, var(--_spacing));
  }
  .heading {
    font-size: 1em;
    font-weight: 600;
  }
  .more {
    justify-self: start;
  }
  .bone.line {
    block-size: 0.875em;
    margin-block: 0.3em;
  }
  .panel > .error,
  .panel > .empty-state {
    padding: 0;
    border: 0;
    background: none;
    text-align: start;
  }
  .panel > .empty-state .empty-title {
    font-weight: inherit;
    color: var(--_muted);
  }
`;
