// A modal dialog on the platform's own <dialog>: the top layer, the inert page behind it, Escape
// and the focus trap come from the browser. This adds what it leaves to the page: a labelled
// header with a close button, and focus returned to whatever opened it, also inside a shadow root.
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { closeIcon } from './icons.js';

/** The element focused now, looking into shadow roots (`document.activeElement` stops at a host). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** Opens and closes a `<dialog class="dialog">` in its element's shadow root, returning focus on close. */
export class ModalDialog implements ReactiveController {
  readonly #host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };
  #opener: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }) {
    this.#host = host;
    host.addController(this);
  }

  get element(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog.dialog');
  }

  get isOpen(): boolean {
    return Boolean(this.element?.open);
  }

  /** Shows the dialog (once rendered), remembering what had focus. Its `autofocus` control takes focus. */
  async open(): Promise<void> {
    this.#opener = deepActiveElement();
    await this.#host.updateComplete;
    const dialog = this.element;
    if (dialog && !dialog.open) dialog.showModal();
  }

  close(): void {
    this.element?.close();
  }

  hostDisconnected(): void {
    this.#opener = null;
  }

  /** The dialog's `close` event (a button, Escape, `close()`): focus goes back where it was. */
  readonly onClose = () => {
    const opener = this.#opener;
    this.#opener = null;
    if (opener?.isConnected) opener.focus();
  };
}

export interface DialogView {
  /** The dialog's title, which also names it for assistive technology. */
  title: string;
  /** The close button's label. */
  closeLabel: string;
  content: TemplateResult;
  controller: ModalDialog;
  /** Called on `close`, after focus went back. */
  onClose?: () => void;
}

/** The dialog: header (title, close button) and content. */
export function renderModal(view: DialogView): TemplateResult {
  const { controller } = view;
  return html`<dialog
    part="dialog"
    class="dialog"
    aria-labelledby="dialog-title"
    @close=${() => {
      controller.onClose();
      view.onClose?.();
    }}
  >
    <div part="dialog-header" class="dialog-header">
      <h2 id="dialog-title" part="dialog-title" class="dialog-title">${view.title}</h2>
      <button
        part="close-button"
        class="icon-button"
        type="button"
        aria-label=${view.closeLabel}
        @click=${() => controller.close()}
      >
        ${closeIcon()}
      </button>
    </div>
    ${view.content}
  </dialog>`;
}
