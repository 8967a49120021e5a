import { css } from 'lit';

/**
 * The declarations that hide text from the eye but not from screen readers: the body of the
 * `.visually-hidden` class, for rules that hide text only sometimes (e.g. in a narrow container).
 */
export const visuallyHidden = css`
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
`;

/**
 * The design tokens every `crm-*` element starts from.
 *
 * Public tokens (`--crm-*`) are never declared here, only read with a default, so that a host
 * can set them on the element or on any ancestor (`body`, `crm-provider`, …). The defaults
 * derive from the system colours `Canvas` and `CanvasText`, which follow the colour scheme in
 * effect: the page's own (`color-scheme` is inherited) unless a `theme` attribute forces one.
 * Fonts are inherited from the page.
 */
export const tokens = css`
  /* What every element is unless its own styles say otherwise: a block in the page's font. */
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.5;
    --_font: var(--crm-font-family, inherit);
    --_text: var(--crm-color-text, CanvasText);
    --_muted: var(--crm-color-text-muted, color-mix(in srgb, CanvasText 68%, Canvas));
    /* In the dark, a card sits a shade above the page, as dark interfaces draw depth. */
    --_surface: var(--crm-color-surface, light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas)));
    --_surface-muted: var(--crm-color-surface-muted, color-mix(in srgb, CanvasText 7%, Canvas));
    --_border: var(--crm-color-border, color-mix(in srgb, CanvasText 16%, Canvas));
    --_accent: var(--crm-color-accent, light-dark(#1d4ed8, #9cbcff));
    --_danger: var(--crm-color-danger, light-dark(#b42318, #ffa198));
    --_radius: var(--crm-radius, 0.5rem);
    --_spacing: var(--crm-spacing, 1rem);
    --_shadow: var(--crm-shadow, 0 1px 2px rgb(0 0 0 / 0.06));
    --_focus-ring: var(--crm-focus-ring, 2px solid var(--_accent));
  }

  /* auto (or no attribute) keeps the inherited scheme: the page decides. */
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }

  :host([hidden]) {
    display: none !important;
  }

  .visually-hidden {
    ${visuallyHidden}
  }
`;
