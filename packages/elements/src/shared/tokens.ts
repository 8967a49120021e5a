import { css, unsafeCSS } from 'lit';

/**
 * The declarations that hide text from the eye but not from screen readers: the body of the
 * `.visually-hidden` class, for rules that hide text only sometimes (e.g. in a narrow container).
 * A plain string, not a css`` template: the build's CSS minifier parses each css`` template as
 * a stylesheet, and a list of declarations alone is not one.
 */
export const visuallyHidden = unsafeCSS(`
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
`);

/**
 * The design tokens every `crm-*` element starts from, and the rules that make an element look the
 * same on any host page.
 *
 * Colours: public tokens (`--crm-*`) are never declared here, only read with a default, so that a
 * host can set them on the element or on any ancestor (`body`, `crm-provider`, …). The defaults
 * derive from the system colours `Canvas` and `CanvasText`, which follow the colour scheme in
 * effect: the page's own (`color-scheme` is inherited) unless a `theme` attribute forces one. An
 * element paints its own text (`--_text`) and, under all of it, its own surface (`--_surface`: its
 * framed panel, or `--_ground` on its host box when it has no frame), so the page's `color` and `background` never
 * mix with the element's: on a dark page that does not declare `color-scheme: dark`, an element is
 * light, and readable. Form controls take these tokens too (controls.styles.ts), never the browser's
 * `Field` grey.
 *
 * Sizes are in `px`, never `rem`: a host page that sets `html { font-size: 62.5% }` must not shrink
 * the elements. The host box's font size is 16px; `em` sizes text relative to the text it sits in.
 * Browser zoom scales px as it scales everything. The font family is inherited from the page.
 */
export const tokens = css`
  /* What every element is unless its own styles say otherwise: a block in the page's font. */
  :host {
    display: block;
    font-family: var(--_font);
    font-size: 16px;
    color: var(--_text);
    line-height: 1.5;
    --_font: var(--crm-font-family, inherit);
    --_text: var(--crm-color-text, CanvasText);
    --_muted: var(--crm-color-text-muted, color-mix(in srgb, CanvasText 68%, Canvas));
    /* In the dark, a card sits a shade above the page, as dark interfaces draw depth. */
    --_surface: var(--crm-color-surface, light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas)));
    /* What an element without a frame (the board, the funnel) is drawn on: the scheme's page colour. */
    --_ground: var(--crm-color-surface, Canvas);
    --_surface-muted: var(--crm-color-surface-muted, color-mix(in srgb, CanvasText 7%, Canvas));
    --_border: var(--crm-color-border, color-mix(in srgb, CanvasText 16%, Canvas));
    /* Inputs, selects and text areas: in the dark a shade below the surface, as if set into it. */
    --_field: var(--crm-color-field, light-dark(Canvas, color-mix(in srgb, CanvasText 3%, Canvas)));
    /* The frame of controls: stronger than a divider, so a field shows where it is. */
    --_border-strong: color-mix(in srgb, var(--_text) 28%, var(--_field));
    --_accent: var(--crm-color-accent, light-dark(#1d4ed8, #9cbcff));
    --_danger: var(--crm-color-danger, light-dark(#b42318, #ffa198));
    --_radius: var(--crm-radius, 8px);
    --_spacing: var(--crm-spacing, 16px);
    --_shadow: var(--crm-shadow, 0 1px 2px rgb(0 0 0 / 0.06));
    --_focus-ring: var(--crm-focus-ring, 2px solid var(--_accent));
  }

  /* auto (or no attribute) keeps the inherited scheme: the page decides. The scheme is set on the
     host, so the browser's own parts (date pickers, a select's list, scroll bars) match the element. */
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
