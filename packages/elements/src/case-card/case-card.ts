import { ApiError, type Case, type CrmClient, type CustomField, type User } from '@crmkit/core';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { caseAssignees } from '../case-list/case-data.js';
import type { CaseAnswers, CaseDialog } from '../case-list/case-dialog.js';
import { changeCase, resolveCase } from '../case-list/case-writes.js';
import { buttons } from '../shared/buttons.styles.js';
import { LiveChanges } from '../shared/change-stream-controller.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { customEntries, customFieldsOf } from '../shared/custom-fields.js';
import { everyPage } from '../shared/every-page.js';
import { CrmCustomerSelectEvent } from '../shared/events.js';
import { failureOf, type FailureMessages } from '../shared/failure.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { recordCard } from '../shared/record-card.styles.js';
import { recordPage } from '../shared/record-page.styles.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { emptyState, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { styles } from './case-card.styles.js';
import { CaseEditor, type CaseField } from './case-editor.js';
import {
  renderFields,
  renderHeader,
  renderPath,
  renderSkeleton,
  type CaseActions,
  type CaseView,
} from './case.template.js';
import { caseDialogClass } from '../case-list/dialog-class.js';

useEnglish(en.action, en.card, en.case, en.caseCard, en.error, en.priority);

/** What the card reads besides the case: the names it shows and the choices its fields offer. */
interface Loaded {
  kase: Case;
  customer?: CaseView['customer'];
  /** The members (id → name). */
  members: ReadonlyMap<string, string>;
  /** The members as read, for whom the case may be assigned to. */
  users: readonly User[];
  /** The customer's contacts (id → name). */
  contacts: ReadonlyMap<string, string>;
  /** The organization's custom fields of cases. */
  customFields: CustomField[];
}

