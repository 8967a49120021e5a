// The plain pages of the embedding tests, each opened in a frame of its own (its own document,
// registry and globals), and what they fetched.
import { expect, fixture, html } from '@open-wc/testing';

/** Opens the plain page at `path` for a customer, and waits for it to load. */
export async function openPage(path: string, customerId: string): Promise<HTMLIFrameElement> {
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe title="plain page" style="width: 40rem; height: 30rem"></iframe>`,
  );
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${path}?customer=${customerId}`;
  await loaded;
  expect(frame.contentWindow!.location.pathname).to.equal(path);
  return frame;
}

/** The files under /embedding/ that a frame's page has fetched, by path. */
export function fetchedIn(frame: HTMLIFrameElement): string[] {
  return frame
    .contentWindow!.performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/embedding/'))
    .sort();
}
