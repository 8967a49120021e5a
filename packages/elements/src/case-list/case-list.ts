import { ApiError, CASE_STATUSES, OPEN_CASE_STATUSES, type Case, type CaseQueues, type CrmClient } from '@crmkit/core';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { isOpenCase } from '../shared/case-sla.js';
import { reloadOnChange } from '../shared/change-stream-controller.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmCaseSelectEvent } from '../shared/case-events.js';
import type { CrmRecordCreatedEvent } from '../shared/events.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { RecordCreator } from '../shared/record-creator.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { bone, emptyState, errorBox, moreButton } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tabAfterKey } from '../shared/tabs.js';
import { tabs } from '../shared/tabs.styles.js';
import { tokens } from '../shared/tokens.js';
import { caseAssignees, Names, queuePage, type CaseFilter, type CaseShow, type QueueCursor } from './case-data.js';
import type { CaseAnswers, CaseDialog, CaseDialogKind } from './case-dialog.js';
import { styles } from './case-list.styles.js';
import { caseRow, type CaseAction } from './case-row.template.js';
import { changeCase, resolveCase } from './case-writes.js';
import { caseDialogClass } from './dialog-class.js';

useEnglish(en.action, en.card, en.error, en.case, en.cases, en.priority);

type CaseStatus = Case['status'];

/**
 * The support queue: the cases the caller sees, by status (new, open and pending first, then resolved
 * and closed), each with how many it holds; the cases still to work come the most pressing priority
 * first and, within a priority, the soonest due first. Each case shows its subject, customer,
 * priority, owner, how long ago it was opened and when it is due, flagged once past due ("SLA
 * breached") or due within a day. The caller shows everyone's cases they see, their own, or (if they
 * see them) the unassigned ones. A user who may change cases assigns one to themselves or to a
 * member they see, resolves it with a note for its timeline, or reopens it, each against the version
 * shown (a concurrent change reloads the list and says so); and opens a new case. With `customer-id`
 * it shows one customer's cases (for a customer page), and new cases are that customer's. It follows
 * the kit's changes as they happen.
 *
 * ```html
 * <crm-case-list status="open"></crm-case-list>
 * <crm-case-list customer-id="0193…"></crm-case-list>
 * ```
 *
 * @summary The support queue: cases by status, SLA flags, assign and resolve.
 * @tag crm-case-list
 *
 * @csspart base - The panel.
 * @csspart heading - The "Cases" title.
 * @csspart breached - How many cases still to work are past due (shown when any are).
 * @csspart show-select - Whose cases to show: everyone's the caller sees, their own, or the unassigned ones.
 * @csspart new-button - The "New case" button (for a caller who may create cases).
 * @csspart tabs - The row of statuses.
 * @csspart tab - One status's tab; `aria-selected` marks the one shown.
 * @csspart count - How many cases a status holds.
 * @csspart cases - The list of the status's cases.
 * @csspart case - One case; `data-sla` says where it stands against its due time.
 * @csspart subject - Its subject: a button that opens it.
 * @csspart priority - Its priority.
 * @csspart customer - Its customer.
 * @csspart owner - Who owns it.
 * @csspart age - When it was opened.
 * @csspart due - When it is due.
 * @csspart resolved-at - When it was resolved.
 * @csspart sla - The flag of a case past due ("SLA breached") or due soon.
 * @csspart actions - Its buttons.
 * @csspart action - Each button; also `assign-to-me-button`, `assign-button`, `resolve-button`, `reopen-button`.
 * @csspart notice - Why the last change did not work.
 * @csspart load-more - The "Show more" button.
 * @csspart dialog - The assign and resolve dialogs.
 * @csspart form - The dialog's form.
 * @csspart field - A field of the form.
 * @csspart submit-button - The dialog's Assign or Resolve button.
 * @csspart cancel-button - The dialog's Cancel button.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The note shown when a status holds no case.
 *
 * @fires {CrmCaseSelectEvent} crm-case-select - The user opened a case: `detail.case`.
 * @fires {CrmRecordCreatedEvent} crm-record-created - A new case was created (from its form).
 */
