// Reading an element's shadow DOM as its tests do: by part names, as text, as the user reads it.
import { waitUntil } from '@open-wc/testing';

/** The first element of `host`'s shadow root with the part `name`. */
export function part(host: Element, name: string): HTMLElement | null {
  return host.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** Every element of `host`'s shadow root with the part `name`, in document order. */
export function parts(host: Element, name: string): HTMLElement[] {
  return [...host.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** An element's text with white space folded, as a screen reader reads it. */
export function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The text a sighted user reads: without the screen-reader-only spans. */
export function visibleText(element: Element | null | undefined): string {
  if (!element) return '';
  const clone = element.cloneNode(true) as Element;
  clone.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return text(clone);
}

/** What `host`'s live region (`role="status"`) last announced. */
export function status(host: Element): string {
  return text(host.shadowRoot!.querySelector('[role="status"]'));
}

/**
 * Waits until `host` shows its content (`[part~="base"]`) with nothing matching `busy` left in it
 * (a skeleton, a page still loading), then for its next render.
 */
export async function settledOn(
  host: Element & { updateComplete: Promise<unknown> },
  busy: string,
  what = host.localName,
): Promise<void> {
  await waitUntil(
    () => host.shadowRoot?.querySelector('[part~="base"]') && !host.shadowRoot.querySelector(busy),
    `${what} did not finish loading`,
    { timeout: 8000 },
  );
  await host.updateComplete;
}