const FAILURES: FailureMessages = {
  notFound: ['caseCard.notFound', 'error.notFoundDetail'],
  unauthorized: ['caseCard.forbidden'],
  forbidden: ['caseCard.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['caseCard.error', 'error.genericDetail'],
};

/** A list the caller may not read is left empty, so the card shows what it can. */
const orNone = <T>(load: Promise<T[]>) => load.catch(() => [] as T[]);

/**
 * Shows one support case (`GET /cases/:id`): its subject, customer, priority and status, the statuses
 * as a path (new, open, pending, resolved, closed) with the current one marked, when it is due and
 * where it stands against that ("SLA breached", "Due soon", "Resolved in time"…), its owner, contact
 * and description, the values of the organization's custom fields it has (each under its label in the
 * element's language), and when it was opened and resolved.
 *
 * With `editable`, and inside a provider that lets the caller change cases, its subject, description,
 * priority, due date, owner and contact are edited where they stand (activate the value; Enter saves,
 * Escape puts it back), each status of the path is a button, **Resolve** asks for a resolution note
 * (saved on the case's timeline as a note) and **Reopen** takes a resolved or closed case back to open.
 * Each write carries the version the card read (`If-Match`): when someone else changed the case
 * meanwhile, nothing is overwritten, the card shows their version and says so, and what the user typed
 * stays to be saved again.
 *
 * Its timeline and history are elements of their own, beside it on the page:
 *
 * ```html
 * <crm-case-card case-id="…" editable></crm-case-card>
 * <crm-activity-log for="case:…"></crm-activity-log>
 * <crm-record-history for="case:…"></crm-record-history>
 * ```
 *
 * @summary A support case, its status path and SLA, edited in place, resolved and reopened.
 * @tag crm-case-card
 *
 * @csspart base - The card.
 * @csspart header - Subject, customer, priority, status and actions.
 * @csspart heading - The subject.
 * @csspart subtitle - The customer and the priority.
 * @csspart customer - The customer (a button that fires `crm-customer-select`).
 * @csspart priority - The priority.
 * @csspart status - The status badge (In the trash, for a case in the trash).
 * @csspart actions - The Resolve or Reopen button.
 * @csspart resolve-button - Resolve (asks for a note).
 * @csspart reopen-button - Reopen.
 * @csspart status-path - The statuses in order.
 * @csspart step - One status; `aria-current="step"` marks the case's.
 * @csspart notice - Why the last status change was not saved.
 * @csspart body - The fields and the footer.
 * @csspart fields - The list of fields.
 * @csspart field - One field, `data-field` naming it.
 * @csspart label - A field's label.
 * @csspart value - A field's value.
 * @csspart edit-field - A value that edits its field when activated.
 * @csspart edit-form - The control that edits a field, with Save and Cancel.
 * @csspart save-button - Save.
 * @csspart cancel-button - Cancel.
 * @csspart field-error - What is wrong with the typed value.
 * @csspart sla - Where the case stands against its due time; `data-sla` is `breached`, `soon`, `onTrack`, `met`, `missed` or `none`.
 * @csspart footer - When it was opened and resolved.
 * @csspart dialog - The resolve dialog.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - What shows without a `case-id`.
 *
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user chose the case's customer; `detail.customer` is it.
 */
export class CrmCaseCard extends CrmElement {
  static override styles = [tokens, buttons, controls, states, recordCard, recordPage, styles];

  /** The id of the case to show. */
  @property({ attribute: 'case-id', reflect: true }) caseId = '';

  /** Offers changes, as the caller may: fields edited in place, the status path, Resolve and Reopen. */
  @property({ type: Boolean, reflect: true }) editable = false;

  /** The level of the heading that holds the subject (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private message = '';
  @state() private notice = '';
  @state() private busy = false;
  /** A newer version of the case than the load's (saved here, or heard of), until the next load. */
  @state() private latest?: Case;

  #dialog?: CaseDialog;

  readonly #task = new Task<[CrmClient | undefined, string], Loaded>(this, {
    args: () => [this.client, this.caseId.trim()],
    task: async ([client, id], { signal }) => {
      if (!client || !id) return initialState;
      this.latest = undefined;
      this.notice = '';
      this.#editor.close();
      const kase = await client.cases.get(id, { signal });
      const [customer, members, contacts, customFields] = await Promise.all([
        kase.customerId ? client.customers.get(kase.customerId, { signal }).catch(() => undefined) : undefined,
        orNone(everyPage((page) => client.users.list(page))),
        kase.customerId
          ? orNone(everyPage((page) => client.contacts.list({ ...page, customerId: kase.customerId! })))
          : [],
        customFieldsOf(client, 'cases', signal),
      ]);
      return {
        kase,
        customer,
        members: new Map(members.map((user) => [user.id, user.name])),
        users: members,
        contacts: new Map(contacts.map((contact) => [contact.id, contact.name])),
        customFields,
      };
    },
  });

  readonly #editor = new CaseEditor(this, {
    client: () => this.client,
    localize: () => this.localize,
    kase: () => this.kase,
    choices: (field) => this.#choices(field),
    show: (kase) => (this.latest = kase),
    refresh: () => this.#showLatest(),
    say: (message) => (this.message = message),
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#task]);
    // A change made elsewhere (another agent assigns or resolves it) shows at once; one the card made
    // itself is already on show. Trashed elsewhere: the load shows it in the trash, with nothing to change.
    new LiveChanges(this, {
      client: () => this.client,
      topics: () => (this.kase ? [{ entity: 'case', id: this.kase.id }] : undefined),
      onChange: (change) => {
        if (change.action === 'delete') this.reload();
        else if (change.version > (this.kase?.version ?? Infinity)) void this.#showLatest();
      },
      onOpen: (reconnected) => reconnected && void this.#showLatest(),
    });
  }

  /** The case on show, once loaded. */
  get kase(): Case | undefined {
    return this.latest ?? this.#task.value?.kase;
  }

  /** Loads the case again: what the "Try again" button does. */
  reload(): void {
    void this.#task.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.#mayEdit()) this.#editor.close();
  }

  /** With `editable`, unless the capabilities say no or the case is in the trash. */
  #mayEdit(): boolean {
    return this.editable && this.may('cases', 'edit') && !this.kase?.deletedAt;
  }

  #choices(field: CaseField): [string, string][] {
    const loaded = this.#task.value;
    if (field === 'ownerId')
      return caseAssignees(loaded?.users ?? [], this.capabilities?.role, (id) => this.seesOwner(id));
    if (field === 'contactId') return [...(loaded?.contacts ?? [])];
    return [];
  }

  async #showLatest(): Promise<void> {
    const id = this.kase?.id;
    try {
      const latest = id && (await this.client?.cases.get(id));
      if (latest && latest.id === this.kase?.id) this.latest = latest;
    } catch {
      // What the user sees still stands; the next load shows the rest.
    }
  }

  /** A status chosen on the path or the Reopen button; resolving asks for its note first. */
  #onStatus(status: Case['status']): void {
    if (status === 'resolved') return void this.#openResolve();
    void this.#write((kase, client) => changeCase(client, kase, { status }), status);
  }

  async #openResolve(): Promise<void> {
    const kase = this.kase;
    if (!kase) return;
    if (!this.#dialog) {
      const CaseDialog = await caseDialogClass.get();
      this.#dialog ??= new CaseDialog(this);
    }
    await this.#dialog.open('resolve', kase);
  }

  async #onResolve(answers: CaseAnswers): Promise<void> {
    const t = this.localize;
    this.#dialog?.saving(true);
    let noteSaved = true;
    await this.#write(async (kase, client) => {
      const result = await resolveCase(client, kase, answers.note, t.t('case.noteSubject'));
      noteSaved = result.noteSaved;
      return result.saved;
    }, 'resolved');
    if (!noteSaved) this.notice = t.t('case.noteFailed', { subject: this.kase?.subject ?? '' });
    this.#dialog?.saving(false);
    this.#dialog?.close();
  }

  /** A status change with the version on show; a refusal is told under the path (a conflict shows theirs). */
  async #write(write: (kase: Case, client: CrmClient) => Promise<Case>, status: Case['status']): Promise<void> {
    const kase = this.kase;
    const client = this.client;
    if (!kase || !client || this.busy) return;
    const t = this.localize;
    this.busy = true;
    this.notice = '';
    try {
      this.latest = await write(kase, client);
      this.message = t.t('caseCard.statusSaved', { status: t.t(`case.status.${status}`) });
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 412;
      if (conflict) await this.#showLatest();
      const failure = failureOf(error);
      const key: MessageKey = conflict
        ? 'case.conflict'
        : failure === 'forbidden'
          ? 'case.actionForbidden'
          : 'case.actionFailed';
      this.notice = t.t(key, { subject: kase.subject });
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const t = this.localize;
    let content: TemplateResult;
    const status = this.#task.status;
    if (!this.caseId.trim()) {
      content = html`<div part="base" class="card">${emptyState({ title: t.t('caseCard.empty') })}</div>`;
    } else if (!this.client) {
      content = html`<div part="base" class="card">${errorBox({ message: t.t('card.notConnected') })}</div>`;
    } else if (status === TaskStatus.ERROR) {
      const failure = failureOf(this.#task.error);
      const [message, detail] = FAILURES[failure];
      const retry = failure === 'notFound' ? undefined : { label: t.t('action.retry'), onClick: () => this.reload() };
      content = html`<div part="base" class="card">
        ${errorBox({ message: t.t(message), detail: detail && t.t(detail), retry })}
      </div>`;
    } else if (status === TaskStatus.COMPLETE && this.kase) {
      content = this.#renderCase(t, this.#task.value!);
    } else {
      content = renderSkeleton(t);
    }
    return html`<div lang=${t.locale} class="root">
      ${content}
      <div role="status" class="visually-hidden">${this.#statusText(t)}</div>
    </div>`;
  }

  #statusText(t: Localizer): string {
    if (this.#task.status === TaskStatus.ERROR) return t.t(FAILURES[failureOf(this.#task.error)][0]);
    return this.message;
  }

  #renderCase(t: Localizer, loaded: Loaded) {
    const kase = this.kase!;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const view: CaseView = {
      kase,
      customer: loaded.customer,
      ownerName: kase.ownerId ? (loaded.members.get(kase.ownerId) ?? t.t('case.someone')) : undefined,
      contactName: kase.contactId ? (loaded.contacts.get(kase.contactId) ?? '…') : undefined,
      custom: customEntries(t, loaded.customFields, kase.customFields),
    };
    const customer = loaded.customer;
    const editable = this.#mayEdit();
    const actions: CaseActions = {
      onCustomer: customer ? () => this.dispatchEvent(new CrmCustomerSelectEvent(customer)) : undefined,
      ...(editable
        ? { onStatus: (status) => this.#onStatus(status), onResolve: () => void this.#openResolve(), busy: this.busy }
        : {}),
    };
    return html`<article part="base" class="card" aria-labelledby="subject">
        ${renderHeader(t, view, level, actions)} ${renderPath(t, kase, actions)}
        <div role="alert">${this.notice ? html`<p part="notice" class="form-error">${this.notice}</p>` : ''}</div>
        ${renderFields(t, view, new Date(), (field, shown) => this.#editor.render(t, field, shown, editable))}
      </article>
      ${this.#dialog?.render(t, [], (_kind, _kase, answers) => void this.#onResolve(answers)) ?? ''}`;
  }
}

define('crm-case-card', CrmCaseCard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-case-card': CrmCaseCard;
  }
}
