import { css } from 'lit';

/**
 * Form fields: inputs, selects and text areas (class `control`) and checkboxes (`check`). They
 * keep the platform's look (system colours, the page's font) with a light touch, so they sit well
 * on any host page. An element sizes them with `--_control-padding`, `--_control-font-size` and
 * `--_control-height`.
 */
export const fields = css`
  .control:focus-visible,
  .check input:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  .control {
    box-sizing: border-box;
    min-inline-size: 0;
    inline-size: 100%;
    padding: var(--_control-padding, 0.3125rem 0.5rem);
    border: 1px solid color-mix(in srgb, CanvasText 28%, Canvas);
    border-radius: calc(var(--_radius) * 0.75);
    background: Field;
    color: FieldText;
    font: inherit;
    font-size: var(--_control-font-size, 0.875rem);
    line-height: 1.4;
  }
  input.control,
  select.control {
    block-size: var(--_control-height, 2rem);
  }
  select.control {
    padding-inline-end: 1.75rem;
  }
  textarea.control {
    resize: vertical;
  }
  .control::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .control[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-block-size: 2rem;
    font-size: 0.875rem;
    color: var(--_text);
    cursor: pointer;
  }
  .check input {
    margin: 0;
    accent-color: var(--_accent);
  }
`;

/** A row of labelled filters (`filters`, each a `filter` label around its control) that wraps as room runs out. */
export const filterRow = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5rem 0.75rem;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .filter {
    display: grid;
    gap: 0.125rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .filter .control {
    color: FieldText;
  }
  .filter.narrow {
    inline-size: 9.5rem;
  }
  .filter.wide {
    inline-size: 11rem;
  }
`;
