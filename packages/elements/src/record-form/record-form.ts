import type { CrmClient } from '@crmkit/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { ModalDialog, renderModal } from '../shared/dialog.js';
import { dialogStyles } from '../shared/dialog.styles.js';
import {
  CrmCustomerSelectEvent,
  CrmRecordCreatedEvent,
  CrmRecordCreateEvent,
  type CrmRecordKind,
} from '../shared/events.js';
import { failureOf } from '../shared/failure.js';
import { fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { RESOURCE_OF } from '../shared/records.js';
import { controls } from '../shared/controls.styles.js';
import { formStyles } from '../shared/form.styles.js';
import { useEnglish, type MessageKey } from '../shared/localize.js';
import { tokens } from '../shared/tokens.js';
import { DuplicateFinder, type Duplicate } from './duplicates.js';
import { FormData } from './form-data.js';
import { buildBody, FORMS, initialValues, type Values } from './record-fields.js';
import { renderDuplicates, renderFields } from './record-form.template.js';
import { customFieldsBody, renderCustomFields } from '../shared/custom-field-controls.js';
import { styles } from './record-form.styles.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.dup, en.edit, en.form);

const KINDS: readonly CrmRecordKind[] = ['customer', 'contact', 'opportunity', 'lead', 'case'];

/**
 * A form in a dialog that creates a customer, a contact, a deal, a lead or a support case (`resource`). It opens with
 * `show()`, prefilled from `defaults` (e.g. the customer of a new contact, the pipeline and stage of
 * a new deal, its currency); Escape, the close button or Cancel close it, and focus goes back to
 * what opened it. On a phone it is a sheet along the bottom of the screen.
 *
 * After the built-in fields come the organization's custom fields of the resource (`GET /custom-fields`),
 * in their order, each asked for by its type (text, number, money with its currency, date, a select, a
 * group of checkboxes for a multi-select, a checkbox, an address) under its label in the element's language.
 *
 * What the user must fix is said next to each field, in the element's language, both for what the
 * form can check itself and for what the kit refuses (its field errors carry a code and limits).
 * A new customer is checked against existing ones as the user types: one with the same email,
 * the same phone number or a similar name is shown as a possible duplicate, a link that fires
 * `crm-customer-select` for it. The owner picker offers the owners whose records the caller sees.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <button onclick="document.querySelector('crm-record-form').show()">New customer</button>
 *   <crm-record-form resource="customer"></crm-record-form>
 * </crm-provider>
 * ```
 *
 * `<crm-customer-list>`, `<crm-pipeline-board>` and `<crm-customer-card>` open one themselves
 * from their "New" buttons, inside a provider that says the caller may create.
 *
 * @summary Creates a customer, contact, deal, lead or case in an accessible dialog, with localized field errors.
 * @tag crm-record-form
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart dialog-header - The dialog's title row.
 * @csspart dialog-title - The title.
 * @csspart close-button - The close (×) button.
 * @csspart form - The form.
 * @csspart field - Each labelled field.
 * @csspart field-error - The error under a field.
 * @csspart duplicates - The list of possible duplicates of a new customer.
 * @csspart form-error - The message when the kit refused or could not be reached.
 * @csspart submit-button - The Create button.
 * @csspart cancel-button - The Cancel button.
 *
 * @fires {CrmRecordCreateEvent} crm-record-create - The user submitted; before the record is sent. Cancelable: `preventDefault()` keeps the form open and sends nothing. `detail`: `resource`, `values` (the body).
 * @fires {CrmRecordCreatedEvent} crm-record-created - The kit created the record; `detail.record` is it, as saved.
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user chose a possible duplicate; `detail.customer` is it.
 */
export class CrmRecordForm extends CrmElement {
  static override styles = [tokens, buttons, controls, formStyles, dialogStyles, styles];

  /** What to create: `customer`, `contact`, `opportunity` (a deal), `lead` or `case` (a support case). */
  @property({ reflect: true }) resource: CrmRecordKind = 'customer';

  /**
   * Values to start from, by field: e.g. `{ customerId, customerName }` for a contact or a deal of a
   * given customer (then not asked for), `{ pipelineId, stageId, currency }` for a deal.
   */
  @property({ attribute: false }) defaults: Record<string, string> = {};

  @state() private values: Values = {};
  @state() private problems: ReadonlyMap<string, FieldProblem> = new Map();
  @state() private formError?: MessageKey;
  @state() private saving = false;
  /** Said inside the dialog (errors, duplicates) and, once it closed, on the page (created). */
  @state() private announcement = '';
  @state() private closedAnnouncement = '';

  readonly #dialog = new ModalDialog(this);
  readonly #data = new FormData(this);
  readonly #duplicates = new DuplicateFinder(this);
  /** One key per body sent: a retried request after a dropped answer creates one record, not two. */
  #idempotency?: { body: string; key: string };

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.#dialog.isOpen;
  }

  /** Opens the form, empty but for `defaults` (merged over the `defaults` property). */
  async show(defaults: Record<string, string> = {}): Promise<void> {
    const kind = this.#kind();
    const start = { ...this.defaults, ...defaults };
    this.values = initialValues(kind, { currency: this.crm?.currency ?? 'USD', ...start });
    this.problems = new Map();
    this.formError = undefined;
    this.announcement = '';
    this.closedAnnouncement = '';
    this.#idempotency = undefined;
    this.#duplicates.clear();
    const client = this.client;
    if (client) {
      void this.#data.load(
        client,
        {
          owners: true,
          pipelineId: kind === 'opportunity' ? (start.pipelineId ?? '') : undefined,
          resource: RESOURCE_OF[kind],
        },
        (id) => this.seesOwner(id),
      );
      if (FORMS[kind].fields.includes('customerId') && !start.customerId) {
        this.#data.searchCustomers(client, '', () => {});
      }
    }
    await this.#dialog.open();
  }

  /** Closes the form without creating anything. */
  close(): void {
    this.#dialog.close();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#data.stop();
    this.#duplicates.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A deal's stage: the one asked for if its pipeline has it, else the pipeline's first open stage.
    const stages = this.#data.stages;
    if (this.#kind() === 'opportunity' && stages.length && !stages.some((s) => s.id === this.values.stageId)) {
      this.values = { ...this.values, stageId: stages[0]!.id, pipelineId: this.#data.pipelineId };
    } else if (this.#data.pipelineId && this.values.pipelineId !== this.#data.pipelineId) {
      this.values = { ...this.values, pipelineId: this.#data.pipelineId };
    }
  }

  protected override render() {
    const t = this.localize;
    const kind = this.#kind();
    const spec = FORMS[kind];
    const view = {
      kind,
      spec,
      values: this.values,
      problems: this.problems,
      data: this.#data,
      fixedCustomer: this.values.customerId && this.values.customerName ? this.values.customerName : undefined,
      duplicates: this.#duplicates.found,
      set: this.#set,
      onCustomerSearch: this.#onCustomerSearch,
      onDuplicate: this.#onDuplicate,
    };
    const content = html`<form part="form" class="form" novalidate @submit=${this.#onSubmit}>
      <p class="form-note">${t.t('form.requiredNote')}</p>
      ${renderFields(t, view)}
      ${renderCustomFields(t, {
        fields: this.#data.customFields,
        values: this.values,
        problems: this.problems,
        currency: this.#currency(),
        set: this.#set,
      })}
      ${kind === 'customer' ? renderDuplicates(t, view) : nothing}
      <div role="alert" class="form-error-region">
        ${this.formError ? html`<p part="form-error" class="form-error">${t.t(this.formError)}</p>` : nothing}
      </div>
      <div class="form-actions">
        <button part="cancel-button" class="button" type="button" @click=${() => this.close()}>
          ${t.t('edit.cancel')}
        </button>
        <button part="submit-button" class="button primary" type="submit" ?disabled=${this.saving}>
          ${t.t(this.saving ? 'form.creating' : 'form.create')}
        </button>
      </div>
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </form>`;
    return html`<div lang=${t.locale} class="root">
      ${renderModal({
        title: t.t(spec.title),
        closeLabel: t.t('form.close'),
        content,
        controller: this.#dialog,
        onClose: this.#onClosed,
      })}
      <div role="status" class="visually-hidden">${this.closedAnnouncement}</div>
    </div>`;
  }

  #currency(): string {
    return this.crm?.currency ?? 'USD';
  }

  #kind(): CrmRecordKind {
    return KINDS.includes(this.resource) ? this.resource : 'customer';
  }

  #set = (field: string, value: string) => {
    this.values = { ...this.values, [field]: value };
    if (this.problems.has(field)) {
      const problems = new Map(this.problems);
      problems.delete(field);
      this.problems = problems;
    }
    const client = this.client;
    if (client && this.#kind() === 'customer' && ['name', 'emails', 'phones'].includes(field)) {
      const { name = '', emails = '', phones = '' } = this.values;
      this.#duplicates.check(client, { name, email: emails, phone: phones }, this.#announceDuplicates);
    }
  };

  #announceDuplicates = () => {
    const names = this.#duplicates.found.map((d) => d.customer.name);
    this.announcement = names.length ? this.localize.t('dup.found', { names: this.localize.list(names) }) : '';
  };

  #onCustomerSearch = (q: string) => {
    this.values = { ...this.values, customerSearch: q };
    const client = this.client;
    if (!client) return;
    // The first match is chosen, so that typing a name and pressing Enter is enough.
    this.#data.searchCustomers(client, q, (found) => {
      if (!found.some((c) => c.id === this.values.customerId)) this.#set('customerId', found[0]?.id ?? '');
    });
  };

  #onDuplicate = (duplicate: Duplicate) => {
    this.dispatchEvent(new CrmCustomerSelectEvent(duplicate.customer));
    this.close();
  };

  #onClosed = () => {
    this.#duplicates.clear();
    this.saving = false;
  };

  #onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.saving) return;
    const kind = this.#kind();
    const t = this.localize;
    const { body, problems } = buildBody(kind, this.values);
    const custom = customFieldsBody(this.#data.customFields, this.values, this.#currency(), problems);
    if (Object.keys(custom).length) body.customFields = custom;
    this.formError = undefined;
    if (problems.size) return this.#showProblems(problems);
    const create = new CrmRecordCreateEvent(kind, body);
    if (!this.dispatchEvent(create)) return;
    const client = this.client;
    if (!client) return;
    this.saving = true;
    this.announcement = t.t('form.creating');
    try {
      const record = await this.#send(client, kind, create.detail.values);
      this.saving = false;
      this.dispatchEvent(new CrmRecordCreatedEvent(kind, record));
      this.close();
      this.closedAnnouncement = t.t('form.created', { name: String(record.name ?? record.subject ?? '') });
    } catch (error) {
      this.saving = false;
      const fieldErrors = fieldProblems(error);
      if (fieldErrors.size) return this.#showProblems(fieldErrors);
      const failure = failureOf(error);
      this.formError =
        failure === 'forbidden' ? 'form.forbidden' : failure === 'network' ? 'edit.network' : 'form.failed';
      this.announcement = '';
    }
  };

  async #send(client: CrmClient, kind: CrmRecordKind, body: Record<string, unknown>) {
    const text = JSON.stringify(body);
    if (this.#idempotency?.body !== text) this.#idempotency = { body: text, key: crypto.randomUUID() };
    const resource = client[RESOURCE_OF[kind]] as unknown as {
      create(body: unknown, options: { idempotencyKey: string }): Promise<Record<string, unknown>>;
    };
    const record = await resource.create(body, { idempotencyKey: this.#idempotency.key });
    return record as CrmRecordCreatedEvent['detail']['record'];
  }

  /** Shows each field's problem beside it, says so, and takes focus to the first. */
  async #showProblems(problems: Map<string, FieldProblem>): Promise<void> {
    this.problems = problems;
    const known = [...problems.keys()].filter((field) =>
      this.renderRoot.querySelector(`#${CSS.escape(`field-${field}`)}`),
    );
    // A refusal of a field the form does not show (e.g. the pipeline) can only be told as a whole.
    if (!known.length) this.formError = 'form.failed';
    this.announcement = this.localize.t('edit.invalid');
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }
}

define('crm-record-form', CrmRecordForm);

declare global {
  interface HTMLElementTagNameMap {
    'crm-record-form': CrmRecordForm;
  }
}
