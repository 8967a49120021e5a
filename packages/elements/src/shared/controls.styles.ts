import { css } from 'lit';

/**
 * Form controls, states (skeleton, error, empty) and the notice that the pipeline board and the
 * funnel chart share (their buttons are in buttons.styles.ts). Controls keep the platform's look (system colours, the page's font)
 * with a light touch, so they sit well on any host page.
 */
export const controls = css`
  .control:focus-visible,
  .check input:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  /* Inputs and selects: the platform's controls in the page's font. */
  .control {
    box-sizing: border-box;
    min-inline-size: 0;
    inline-size: 100%;
    block-size: 2rem;
    padding: 0.3125rem 0.5rem;
    border: 1px solid color-mix(in srgb, CanvasText 28%, Canvas);
    border-radius: calc(var(--_radius) * 0.75);
    background: Field;
    color: FieldText;
    font: inherit;
    font-size: 0.875rem;
    line-height: 1.4;
  }
  .control::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .control[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  /* A row of labelled filters that wraps as room runs out. */
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

  /* States. */
  .bone {
    display: block;
    border-radius: 4px;
    background: var(--_surface-muted);
    animation: crm-pulse 1.4s ease-in-out infinite;
  }
  .bone.line {
    block-size: 0.75rem;
  }
  @keyframes crm-pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5rem 0.75rem;
    padding: var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .error-icon {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    color: var(--_danger);
    margin-block-start: 0.0625rem;
  }
  .error-text {
    flex: 1 1 12rem;
    display: grid;
    gap: 0.125rem;
  }
  .error-message {
    margin: 0;
    font-weight: 600;
  }
  .error-detail {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .empty-state {
    margin: 0;
    padding: calc(var(--_spacing) * 1.5) var(--_spacing);
    color: var(--_muted);
    text-align: center;
  }

  /* A notice that something did not work, with a way to dismiss it. */
  .notice {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_danger) 45%, Canvas);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_danger) 9%, var(--_surface));
    color: var(--_text);
    font-size: 0.875rem;
  }
  .notice p {
    flex: 1;
    margin: 0;
  }
`;