export class CrmCaseList extends CrmElement {
  static override styles = [tokens, buttons, controls, states, listPanel, tabs, styles];

  /**
   * The status shown: `new`, `open`, `pending`, `resolved` or `closed`; when not set, the first of new,
   * open and pending that holds a case (new when none does). The user can change it.
   */
  @property({ reflect: true }) status: CaseStatus | '' = '';

  /** Whose cases: `all` (everyone's the caller sees), `mine`, or `unassigned`. The user can change it. */
  @property({ reflect: true }) show: CaseShow = 'all';

  /** Only this customer's cases (a customer page's); a new case is theirs. */
  @property({ attribute: 'customer-id' }) customerId = '';

  /** The level of the "Cases" heading (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Cases loaded with "Show more", after the first page. */
  @state() private later: Case[] = [];
  /** Cases that left the status shown since it loaded (resolved, reopened, assigned away). */
  @state() private gone = new Set<string>();
  /** Cases changed here since they loaded, as saved. */
  @state() private changed = new Map<string, Case>();
  @state() private next: QueueCursor | null = null;
  @state() private more: 'idle' | 'loading' | 'error' = 'idle';
  /** A change on its way: its case's id. */
  @state() private changing?: string;
  @state() private notice = '';
  @state() private message = '';

  /** The assign and resolve dialogs, loaded the first time one opens. */
  #dialog?: CaseDialog;
  readonly #creator = new RecordCreator(this, 'case');
  #names?: Names;
  /** How many times the first page was read: a later page of an earlier read is dropped. */
  #reads = 0;

  readonly #counts = new Task<[CrmClient | undefined, string], CaseQueues>(this, {
    args: () => [this.client, JSON.stringify(this.#filter())],
    task: async ([client, filter], { signal }) => {
      if (!client) throw new Error('unconfigured');
      const counts = await client.cases.queues(JSON.parse(filter) as CaseFilter, { signal });
      if (!this.#chosen()) this.status = OPEN_CASE_STATUSES.find((status) => counts.counts[status] > 0) ?? 'new';
      return counts;
    },
  });

  readonly #first = new Task<[CrmClient | undefined, CaseStatus | undefined, string], Case[]>(this, {
    // With no status chosen, the list waits for the counts to know which status holds the work (new, if they fail).
    args: () => [
      this.client,
      this.#chosen() || this.#counts.status === TaskStatus.ERROR ? this.#status() : undefined,
      JSON.stringify(this.#filter()),
    ],
    task: async ([client, status, filter], { signal }) => {
      if (!status) return initialState;
      this.#reads++;
      this.later = [];
      this.more = 'idle';
      this.gone = new Set();
      this.changed = new Map();
      if (!client) throw new Error('unconfigured');
      if (!this.#names || this.#names.client !== client) this.#names = new Names(client);
      const page = await queuePage(client, status, JSON.parse(filter) as CaseFilter, undefined, signal);
      await this.#names.read(page.items);
      this.next = page.next;
      this.message = this.localize.t('cases.loaded', {
        status: this.localize.t(`case.status.${status}`),
        count: this.localize.number(page.items.length),
      });
      return page.items;
    },
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#counts, this.#first]);
    // Cases change under the queue (a colleague, an integration, the case card): counts and list follow.
    reloadOnChange(this, { client: () => this.client, entities: ['case'], reload: () => this.reload() });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('crm-record-created', this.#onCreated);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('crm-record-created', this.#onCreated);
  }

  /** A case created anywhere on the page (its own form, a customer card's) shows at once, in its status. */
  #onCreated = (event: Event) => {
    const { resource, record } = (event as CrmRecordCreatedEvent).detail;
    if (resource !== 'case') return;
    // In its own status, so that the user sees the case they made.
    this.status = record.status as CaseStatus;
    this.reload();
  };

  /** Reads the counts and the status shown again. */
  reload(): void {
    void this.#counts.run();
    void this.#first.run();
  }

  #chosen(): boolean {
    return (CASE_STATUSES as readonly string[]).includes(this.status);
  }

  #status(): CaseStatus {
    return this.#chosen() ? (this.status as CaseStatus) : 'new';
  }

