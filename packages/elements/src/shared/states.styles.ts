import { css } from 'lit';

/**
 * The look of the states in states.ts (skeleton, error box, empty state) and of icons
 * (icons.ts). An element adjusts them in its own styles, e.g. drops the error box's frame
 * where the element's own box frames it already.
 */
export const states = css`
  .icon {
    flex: none;
    inline-size: 1em;
    block-size: 1em;
  }

  /* Loading: grey bones where the content will be. */
  .bone {
    display: block;
    border-radius: 4px;
    background: var(--_surface-muted);
    animation: crm-pulse 1.4s ease-in-out infinite;
  }
  .bone.line {
    block-size: 12px;
  }
  .bone.line.small {
    block-size: 10px;
  }
  @keyframes crm-pulse {
    50% {
      opacity: 0.55;
    }
  }
  .spinner-icon {
    animation: crm-spin 0.8s linear infinite;
  }
  @keyframes crm-spin {
    to {
      rotate: 360deg;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone,
    .spinner-icon {
      animation: none;
    }
  }

  /* The error box. */
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 8px 12px;
    padding: var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .error-icon {
    color: var(--_danger);
  }
  /* (More specific than an element's .icon, which sizes icons to the text.) */
  .error > .error-icon {
    inline-size: 20px;
    block-size: 20px;
    margin-block-start: 1px;
  }
  .error-text {
    flex: 1 1 192px;
    display: grid;
    gap: 2px;
    min-inline-size: 0;
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
  .error > .retry {
    flex: none;
    margin-inline-start: auto;
  }

  /* Nothing to show. */
  .empty-state {
    margin: 0;
    padding: calc(var(--_spacing) * 1.5) var(--_spacing);
    color: var(--_muted);
    text-align: center;
  }
  .empty-title {
    margin: 0;
    font-weight: 600;
    color: var(--_text);
  }
  .empty-detail {
    margin: 4px 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
