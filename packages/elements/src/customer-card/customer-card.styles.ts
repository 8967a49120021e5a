import { css } from 'lit';
import { panel } from '../shared/panel.styles.js';

export const styles = css`
  :host {
    --_avatar: 2.5rem;
  }
  :host([variant='compact']) {
    --_avatar: 2rem;
  }

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
  :host([variant='compact']) .card {
    --_padding: calc(var(--_spacing) * 0.75);
  }
  .card:focus {
    outline: none;
  }
  .card:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  /* Header: avatar, then name and details; actions at the end. */
  .header {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    flex-wrap: wrap;
  }
  .identity {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    flex: 1 1 14rem;
    min-inline-size: 0;
    cursor: pointer;
  }
  :host([variant='compact']) .avatar {
    font-size: 0.8125rem;
  }
  .title {
    display: grid;
    gap: 0.125rem;
    flex: 1;
    min-inline-size: 0;
  }
  .heading {
    margin: 0;
    font-size: 1.0625em;
    font-weight: 600;
    line-height: 1.35;
  }
  :host([variant='compact']) .heading {
    font-size: 1em;
  }
  .name {
    margin: 0;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
    border-radius: 2px;
  }
  .identity:hover .name {
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
  }
  .name:focus-visible,
  a:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.625rem;
    font-size: 0.875em;
  }
  .subtitle {
    color: var(--_muted);
  }
  .contact-line {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-inline-start: auto;
  }
  .actions[hidden] {
    display: none;
  }
  /* Too narrow for actions beside the name: they go on their own line, under the name. */
  @container crm-card (max-width: 26rem) {
    .actions {
      flex-basis: 100%;
      margin-inline-start: calc(var(--_avatar) + 0.75rem);
    }
  }

  /* A date is one piece: "2027年1月25日" never breaks between its month and day. */
  time {
    white-space: nowrap;
  }

  a {
    color: var(--_accent);
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
    border-radius: 2px;
  }
  a:not(:hover) {
    text-decoration-color: color-mix(in srgb, currentColor 40%, transparent);
  }

  /* Body: labelled fields in as many columns as fit (one at phone widths). */
  .body {
    display: grid;
    gap: 0.75rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: 0.75rem 1.5rem;
    margin: 0;
    font-size: 0.9375em;
  }
  .field {
    min-inline-size: 0;
  }
  .field[data-field='tags'],
  .field[data-field='address'] {
    grid-column: 1 / -1;
  }
  dt {
    color: var(--_muted);
    font-size: 0.8667em;
  }
  dd {
    margin: 0;
  }
  .values,
  .tags {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    padding-block-start: 0.125rem;
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
    gap: 0.25rem 1rem;
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8125em;
  }

  /* Loading: the skeleton's bones (states.styles.ts), sized to the card's text. */
  .bone.avatar {
    border-radius: calc(var(--_radius) * 0.75);
  }
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
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
    gap: 0.5rem;
    margin: 0;
  }
  .stat {
    display: grid;
    align-content: start;
    gap: 0.0625rem;
    min-inline-size: 0;
    padding: 0.5rem 0.75rem;
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
  @container crm-card (max-width: 30rem) {
    .stats {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
      padding-inline: 0.75rem;
      border-radius: calc(var(--_radius) * 0.75);
      background: color-mix(in srgb, var(--_surface-muted) 70%, var(--_surface));
    }
    .stat {
      /* (A sum in several currencies wraps rather than squeeze the label.) */
      grid-template-columns: minmax(0, 1fr) fit-content(60%);
      align-items: center;
      column-gap: 0.75rem;
      padding: 0.4375rem 0;
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
  .summary-error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .summary-error .error-icon {
    inline-size: 1rem;
    block-size: 1rem;
    margin: 0;
  }

  /* Contacts, open deals and activity: as many columns as fit. */
  .sections {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 1rem 1.25rem;
    padding-block-start: 0.875rem;
    border-block-start: 1px solid var(--_border);
    font-size: 0.9375em;
  }
  .section {
    display: grid;
    align-content: start;
    gap: 0.375rem;
    min-inline-size: 0;
  }
  .section-title {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8667em;
    font-weight: 600;
  }
  .section-title:not(:first-child) {
    margin-block-start: 0.375rem;
  }
  .section-title .count {
    font-weight: 400;
  }
  .items {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: 0.0625rem;
    min-inline-size: 0;
  }
  .item-title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.125rem 0.5rem;
  }
  .item-name {
    font-weight: 500;
  }
  /* A deal's amount and close date, an activity's type and date: "$7,300 · closes Jan 12". */
  .item-sub > * + *::before {
    content: ' · ';
  }
  .item-sub .amount {
    color: var(--_text);
    font-weight: 500;
    font-variant-numeric: tabular-nums;
  }
  .item-sub {
    color: var(--_muted);
    font-size: 0.9333em;
  }
  .item-sub.overdue {
    color: var(--_danger);
  }
  .item-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    font-size: 0.9333em;
  }
  .badge {
    padding: 0 0.4375em;
    border-radius: 999px;
    background: var(--_surface-muted);
    color: var(--_muted);
    font-size: 0.8em;
    line-height: 1.6;
    white-space: nowrap;
  }
  .none,
  .more {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9333em;
  }

  /* The edit form: the key fields in two columns where they fit. */
  .form {
    display: grid;
    gap: 0.875rem;
    /* Roomier fields than the shared default: a form to fill in, not a filter row. */
    --_control-padding: 0.375rem 0.625rem;
    --_control-font-size: 0.9375rem;
    --_control-height: auto;
  }
  /* One column when narrow; from 34rem, the three short fields in a row and emails beside phones. */
  .form-grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.75rem 1rem;
  }
  @container crm-card (min-width: 34rem) {
    .form-grid {
      grid-template-columns: repeat(6, minmax(0, 1fr));
    }
    .form-field {
      grid-column: span 2;
    }
    .form-field[data-field='emails'],
    .form-field[data-field='phones'] {
      grid-column: span 3;
    }
    .form-field.wide {
      grid-column: 1 / -1;
    }
  }
  .form-field {
    display: grid;
    align-content: start;
    gap: 0.25rem;
    min-inline-size: 0;
  }
  .form-field label {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 500;
  }
  .hint,
  .field-error {
    margin: 0;
    font-size: 0.8125em;
  }
  .hint {
    color: var(--_muted);
  }
  .hint.theirs {
    color: var(--_text);
  }
  .field-error {
    color: var(--_danger);
  }
  .tag-editor {
    display: grid;
    gap: 0.375rem;
  }
  .tag.editable {
    display: inline-flex;
    align-items: center;
    gap: 0.125rem;
    padding-inline-end: 0.125em;
  }
  .remove-tag {
    display: inline-grid;
    place-items: center;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  .remove-tag:hover {
    background: var(--_border);
    color: var(--_text);
  }
  .remove-tag:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 1px;
  }
  .remove-tag svg {
    inline-size: 0.625rem;
    block-size: 0.625rem;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--_border);
  }
  .notice {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
    padding: 0.625rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_danger) 45%, var(--_surface));
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
  }
  .notice[data-tone='info'] {
    border-color: color-mix(in srgb, var(--_accent) 40%, var(--_surface));
    background: color-mix(in srgb, var(--_accent) 7%, var(--_surface));
  }
  .notice:focus {
    outline: none;
  }
  .notice:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .notice .icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    color: var(--_danger);
  }
  .notice[data-tone='info'] .icon {
    color: var(--_accent);
  }
  .notice-text {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 0;
    font-size: 0.9375em;
  }
  .notice-message {
    margin: 0;
    font-weight: 600;
  }
  .notice-detail {
    margin: 0;
  }
  .notice-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.25rem;
  }
  .actions .button .icon {
    inline-size: 0.875rem;
    block-size: 0.875rem;
  }
`;
