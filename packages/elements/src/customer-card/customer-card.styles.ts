import { css } from 'lit';

export const styles = css`
  :host {
    --_avatar: 2.5rem;
  }
  :host([variant='compact']) {
    --_avatar: 2rem;
  }

  :host([variant='compact']) .card {
    --_padding: calc(var(--_spacing) * 0.75);
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

  .field[data-field='tags'],
  .field[data-field='address'] {
    grid-column: 1 / -1;
  }
  .values {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .bone.avatar {
    border-radius: calc(var(--_radius) * 0.75);
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
  .link-button.item-name {
    text-align: start;
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
