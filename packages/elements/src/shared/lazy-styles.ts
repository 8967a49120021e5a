// Styles that arrive with a module loaded on first use (a dialog): added to the element's own, so that an
// element whose dialogs are rarely opened does not carry their styles in its entry.
import { adoptStyles, type CSSResultOrNative, type LitElement } from 'lit';

const added = new WeakMap<ShadowRoot, Set<CSSResultOrNative>>();

/** Adds `styles` to `host`'s shadow root, after its own, once. */
export function addStyles(host: LitElement, styles: readonly CSSResultOrNative[]): void {
  const root = host.renderRoot;
  if (!(root instanceof ShadowRoot)) return;
  const has = added.get(root) ?? new Set();
  if (styles.every((style) => has.has(style))) return;
  for (const style of styles) has.add(style);
  added.set(root, has);
  adoptStyles(root, [...(host.constructor as typeof LitElement).elementStyles, ...has]);
}
