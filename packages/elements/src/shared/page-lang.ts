import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & Element;

const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

/**
 * Re-renders its host when a `lang` attribute changes anywhere in the document, for elements
 * that follow the page's language. One observer is shared by all hosts; it only watches while
 * some host is connected.
 */
export class PageLangController implements ReactiveController {
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    if (!observer) {
      observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
    if (hosts.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  }
}
