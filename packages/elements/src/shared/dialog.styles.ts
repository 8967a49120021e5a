import { css } from 'lit';

/**
 * The modal dialog of dialog.ts: a card in the middle of a wide screen, a sheet from the bottom on a
 * phone. Its colours follow the element's colour scheme (the dialog inherits it in the top layer).
 */
export const dialogStyles = css`
  .dialog {
    box-sizing: border-box;
    inline-size: min(576px, calc(100vw - 32px));
    max-block-size: calc(100dvh - 32px);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 16px 40px rgb(0 0 0 / 0.25);
    font-family: var(--_font);
    font-size: 16px;
    overflow: auto;
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog-header {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 14px 20px;
    border-block-end: 1px solid var(--_border);
    background: var(--_surface);
  }
  .dialog-title {
    margin: 0;
    font-size: 18px;
    font-weight: 600;
    line-height: 1.3;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    padding: 0;
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  .icon-button:hover {
    background: var(--_surface-muted);
    color: var(--_text);
  }
  .icon-button:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .icon-button .icon {
    inline-size: 14px;
    block-size: 14px;
  }

  /* A phone: the dialog becomes a sheet along the bottom edge, as wide as the screen. */
  @media (max-width: 576px) {
    .dialog {
      inline-size: 100vw;
      max-inline-size: 100vw;
      max-block-size: 92dvh;
      margin: auto 0 0;
      border-end-start-radius: 0;
      border-end-end-radius: 0;
      border-inline: 0;
      border-block-end: 0;
    }
  }
`;
