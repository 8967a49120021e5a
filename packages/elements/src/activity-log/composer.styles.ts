import { css } from 'lit';
import { visuallyHidden } from '../shared/tokens.js';

/** The composer's form: type choices, fields, their errors and the footer. */
export const composerStyles = css`
  /* Composer */
  .composer {
    display: grid;
    gap: 10px;
    padding: calc(var(--_spacing) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-muted);
  }
  .types {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .type-option {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 4px 12px 4px 8px;
    border: 1px solid var(--_border-strong);
    border-radius: 999px;
    background: var(--_surface);
    font-size: 0.875em;
    line-height: 1.5;
    cursor: pointer;
    user-select: none;
  }
  .type-option:hover {
    border-color: var(--_accent);
  }
  /* The radio stays in place for keyboard and screen readers; the pill shows its state. */
  .type-option input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .type-option:has(input:checked) {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    color: color-mix(in srgb, var(--_accent) 70%, var(--_text));
    font-weight: 600;
  }
  .type-option:has(input:focus-visible) {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  /* The chosen type is bold; each label keeps the width of its bold self, so choosing one does
     not shift the others. */
  .type-label {
    display: inline-grid;
    justify-items: center;
  }
  .type-label::after {
    content: attr(data-text) / '';
    block-size: 0;
    overflow: hidden;
    visibility: hidden;
    font-weight: 600;
  }
  .type-option .type-icon {
    flex: none;
    inline-size: 16px;
    block-size: 16px;
  }
  /* Narrow: the types show as icons, the chosen one with its name (the others' names stay for screen readers). */
  @container crm-log (max-width: 416px) {
    .type-option:not(:has(input:checked)) {
      padding-inline: 8px;
    }
    .type-option:not(:has(input:checked)) .type-label {
      ${visuallyHidden}
    }
  }
  .more {
    display: grid;
    gap: 10px;
  }
  .more[hidden] {
    display: none;
  }

  .field {
    display: grid;
    gap: 4px;
    min-inline-size: 0;
    align-content: start;
  }
  .field label {
    font-size: 0.8125em;
    font-weight: 500;
    color: var(--_muted);
  }
  .hint {
    font-weight: 400;
  }
  .hint::before {
    content: '· ';
  }
  /* Direction, duration, outcome and time share rows as room allows. */
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 12px;
  }
  .details:empty {
    display: none;
  }
  .details > .field {
    flex: 1 1 128px;
  }
  .details > .field[data-field='outcome'] {
    flex-basis: 144px;
  }
  .details > .field[data-field='when'],
  .details > .field[data-field='due'] {
    flex: 1.6 1 208px;
  }
  .field-error,
  .form-error,
  .item-message {
    display: flex;
    align-items: flex-start;
    gap: 6px;
    margin: 0;
    color: var(--_danger);
    font-size: 0.8125em;
    font-weight: 500;
  }
  .form-footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 8px 12px;
  }
  .form-error {
    flex: 1 1 224px;
  }
  .form-error:empty {
    display: none;
  }
  .error-icon {
    flex: none;
    inline-size: 18px;
    block-size: 18px;
    color: var(--_danger);
  }
  .field-error .error-icon,
  .form-error .error-icon,
  .item-message .error-icon {
    inline-size: 1em;
    block-size: 1em;
    margin-block-start: 0.2em;
  }
`;
