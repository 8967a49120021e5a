import { css } from 'lit';

/** Buttons and link-like buttons: the look every element's actions share. */
export const buttons = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 5px 14px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 14px;
    font-weight: 500;
    line-height: 1.4;
    white-space: nowrap;
    cursor: pointer;
  }
  .button:hover:not(:disabled) {
    background: var(--_surface-muted);
  }
  .button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: light-dark(#fff, #0b1220);
  }
  .button.primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 88%, var(--_text));
  }
  .button:disabled {
    cursor: default;
    opacity: 0.65;
  }
  .link-button {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
    cursor: pointer;
    border-radius: 2px;
  }
  .button:focus-visible,
  .link-button:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
`;
