import { css } from 'lit';

export const styles = css`
  :host {
    block-size: var(--crm-board-height, 36rem);
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
    gap: 0.625rem;
    margin-block-end: 0.75rem;
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1rem;
  }
  .heading {
    font-size: 1.125rem;
    font-weight: 600;
    line-height: 1.3;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  .summary-sum {
    color: var(--_text);
    font-weight: 600;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    margin-inline-start: auto;
  }
  .actions .plus-icon {
    inline-size: 0.875rem;
    block-size: 0.875rem;
  }
  /* On a narrow screen the filters fold away behind a button, leaving the room to the columns. */
  .filters-toggle {
    display: none;
  }
  @container crm-board (max-width: 40rem) {
    .filters-toggle {
      display: inline-flex;
    }
    .filters:not(.open) {
      display: none;
    }
  }
  .clear {
    line-height: 2rem;
    font-size: 0.875rem;
  }

  .board.reloading .columns,
  .board.reloading .zones {
    opacity: 0.6;
    transition: opacity 150ms 100ms;
  }

  .notice-region .notice {
    margin-block-end: 0.75rem;
  }

  /* Columns side by side; on a narrow screen the row scrolls sideways, a column at a time. */
  .columns {
    position: relative;
    flex: 1 1 auto;
    min-block-size: 0;
    display: flex;
    gap: 0.75rem;
    overflow-x: auto;
    overflow-y: hidden;
    scroll-snap-type: x proximity;
    scroll-padding-inline: 0.25rem;
    padding-block-end: 0.25rem;
  }
  /* Columns share out room to spare (up to half as wide again), so a board of few stages fills
     its width; with many they keep their width and the row scrolls. */
  crm-pipeline-column,
  .skeleton-column {
    flex: 1 0 auto;
    inline-size: min(var(--crm-board-column-width, 17rem), 84cqi);
    max-inline-size: calc(var(--crm-board-column-width, 17rem) * 1.5);
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
    gap: 0.5rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--crm-board-column-background, var(--_surface-muted));
  }
  .skeleton-column .bone {
    background: color-mix(in srgb, CanvasText 12%, Canvas);
  }
  .skeleton-column .card-bone {
    block-size: 4.5rem;
    margin-block-start: 0.25rem;
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
    gap: 0.5rem 0.75rem;
    margin-block-start: 0.75rem;
  }
  .zone {
    --_zone: var(--_muted);
    flex: 1 1 9rem;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 0.625rem;
    min-inline-size: 0;
    padding: 0.5rem 0.75rem;
    border: 1px dashed color-mix(in srgb, var(--_zone) 55%, Canvas);
    border-radius: var(--_radius);
    color: var(--_text);
    font-size: 0.875rem;
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
    inline-size: 1.25rem;
    block-size: 1.25rem;
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
    font-size: 0.8125rem;
    font-variant-numeric: tabular-nums;
  }
  .zone-hint {
    margin-inline-start: auto;
    color: var(--_muted);
    font-size: 0.8125rem;
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
  @container crm-board (max-width: 34rem) {
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
    gap: 0.125rem;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    box-shadow: 0 10px 24px rgb(0 0 0 / 0.22);
    font-size: 0.875rem;
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
    font-size: 0.8125rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .ghost .card-amount {
    font-weight: 600;
    font-size: 0.8125rem;
  }
  .board.dragging {
    cursor: grabbing;
    user-select: none;
    -webkit-user-select: none;
  }

  /* The lost-reason dialog: the shared dialog (shared/dialog.styles.ts), smaller. */
  .dialog {
    inline-size: min(26rem, calc(100vw - 2rem));
  }
  .dialog-form {
    display: grid;
    gap: 0.75rem;
    padding: 1.25rem;
  }
  .dialog-intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .dialog-field {
    font-size: 0.875rem;
    color: var(--_text);
  }
  .dialog-error {
    margin: -0.25rem 0 0;
    min-block-size: 1.2em;
    color: var(--_danger);
    font-size: 0.8125rem;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;
