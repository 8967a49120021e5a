import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex: none;
    inline-size: var(--crm-board-column-width, 272px);
    min-block-size: 0;
    line-height: 1.4;
  }

  /* Positioned, so that what is placed absolutely inside (text for screen readers) stays in the
     board's scrolling row instead of widening the page. */
  .column {
    position: relative;
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    inline-size: 100%;
    min-block-size: 0;
    border-radius: var(--_radius);
    background: var(--crm-board-column-background, var(--_surface-muted));
  }

  .head {
    display: grid;
    gap: 4px;
    padding: 10px 12px 8px;
    border-block-end: 1px solid var(--_border);
  }
  .title-row {
    display: flex;
    align-items: center;
    gap: 8px;
    min-inline-size: 0;
  }
  .title {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    font-weight: 600;
    font-size: 15px;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .add {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  .add:hover {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .add:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .add .icon {
    inline-size: 14px;
    block-size: 14px;
  }
  .count {
    flex: none;
    min-inline-size: 24px;
    padding: 0 7px;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 12px;
    font-weight: 600;
    line-height: 1.5;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  .figures {
    display: grid;
    gap: 2px;
    font-size: 13px;
    color: var(--_muted);
  }
  .figures[data-estimated] .amounts {
    opacity: 0.7;
  }
  .amounts {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 8px;
  }
  .sum {
    color: var(--_text);
    font-weight: 600;
    font-size: 14px;
    font-variant-numeric: tabular-nums;
  }
  .probability {
    flex: none;
    color: var(--_muted);
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }
  .currencies {
    display: flex;
    flex-wrap: wrap;
    gap: 0 10px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-variant-numeric: tabular-nums;
  }
  .missing {
    margin: 0;
    color: var(--_danger);
  }

  .body {
    position: relative;
    display: flex;
    flex: 1 1 auto;
    min-block-size: 0;
    border-radius: 0 0 var(--_radius) var(--_radius);
  }
  .body.drop-empty {
    outline: 2px dashed var(--_accent);
    outline-offset: -6px;
  }
  /* A window over fixed rows: the sizer gives the list its full height, the rows in view are
     placed on it. */
  .cards {
    position: relative;
    flex: 1 1 auto;
    min-block-size: 0;
    box-sizing: border-box;
    overflow-x: hidden;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The width does not change when the scrollbar comes and goes, so cards are measured once. */
    scrollbar-gutter: stable;
    scrollbar-width: thin;
  }
  .cards:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: -2px;
  }
  .sizer {
    inline-size: 1px;
    /* Room under the last card. */
    padding-block-end: 6px;
    visibility: hidden;
  }
  /* Each card's row in the list; its padding leaves room for the focus ring and shadow. */
  .item {
    position: absolute;
    inset-block-start: 4px;
    inset-inline: 0;
    box-sizing: border-box;
    padding: 4px 4px 4px 8px;
  }

  .card {
    position: relative;
    box-sizing: border-box;
    display: grid;
    gap: 2px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    box-shadow: var(--_shadow);
    cursor: grab;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
    font-size: 14px;
  }
  .card:hover {
    border-color: color-mix(in srgb, var(--_text) 30%, var(--_surface));
  }
  .card:focus {
    outline: none;
  }
  .card:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 1px;
  }
  .card-top {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    min-inline-size: 0;
  }
  .card-name {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .card-customer {
    overflow: hidden;
    color: var(--_muted);
    font-size: 13px;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .card-foot {
    display: flex;
    align-items: center;
    gap: 8px;
    min-block-size: 20px;
    margin-block-start: 4px;
    font-size: 13px;
    min-inline-size: 0;
  }
  .card-amount {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .card-close {
    overflow: hidden;
    color: var(--_muted);
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .card-close.overdue {
    color: var(--_danger);
  }
  /* The owner's initials; the name row keeps its height with or without them, so cards keep
     their height when owners arrive. */
  .owner {
    flex: none;
    display: grid;
    place-items: center;
    margin-block: -1px;
    inline-size: 22px;
    block-size: 22px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    color: var(--_accent);
    font-size: 11px;
    font-weight: 600;
    line-height: 1;
  }

  .card.pending {
    cursor: progress;
    opacity: 0.7;
  }
  .card.dragging {
    opacity: 0.4;
  }
  .card.lifted {
    border-color: var(--_accent);
    box-shadow:
      0 0 0 1px var(--_accent),
      0 6px 16px rgb(0 0 0 / 0.18);
    transform: rotate(-1deg);
  }
  @media (prefers-reduced-motion: reduce) {
    .card.lifted {
      transform: none;
    }
  }
  /* Where a dragged card would land: a bar above the card it would precede, or below the last. */
  .card.drop-before::before,
  .card.drop-after::after {
    content: '';
    position: absolute;
    inset-inline: 0;
    block-size: 3px;
    border-radius: 2px;
    background: var(--_accent);
  }
  .card.drop-before::before {
    inset-block-start: -5px;
  }
  .card.drop-after::after {
    inset-block-end: -5px;
  }

  .empty,
  .more {
    margin: 0;
    padding: 8px 12px 12px;
    color: var(--_muted);
    font-size: 13px;
    text-align: center;
  }
  .empty {
    position: absolute;
    inset: 0 0 auto;
    padding-block-start: 20px;
    pointer-events: none;
  }
  .more.failed {
    color: var(--_danger);
  }
`;
