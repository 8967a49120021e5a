import { css } from 'lit';

export const styles = css`
  :host {
    --_avatar: 40px;
  }
  :host([variant='compact']) {
    --_avatar: 32px;
  }

  :host([variant='compact']) .card {
    --_padding: calc(var(--_spacing) * 0.75);
  }
  /* Header: avatar, then name and details; actions at the end. */
  .header {
    display: flex;
    align-items: flex-start;
    gap: 12px;
    flex-wrap: wrap;
  }
  .identity {
    display: flex;
    align-items: flex-start;
    gap: 12px;
    flex: 1 1 224px;
    min-inline-size: 0;
    cursor: pointer;
  }
  :host([variant='compact']) .avatar {
    font-size: 13px;
  }
  .title {
    display: grid;
    gap: 2px;
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
    gap: 4px 10px;
    font-size: 0.875em;
  }
  .subtitle {
    color: var(--_muted);
  }
  .contact-line {
    display: flex;
    flex-wrap: wrap;
    gap: 0 12px;
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin-inline-start: auto;
  }
  .actions[hidden] {
    display: none;
  }
  /* Too narrow for actions beside the name: they go on their own line, under the name. */
  @container crm-card (max-width: 416px) {
    .actions {
      flex-basis: 100%;
      margin-inline-start: calc(var(--_avatar) + 12px);
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
    gap: 4px 8px;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .summary-error .error-icon {
    inline-size: 16px;
    block-size: 16px;
    margin: 0;
  }

  /* Contacts, open deals and activity: as many columns as fit. */
  .sections {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 192px), 1fr));
    gap: 16px 20px;
    padding-block-start: 14px;
    border-block-start: 1px solid var(--_border);
    font-size: 0.9375em;
  }
  .section {
    display: grid;
    align-content: start;
    gap: 6px;
    min-inline-size: 0;
  }
  .section-title {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8667em;
    font-weight: 600;
  }
  .section-title:not(:first-child) {
    margin-block-start: 6px;
  }
  .section-title .count {
    font-weight: 400;
  }
  .items {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: 1px;
    min-inline-size: 0;
  }
  .item-title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 2px 8px;
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
    gap: 0 12px;
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
    gap: 14px;
    /* Roomier fields than the shared default: a form to fill in, not a filter row. */
    --_control-padding: 6px 10px;
    --_control-font-size: 15px;
    --_control-height: auto;
  }
  /* One column when narrow; from 544px, the three short fields in a row and emails beside phones. */
  .form-grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 12px 16px;
  }
  @container crm-card (min-width: 544px) {
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
    gap: 4px;
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
    gap: 6px;
  }
  .tag.editable {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding-inline-end: 0.125em;
  }
  .remove-tag {
    display: inline-grid;
    place-items: center;
    inline-size: 20px;
    block-size: 20px;
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
    inline-size: 10px;
    block-size: 10px;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
    padding-block-start: 12px;
    border-block-start: 1px solid var(--_border);
  }
  .notice {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 10px 12px;
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
    inline-size: 20px;
    block-size: 20px;
    color: var(--_danger);
  }
  .notice[data-tone='info'] .icon {
    color: var(--_accent);
  }
  .notice-text {
    display: grid;
    gap: 4px;
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
    gap: 8px;
    margin-block-start: 4px;
  }
  .actions .button .icon {
    inline-size: 14px;
    block-size: 14px;
  }
`;
