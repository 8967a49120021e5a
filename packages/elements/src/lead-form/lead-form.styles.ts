import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  .form {
    padding: 0;
  }
  .consent .check {
    align-items: flex-start;
    font-size: 0.875rem;
    line-height: 1.4;
  }
  /* The honeypot: out of sight and out of the tab order, but in the form for bots to fill. */
  .trap {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .form-actions {
    justify-content: flex-start;
  }
  .skeleton {
    display: grid;
    gap: 0.75rem;
  }
  .skeleton .bone.line {
    block-size: 2.25rem;
  }
  .skeleton .bone.line:nth-child(odd) {
    block-size: 0.875rem;
  }
  .thank-you {
    padding: 1rem 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .thank-you p {
    margin: 0;
    white-space: pre-line;
  }
  .thank-you:focus-visible {
    outline: var(--_focus-ring);
  }
`;