  /** What the caller may be shown: their own needs them to be a member; the unassigned, that they see those. */
  #shows(): CaseShow[] {
    const capabilities = this.capabilities;
    return [
      'all',
      ...(capabilities?.userId ? (['mine'] as const) : []),
      ...(capabilities?.unowned ? (['unassigned'] as const) : []),
    ];
  }

  #filter(): CaseFilter {
    const show = this.#shows().includes(this.show) ? this.show : 'all';
    return {
      ...(show === 'mine' ? { ownerId: this.capabilities!.userId! } : {}),
      ...(show === 'unassigned' ? { unassigned: true } : {}),
      ...(this.customerId ? { customerId: this.customerId } : {}),
    };
  }

  async #loadMore(): Promise<void> {
    const client = this.client;
    if (!client || !this.next || this.more === 'loading') return;
    this.more = 'loading';
    const reads = this.#reads;
    try {
      const page = await queuePage(client, this.#status(), this.#filter(), this.next);
      await this.#names?.read(page.items);
      // A page asked for before the list was read again belongs to the list as it was.
      if (this.#reads !== reads) return;
      this.later = [...this.later, ...page.items];
      this.next = page.next;
      this.more = 'idle';
    } catch {
      this.more = 'error';
    }
  }

  #select(status: CaseStatus, focus = false): void {
    this.status = status;
    this.notice = '';
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[part~="tab"][data-status="${status}"]`)?.focus(),
      );
  }

  /** The members the caller may assign a case to: [id, name]. */
  #owners(): [string, string][] {
    return caseAssignees(this.#names?.users ?? [], this.capabilities?.role, (id) => this.seesOwner(id));
  }

  #onAction(kase: Case, action: CaseAction): void {
    this.notice = '';
    const t = this.localize;
    if (action === 'assign' || action === 'resolve') {
      void this.#openDialog(action, kase);
    } else if (action === 'assignToMe') {
      const userId = this.capabilities?.userId;
      const name = (userId && this.#names?.members.get(userId)) || t.t('cases.show.mine');
      if (userId) void this.#change(kase, () => this.#save(kase, { ownerId: userId }), 'cases.assigned', name);
    } else {
      void this.#change(kase, () => this.#save(kase, { status: 'open' }), 'cases.reopened');
    }
  }

  #save(kase: Case, patch: Parameters<typeof changeCase>[2]) {
    return changeCase(this.client!, kase, patch);
  }

  async #openDialog(kind: CaseDialogKind, kase: Case): Promise<void> {
    if (!this.#dialog) {
      const CaseDialog = await caseDialogClass.get();
      this.#dialog ??= new CaseDialog(this);
    }
    await this.#dialog.open(kind, kase);
  }

  async #onDialogSubmit(kind: CaseDialogKind, kase: Case, answers: CaseAnswers): Promise<void> {
    const dialog = this.#dialog;
    const t = this.localize;
    dialog?.saving(true);
    if (kind === 'assign') {
      const ownerId = answers.ownerId || null;
      const name = ownerId ? (this.#names?.members.get(ownerId) ?? t.t('case.someone')) : t.t('case.noOwner');
      await this.#change(kase, () => this.#save(kase, { ownerId }), 'cases.assigned', name);
    } else {
      let noteSaved = true;
      const ok = await this.#change(
        kase,
        async () => {
          const result = await resolveCase(this.client!, kase, answers.note, t.t('case.noteSubject'));
          noteSaved = result.noteSaved;
          return result.saved;
        },
        'cases.resolved',
      );
      if (ok && !noteSaved) this.notice = t.t('case.noteFailed', { subject: kase.subject });
    }
    dialog?.saving(false);
    // A refusal is told in the notice, below the list: the dialog closes either way.
    dialog?.close();
  }

  /**
   * Makes a change of `kase` against the version shown; the case then leaves the status shown if it no
   * longer fits it, or shows as saved. A refusal is told in the notice; a concurrent change reloads.
   */
  async #change(kase: Case, write: () => Promise<Case>, done: MessageKey, name = ''): Promise<boolean> {
    if (!this.client || this.changing) return false;
    this.changing = kase.id;
    const t = this.localize;
    try {
      const saved = await write();
      this.message = t.t(done, { subject: kase.subject, name });
      if (saved.status !== this.#status() || !this.#fits(saved)) this.#leave(kase);
      else this.changed = new Map(this.changed).set(saved.id, saved);
      void this.#counts.run();
      return true;
    } catch (error) {
      const key: MessageKey =
        error instanceof ApiError && error.status === 412
          ? 'case.conflict'
          : failureOf(error) === 'forbidden'
            ? 'case.actionForbidden'
            : 'case.actionFailed';
      this.notice = t.t(key, { subject: kase.subject });
      if (key === 'case.conflict') this.reload();
      return false;
    } finally {
      this.changing = undefined;
    }
  }

  /** Whether a saved case still belongs to whose cases are shown. */
  #fits(kase: Case): boolean {
    const filter = this.#filter();
    if (filter.ownerId) return kase.ownerId === filter.ownerId;
    if (filter.unassigned) return !kase.ownerId;
    return true;
  }

  /** Takes a case out of the list, keeping focus in the list. */
  #leave(kase: Case): void {
    const index = this.#shown().findIndex((c) => c.id === kase.id);
    this.gone = new Set([...this.gone, kase.id]);
    void this.updateComplete.then(() => {
      const rows = this.renderRoot.querySelectorAll<HTMLElement>('[part~="case"]');
      const next = rows[Math.min(index, rows.length - 1)];
      (
        next?.querySelector<HTMLElement>('[part~="subject"]') ??
        this.renderRoot.querySelector<HTMLElement>('[part~="tab"][aria-selected="true"]')
      )?.focus();
    });
  }

  #shown(): Case[] {
    return [...(this.#first.value ?? []), ...this.later]
      .filter((kase) => !this.gone.has(kase.id))
      .map((kase) => this.changed.get(kase.id) ?? kase);
  }

  protected override render() {
    const t = this.localize;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const status = this.#first.status;
    const busy = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    let body: unknown;
    if (!this.client) {
      body = errorBox({ message: t.t('card.notConnected') });
    } else if (status === TaskStatus.ERROR) {
      const failure = failureOf(this.#first.error);
      const [message, detail] = failure === 'forbidden' ? (['cases.forbidden'] as const) : FAILURE_MESSAGES[failure];
      body = errorBox({
        message: failure === 'generic' || failure === 'notFound' ? t.t('cases.error') : t.t(message),
        detail: detail && t.t(detail),
        retry: { label: t.t('action.retry'), onClick: () => this.reload() },
      });
    } else if (busy && !this.#first.value) {
      body = html`<div part="skeleton" aria-label=${t.t('cases.loading')}>
        ${bone('40%')} ${bone('65%', { small: true })} ${bone('45%')}
      </div>`;
    } else {
      body = this.#renderCases(t);
    }
    const breached = this.#counts.value?.counts.breached ?? 0;
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${busy ? 'true' : 'false'}>
      <div class="head">
        <div class="title">
          <div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">
            ${t.t('cases.title')}
          </div>
          ${breached ? html`<span part="breached" class="sla" data-sla="breached">${t.t('cases.breachedCount', { count: t.number(breached) })}</span>` : nothing}
        </div>
        <div class="head-controls">${this.#renderShow(t)} ${this.#renderNew(t)}</div>
      </div>
      ${this.#renderTabs(t)}
      <div role="tabpanel" id="status-panel" aria-labelledby=${`tab-${this.#status()}`}>${body}</div>
      <div role="alert">${this.notice ? html`<p part="notice" class="notice">${this.notice}</p>` : nothing}</div>
      <div role="status" class="visually-hidden">${this.message}</div>
      ${
        this.#dialog?.render(t, this.#owners(), (kind, kase, answers) => {
          void this.#onDialogSubmit(kind, kase, answers);
        }) ?? nothing
      }
    </section>`;
  }

  /** Whose cases, for a caller who can be shown more than one choice. */
  #renderShow(t: Localizer) {
    const shows = this.#shows();
    if (shows.length < 2) return nothing;
    const current = shows.includes(this.show) ? this.show : 'all';
    return html`<label class="head-control">
      ${t.t('cases.show')}
      <select
        part="show-select"
        class="control"
        @change=${(event: Event) => {
          this.show = (event.target as HTMLSelectElement).value as CaseShow;
          this.notice = '';
        }}
      >
        ${shows.map((show) => html`<option value=${show} ?selected=${show === current}>${t.t(`cases.show.${show}`)}</option>`)}
      </select>
    </label>`;
  }

  #renderNew(t: Localizer) {
    if (!this.offersCreate('cases')) return nothing;
    return html`<button
      part="new-button"
      class="button primary"
      type="button"
      @click=${() => {
        const name = this.customerId ? this.#names?.customers.get(this.customerId) : undefined;
        const defaults = this.customerId
          ? { customerId: this.customerId, ...(name ? { customerName: name } : {}) }
          : {};
        void this.#creator.open(defaults);
      }}
    >
      ${t.t('cases.new')}
    </button>`;
  }

  #renderTabs(t: Localizer) {
    const counts = this.#counts.value;
    const current = this.#status();
    return html`<div
      part="tabs"
      class="tabs"
      role="tablist"
      aria-label=${t.t('cases.statuses')}
      @keydown=${(event: KeyboardEvent) => {
        const next = tabAfterKey(event, CASE_STATUSES, current, this);
        if (next) this.#select(next, true);
      }}
    >
      ${CASE_STATUSES.map((status) => {
        const count = counts?.counts[status];
        const selected = status === current && this.#chosen();
        return html`<button
          part="tab"
          class="tab"
          role="tab"
          id=${`tab-${status}`}
          data-status=${status}
          type="button"
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="status-panel"
          tabindex=${selected ? '0' : '-1'}
          @click=${() => this.#select(status)}
        >
          ${t.t(`case.status.${status}`)}
          ${
            count === undefined
              ? nothing
              : html`<span part="count" class="count ${count ? 'some' : ''}"
                  >${
                    count >= counts!.countLimit
                      ? t.t('cases.countMore', { count: t.number(counts!.countLimit) })
                      : t.number(count)
                  }</span
                >`
          }
        </button>`;
      })}
    </div>`;
  }

  #renderCases(t: Localizer) {
    const cases = this.#shown();
    if (!cases.length && !this.next) {
      return emptyState({
        title: t.t(isOpenCase({ status: this.#status() }) ? 'cases.empty.open' : 'cases.empty.other'),
      });
    }
    const owners = this.#owners();
    const userId = this.capabilities?.userId;
    const view = {
      names: this.#names,
      now: new Date(),
      editable: this.may('cases', 'edit'),
      userId,
      // Someone to give it to besides the caller.
      mayAssign: owners.some(([id]) => id !== userId),
      busy: this.changing !== undefined,
      onAction: (kase: Case, action: CaseAction) => this.#onAction(kase, action),
      onSelect: (kase: Case) => this.dispatchEvent(new CrmCaseSelectEvent(kase)),
    };
    // Rows are plain: a case that leaves hands focus to the next one itself (see #leave).
    return html`<ul part="cases" class="cases">
        ${cases.map((kase) => caseRow(t, { ...view, kase }))}
      </ul>
      ${
        this.next
          ? moreButton({
              state: this.more,
              label: t.t('cases.more'),
              loadingLabel: t.t('cases.loadingMore'),
              failedLabel: t.t('cases.moreFailed'),
              retryLabel: t.t('action.retry'),
              onClick: () => void this.#loadMore(),
            })
          : nothing
      }`;
  }
}

define('crm-case-list', CrmCaseList);

declare global {
  interface HTMLElementTagNameMap {
    'crm-case-list': CrmCaseList;
  }
}
