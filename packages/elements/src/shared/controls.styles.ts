import { css } from 'lit';

/**
 * The one look of every element's form controls: inputs, selects and text areas (class `control`),
 * checkboxes and radios (inside a `check` label). Their colours are the element's tokens (tokens.ts),
 * in light and dark: background `--_field`, text `--_text`, frame `--_border-strong`, placeholder
 * `--_muted`, the focus ring, and a muted look when disabled. Never the browser's own (`Field`, a
 * grey box on a dark page). The element's `color-scheme` (set on its host) draws the parts the
 * browser keeps: a date picker's icon, a select's list, a checkbox. An element sizes its controls
 * with `--_control-padding`, `--_control-font-size` and `--_control-height`.
 */
export const controls = css`
  .control {
    box-sizing: border-box;
    min-inline-size: 0;
    inline-size: 100%;
    padding: var(--_control-padding, 5px 8px);
    border: 1px solid var(--_border-strong);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_field);
    color: var(--_text);
    font: inherit;
    font-size: var(--_control-font-size, 14px);
    line-height: 1.4;
  }
  input.control,
  select.control {
    block-size: var(--_control-height, 32px);
  }
  select.control {
    padding-inline-end: 28px;
  }
  /* The list a select opens: the browser draws it from its options' colours. */
  select.control option {
    background: var(--_field);
    color: var(--_text);
  }
  textarea.control {
    resize: vertical;
  }
  .control::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .control:disabled {
    border-color: var(--_border);
    background: var(--_surface-muted);
    color: var(--_muted);
    cursor: not-allowed;
  }
  .control[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-block-size: 32px;
    font-size: 14px;
    color: var(--_text);
    cursor: pointer;
  }
  .check input {
    margin: 0;
    accent-color: var(--_accent);
  }

  .control:focus-visible,
  .check input:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
`;

/** A row of labelled filters (`filters`, each a `filter` label around its control) that wraps as room runs out. */
export const filterRow = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 8px 12px;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .filter {
    display: grid;
    gap: 2px;
    font-size: 13px;
    color: var(--_muted);
  }
  .filter.narrow {
    inline-size: 152px;
  }
  .filter.wide {
    inline-size: 176px;
  }
`;

/** A notice that something did not work, with a way to dismiss it (the pipeline board's). */
export const notice = css`
  .notice {
    display: flex;
    align-items: flex-start;
    gap: 12px;
    padding: 8px 12px;
    border: 1px solid color-mix(in srgb, var(--_danger) 45%, var(--_surface));
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_danger) 9%, var(--_surface));
    color: var(--_text);
    font-size: 14px;
  }
  .notice p {
    flex: 1;
    margin: 0;
  }
`;
