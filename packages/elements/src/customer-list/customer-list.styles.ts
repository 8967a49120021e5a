import { css } from 'lit';
import { visuallyHidden } from '../shared/tokens.js';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    --_control-padding: 6px 10px;
    --_control-font-size: 15px;
    --_control-height: auto;
    --_avatar: 36px;
    --_row-padding: 8px 14px;
  }

  /* The list adapts to the room it gets, not to the viewport. */
  .root {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    container: crm-list / inline-size;
  }
  .box {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    overflow: hidden;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }

  /* Toolbar: search first and widest, then the filters and the sort. */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 12px;
    border-block-end: 1px solid var(--_border);
  }
  .search-box {
    position: relative;
    flex: 1 1 224px;
    min-inline-size: 0;
  }
  .search-box .search-icon {
    position: absolute;
    inset-inline-start: 10px;
    inset-block-start: 50%;
    inline-size: 16px;
    block-size: 16px;
    translate: 0 -50%;
    color: var(--_muted);
    pointer-events: none;
  }
  .control.search {
    padding-inline-start: 32px;
    /* A placeholder too long for a phone ends in "…", not mid-word. */
    text-overflow: ellipsis;
  }
  .sort {
    flex: 0 1 208px;
    inline-size: auto;
  }
  /* The filters share the second row. */
  .filters {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .filter {
    flex: 1 1 128px;
    inline-size: auto;
  }
  .clear {
    flex: none;
  }
  ::slotted([slot='toolbar-end']) {
    flex: none;
  }
  /* "New customer" ends the first row, before the filters' row. */
  .create {
    flex: none;
  }
  .create .plus-icon {
    inline-size: 14px;
    block-size: 14px;
  }
  /* The "Filters" button only folds them away when narrow. */
  .filters-toggle {
    display: none;
  }
  .filters-toggle .filters-icon {
    inline-size: 16px;
    block-size: 16px;
  }
  .filter-count {
    min-inline-size: 1.25em;
    padding: 0 0.375em;
    border-radius: 999px;
    background: var(--_accent);
    color: light-dark(#fff, #0b1220);
    font-size: 12px;
    font-weight: 600;
    line-height: 1.5;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  /* Narrow: the search and a "Filters" button; the sort and filters (two a row) when it is open. */
  @container crm-list (max-width: 544px) {
    .toolbar {
      padding: 10px;
    }
    .search-box {
      flex-basis: 0;
    }
    .filters-toggle {
      display: inline-flex;
      flex: none;
      align-self: stretch;
    }
    .toolbar:not(.open) .sort,
    .toolbar:not(.open) .filters {
      display: none;
    }
    .sort {
      flex-basis: 100%;
    }
    .filter {
      flex-basis: calc(50% - 4px);
    }
  }
  /* Phone width: the button shows its icon (and count); its name stays for screen readers. */
  @container crm-list (max-width: 416px) {
    .filters-toggle {
      position: relative;
      padding-inline: 10px;
    }
    .filters-label,
    .create-label {
      ${visuallyHidden}
    }
  }

  .count {
    padding: 6px 14px;
    border-block-end: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
  .count:empty {
    display: none;
  }

  /* The rows: they take the height left, or --crm-customer-list-height when the element has none. */
  .body {
    position: relative;
    flex: 1 1 var(--crm-customer-list-height, 448px);
    display: flex;
    flex-direction: column;
    min-block-size: 128px;
  }
  .list {
    flex: 1 1 0;
    min-block-size: 0;
    outline: none;
    /* The rows keep their width when the scrollbar appears: no second round of measuring. */
    scrollbar-gutter: stable;
  }
  .list.stale {
    opacity: 0.6;
    transition: opacity 0.15s 0.15s;
  }
  .list:focus-visible {
    box-shadow: inset 0 0 0 2px color-mix(in srgb, var(--_accent) 35%, transparent);
  }

  .option {
    box-sizing: border-box;
    inline-size: 100%;
    display: grid;
    grid-template-columns: var(--_avatar) minmax(0, 1fr) auto;
    align-items: center;
    gap: 4px 12px;
    padding: var(--_row-padding);
    border-block-end: 1px solid color-mix(in srgb, var(--_border) 65%, transparent);
    cursor: pointer;
    user-select: none;
  }
  .option:hover {
    background: color-mix(in srgb, var(--_surface-muted) 70%, var(--_surface));
  }
  .option[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 11%, var(--_surface));
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .list:focus-visible .option.active {
    outline: var(--_focus-ring);
    outline-offset: -3px;
  }
  .main {
    display: grid;
    min-inline-size: 0;
  }
  .name,
  .details,
  .contact > span,
  .owner {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    font-weight: 500;
  }
  .details,
  .contact,
  .owner {
    color: var(--_muted);
    font-size: 13px;
  }
  .contact,
  .owner {
    display: none;
    min-inline-size: 0;
  }
  .option .stage {
    justify-self: end;
  }
  .stage-inline {
    display: none;
  }
  /* Narrow: the stage joins the details line, so the name keeps the width. */
  @container crm-list (max-width: 480px) {
    .option {
      grid-template-columns: var(--_avatar) minmax(0, 1fr);
    }
    .option .stage {
      display: none;
    }
    /* Inline (not flex), so the stage sits on the details' baseline. */
    .stage-inline {
      display: inline;
      margin-inline-end: 0.375em;
      color: var(--_text);
    }
    .stage-inline .dot {
      display: inline-block;
      margin-inline-end: 0.3125em;
      vertical-align: 0.0625em;
    }
  }

  /* Wider: the first email and phone get a column, then the owner. */
  @container crm-list (min-width: 640px) {
    .option {
      grid-template-columns: var(--_avatar) minmax(0, 2fr) minmax(0, 1.5fr) 120px;
    }
    .contact {
      display: grid;
    }
    .option .stage {
      justify-self: start;
    }
  }
  @container crm-list (min-width: 896px) {
    .option {
      grid-template-columns: var(--_avatar) minmax(0, 2fr) minmax(0, 1.5fr) minmax(0, 1fr) 120px;
    }
    .owner {
      display: block;
    }
  }

  /* Loading, empty and error states. */
  .skeleton {
    display: grid;
    align-content: start;
  }
  .skeleton-row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: var(--_row-padding);
    border-block-end: 1px solid color-mix(in srgb, var(--_border) 65%, transparent);
  }
  .lines {
    flex: 1;
    display: grid;
    gap: 6px;
  }
  .bone.line {
    block-size: 12px;
  }
  .bone.line.small {
    block-size: 10px;
  }
  /* The error box and the empty state (states.styles.ts) fill the rows' place, unframed. */
  .body > .error {
    gap: 12px;
    padding: 24px 16px;
    border: 0;
    border-radius: 0;
    background: none;
  }
  .empty-state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
    padding: 40px 16px;
    color: var(--_text);
  }
  .empty-detail {
    margin: 0;
  }
  .icon {
    inline-size: 20px;
    block-size: 20px;
  }
  /* Over the bottom of the rows, so it never changes their height (which would re-measure them). */
  .more {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 6px 14px;
    border-block-start: 1px solid var(--_border);
    background: color-mix(in srgb, var(--_surface) 94%, transparent);
    color: var(--_muted);
    font-size: 13px;
  }
  .more .icon {
    inline-size: 16px;
    block-size: 16px;
  }
  @media (prefers-reduced-motion: reduce) {
    .list.stale {
      transition: none;
    }
  }
`;
