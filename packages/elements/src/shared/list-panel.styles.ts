import { css } from 'lit';
import { panel } from './panel.styles.js';

/**
 * What the panels of one list share (the record history, the trash, the lead inbox): the framed panel, its
 * title and a control beside it, the "Show more" button, and the skeleton, error and empty states sized to the panel.
 */
export const listPanel = css`
  .panel {
    ${panel}
    display: grid;
    gap: 12px;
    padding: var(--crm-card-padding, var(--_spacing));
  }
  .heading {
    font-size: 1em;
    font-weight: 600;
  }
  /* The title, and a control beside it that picks what the list shows. */
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px 16px;
  }
  .head-control {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .head-control .control {
    inline-size: auto;
    max-inline-size: 224px;
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
