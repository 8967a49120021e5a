import { css } from 'lit';

export const styles = css`
  :host {
    /* No frame of its own: the host box is its ground, so its text never sits on the page's background. */
    background: var(--_ground);
    block-size: var(--crm-board-height, 576px);
    line-height: 1.4;
  }

  /* The board adapts to the room it gets, not to the viewport. */
  .root {
    block-size: 100%;
    container: crm-board / inline-size;
  }

  .board {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    block-size: 100%;
    min-inline-size: 0;
  }

  .header {
    display: grid;
    gap: 10px;
    margin-block-end: 12px;
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 16px;
  }
  .heading {
    font-size: 18px;
    font-weight: 600;
    line-height: 1.3;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0 12px;
    margin: 0;
    color: var(--_muted);
    font-size: 14px;
    font-variant-numeric: tabular-nums;
  }
  .summary-sum {
    color: var(--_text);
    font-weight: 600;
  }
  .actions {
    display: flex;
    gap: 8px;
    margin-inline-start: auto;
  }
  .actions .plus-icon {
    inline-size: 14px;
    block-size: 14px;
  }
  /* On a narrow screen the filters fold away behind a button, leaving the room to the columns. */
  .filters-toggle {
    display: none;
  }
  @container crm-board (max-width: 640px) {
    .filters-toggle {
      display: inline-flex;
    }
    .filters:not(.open) {
      display: none;
    }
  }
  .clear {
    line-height: 32px;
    font-size: 14px;
  }

  .board.reloading .columns,
  .board.reloading .zones {
    opacity: 0.6;
    transition: opacity 150ms 100ms;
  }

  .notice-region .notice {
    margin-block-end: 12px;
  }

  /* Columns side by side; on a narrow screen the row scrolls sideways, a column at a time. */
  .columns {
    position: relative;
    flex: 1 1 auto;
    min-block-size: 0;
    display: flex;
    gap: 12px;
    overflow-x: auto;
    overflow-y: hidden;
    scroll-snap-type: x proximity;
    scroll-padding-inline: 4px;
    padding-block-end: 4px;
  }
  /* Columns share out room to spare (up to half as wide again), so a board of few stages fills
     its width; with many they keep their width and the row scrolls. */
  crm-pipeline-column,
  .skeleton-column {
    flex: 1 0 auto;
    inline-size: min(var(--crm-board-column-width, 272px), 84cqi);
    max-inline-size: calc(var(--crm-board-column-width, 272px) * 1.5);
    scroll-snap-align: start;
  }
  .columns:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  .skeleton-column {
    box-sizing: border-box;
    display: grid;
    align-content: start;
    gap: 8px;
    padding: 12px;
    border-radius: var(--_radius);
    background: var(--crm-board-column-background, var(--_surface-muted));
  }
  .skeleton-column .bone {
    background: color-mix(in srgb, var(--_text) 12%, var(--_surface));
  }
  .skeleton-column .card-bone {
    block-size: 72px;
    margin-block-start: 4px;
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .header .bone {
    background: var(--_surface-muted);
  }

  /* Closed stages: drop zones under the columns, always in reach. */
  .zones {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    margin-block-start: 12px;
  }
  .zone {
    --_zone: var(--_muted);
    flex: 1 1 144px;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 10px;
    min-inline-size: 0;
    padding: 8px 12px;
    border: 1px dashed color-mix(in srgb, var(--_zone) 55%, var(--_surface));
    border-radius: var(--_radius);
    color: var(--_text);
    font-size: 14px;
    transition:
      background-color 120ms,
      border-color 120ms;
  }
  .zone[data-kind='won'] {
    --_zone: var(--crm-color-success, light-dark(#15803d, #4ade80));
  }
  .zone[data-kind='lost'] {
    --_zone: var(--_danger);
  }
  .zone-icon {
    flex: none;
    inline-size: 20px;
    block-size: 20px;
    color: var(--_zone);
  }
  .zone-text {
    display: grid;
    min-inline-size: 0;
  }
  .zone-name {
    font-weight: 600;
  }
  .zone-figures {
    color: var(--_muted);
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
  .zone-hint {
    margin-inline-start: auto;
    color: var(--_muted);
    font-size: 13px;
    text-align: end;
  }
  .board.dragging .zone {
    border-color: var(--_zone);
    background: color-mix(in srgb, var(--_zone) 6%, var(--_surface));
  }
  .zone.over,
  .board.dragging .zone.over {
    border-style: solid;
    background: color-mix(in srgb, var(--_zone) 16%, var(--_surface));
  }
  .zone:focus {
    outline: none;
  }
  .zone:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  @container crm-board (max-width: 544px) {
    .zone-hint {
      display: none;
    }
  }

  /* The card under the pointer while it drags. */
  .ghost {
    position: fixed;
    inset-block-start: 0;
    inset-inline-start: 0;
    z-index: 1000;
    box-sizing: border-box;
    display: grid;
    gap: 2px;
    padding: 8px 10px;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    box-shadow: 0 10px 24px rgb(0 0 0 / 0.22);
    font-size: 14px;
    pointer-events: none;
    rotate: 2deg;
  }
  .ghost .card-name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .ghost .card-customer {
    color: var(--_muted);
    font-size: 13px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .ghost .card-amount {
    font-weight: 600;
    font-size: 13px;
  }
  .board.dragging {
    cursor: grabbing;
    user-select: none;
    -webkit-user-select: none;
  }

  /* The lost-reason dialog: the shared dialog (shared/dialog.styles.ts), smaller. */
  .dialog {
    inline-size: min(416px, calc(100vw - 32px));
  }
  .dialog-form {
    display: grid;
    gap: 12px;
    padding: 20px;
  }
  .dialog-intro {
    margin: 0;
    color: var(--_muted);
    font-size: 15px;
  }
  .dialog-field {
    font-size: 14px;
    color: var(--_text);
  }
  .dialog-error {
    margin: -4px 0 0;
    min-block-size: 1.2em;
    color: var(--_danger);
    font-size: 13px;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
  }
`;
