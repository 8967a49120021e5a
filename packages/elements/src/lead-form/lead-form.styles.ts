import { css } from 'lit';

export const styles = css`
  :host {
    /* No frame of its own: the host box is its ground, so its text never sits on the page's background. */
    background: var(--_ground);
  }
  .form {
    padding: 0;
  }
  .consent .check {
    align-items: flex-start;
    font-size: 14px;
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
    gap: 12px;
  }
  .skeleton .bone.line {
    block-size: 36px;
  }
  .skeleton .bone.line:nth-child(odd) {
    block-size: 14px;
  }
  .thank-you {
    padding: 16px 20px;
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
