// How an element opens a <crm-record-form> from its "New …" buttons: the form's code loads the first
// time it is needed (a host's bundler splits it off), and the form lives in the element's shadow root
// with the element's locale and theme. Focus returns to the button that opened it.
import type { CrmRecordKind } from './events.js';
import type { CrmElement } from './crm-element.js';
import type { CrmRecordForm } from '../record-form/record-form.js';

export class RecordCreator {
  readonly #host: CrmElement;
  readonly #kind: CrmRecordKind;
  #form?: CrmRecordForm;

  constructor(host: CrmElement, kind: CrmRecordKind) {
    this.#host = host;
    this.#kind = kind;
  }

  /** Opens the form, prefilled with `defaults` (see `CrmRecordForm.defaults`). */
  async open(defaults: Record<string, string> = {}): Promise<void> {
    await import('../record-form/record-form.js');
    const host = this.#host;
    let form = this.#form;
    if (!form?.isConnected) {
      form = document.createElement('crm-record-form');
      form.resource = this.#kind;
      host.renderRoot.append(form);
      this.#form = form;
    }
    // An element's own settings win over its provider's, in its form too.
    Object.assign(form, { locale: host.locale, baseUrl: host.baseUrl, token: host.token });
    if (host.theme) form.theme = host.theme;
    await form.show(defaults);
  }
}
