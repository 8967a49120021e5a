import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Moves focus inside an element once it has rendered: after a change that removes the control
 * that had focus (a closed form, a removed tag), focus goes where the user expects it.
 */
export class FocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };
  /** A selector inside the element's shadow root. */
  #next?: string;

  constructor(host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }) {
    this.#host = host;
    host.addController(this);
  }

  /** Focuses the element matching `selector` after the next render. */
  focusAfterRender(selector: string): void {
    this.#next = selector;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const selector = this.#next;
    if (!selector) return;
    this.#next = undefined;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
