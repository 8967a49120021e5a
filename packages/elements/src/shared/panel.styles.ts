import { css } from 'lit';

/**
 * The framed surface an element's content sits on (the activity log, the customer card): its
 * box, frame and text, for use inside the element's own rule, which adds its layout and padding.
 */
export const panel = css`
  box-sizing: border-box;
  background: var(--_surface);
  color: var(--_text);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  box-shadow: var(--_shadow);
  min-inline-size: 0;
  overflow-wrap: anywhere;
`;
