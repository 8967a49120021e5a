import { css } from 'lit';
import { panel } from './panel.styles.js';

/**
 * What the record cards (the customer card, the deal card) share: the framed card that adapts to
 * the room it gets, the band of figures, labelled fields in as many columns as fit, tags, the
 * footer, and the skeleton, error and empty states sized to the card.
 */
export const recordCard = css`
  /* The card adapts to the room it gets, not to the viewport. */
  .root {
    container: crm-card / inline-size;
  }

  .card {
    ${panel}
    display: grid;
    gap: calc(var(--_spacing) * 0.875);
    padding: var(--crm-card-padding, var(--_padding, var(--_spacing)));
  }
  .card:focus {
    outline: none;
  }
  .card:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  /* Body: labelled fields in as many columns as fit (one at phone widths). */
  .body {
    display: grid;
    gap: 12px;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 208px), 1fr));
    gap: 12px 24px;
    margin: 0;
    font-size: 0.9375em;
  }
  .field {
    min-inline-size: 0;
  }
  dt {
    color: var(--_muted);
    font-size: 0.8667em;
  }
  dd {
    margin: 0;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 2px 0 0;
    list-style: none;
  }
  .tag {
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_surface-muted);
    border: 1px solid var(--_border);
    font-size: 0.8667em;
    line-height: 1.6;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    padding-block-start: 12px;
    border-block-start: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8125em;
  }

  /* Loading: the skeleton's bones (states.styles.ts), sized to the card's text. */
  .bone.line {
    block-size: 0.875em;
    margin-block: 0.3em;
  }
  .bone.line.small {
    block-size: 0.75em;
  }

  /* The error box and the empty state (states.styles.ts) sit in the card's own frame. */
  .card > .error {
    padding: 0;
    border: 0;
    background: none;
  }
  .card > .empty-state {
    padding: 0;
    text-align: start;
    font-size: 0.9375em;
  }
  .card > .empty-state .empty-title {
    font-weight: inherit;
    color: inherit;
  }

  .muted {
    color: var(--_muted);
  }
  /* The figures band: lifetime value, last order, open deals. */
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 144px), 1fr));
    gap: 8px;
    margin: 0;
  }
  .stat {
    display: grid;
    align-content: start;
    gap: 1px;
    min-inline-size: 0;
    padding: 8px 12px;
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_surface-muted) 70%, var(--_surface));
  }
  .stat dt {
    font-size: 0.8125em;
  }
  .stat .figure {
    font-size: 1.0625em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    line-height: 1.35;
  }
  .stat .figure.muted {
    font-size: 0.9375em;
    font-weight: 400;
  }
  .stat .sub {
    color: var(--_muted);
    font-size: 0.8125em;
  }
  /* Narrow: the figures as rows in one box (label and note on the left, amount on the right),
     rather than three tiles stacked a screen high. */
  @container crm-card (max-width: 480px) {
    .stats {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
      padding-inline: 12px;
      border-radius: calc(var(--_radius) * 0.75);
      background: color-mix(in srgb, var(--_surface-muted) 70%, var(--_surface));
    }
    .stat {
      /* (A sum in several currencies wraps rather than squeeze the label.) */
      grid-template-columns: minmax(0, 1fr) fit-content(60%);
      align-items: center;
      column-gap: 12px;
      padding: 7px 0;
      border-radius: 0;
      background: none;
    }
    .stat + .stat {
      border-block-start: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .stat dt,
    .stat .sub {
      grid-column: 1;
    }
    .stat .figure {
      grid-column: 2;
      grid-row: 1 / span 2;
      text-align: end;
    }
    .stats.loading .stat {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .stats.loading .stat > .bone {
      grid-column: auto;
      grid-row: auto;
    }
  }
`;
