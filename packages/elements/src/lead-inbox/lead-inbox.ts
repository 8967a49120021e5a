import { ApiError, type CrmClient, type Lead, type LeadQueueName, type LeadQueues } from '@crmkit/core';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { buttons } from '../shared/buttons.styles.js';
import { reloadOnChange } from '../shared/change-stream-controller.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmLeadConvertedEvent } from '../shared/events.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { controls } from '../shared/controls.styles.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { MorePages } from '../shared/more-pages.js';
import { states } from '../shared/states.styles.js';
import { tabAfterKey } from '../shared/tabs.js';
import { tabs } from '../shared/tabs.styles.js';
import { tokens } from '../shared/tokens.js';
import { loadDirectory, overdueBefore, queuePage, QUEUES, type Directory, type OwnerFilter } from './inbox-data.js';
import type { Answers, Converted, LeadDialog, LeadDialogKind } from './lead-dialog.js';
import { leadDialogClass } from './dialog-class.js';
import { styles } from './lead-inbox.styles.js';
import { leadRow, type LeadAction } from './lead-row.template.js';

useEnglish(en.action, en.card, en.error, en.inbox);

/**
 * A rep's or a manager's lead inbox: the leads they see, in queues (new, overdue past the response
 * time, working, nurturing, qualified, and for managers and admins the unassigned ones), each with
 * how many it holds. Each lead shows who it is, how to reach them, where it came from, how long ago
 * it came in (flagged once overdue), and who owns it and which assignment rule chose them. A user who
 * may change leads moves one on in a click (start working, qualify, nurture), disqualifies it with a
 * reason, takes an unassigned one, or converts it into a customer with a contact and, if they like,
 * a deal in a pipeline's open stage (`POST /leads/:id/convert`, safe to retry). It follows the kit's
 * changes as they happen.
 *
 * ```html
 * <crm-lead-inbox queue="new" sla-hours="24"></crm-lead-inbox>
 * ```
 *
 * @summary The lead inbox: queues, qualification and conversion.
 * @tag crm-lead-inbox
 *
 * @csspart base - The panel.
 * @csspart heading - The "Leads" title.
 * @csspart owner-select - Whose leads to show (for a caller who sees more than their own).
 * @csspart tabs - The row of queues.
 * @csspart tab - One queue's tab; `aria-selected` marks the one shown.
 * @csspart count - How many leads a queue holds.
 * @csspart leads - The list of the queue's leads.
 * @csspart lead - One lead.
 * @csspart name - Its name.
 * @csspart company - Its company.
 * @csspart score - Its score.
 * @csspart reach - Its email address and phone number, as links.
 * @csspart came-in - When it came in.
 * @csspart overdue - The flag of a new lead past the response time.
 * @csspart origin - Its source and campaign.
 * @csspart assignment - Who owns it, and which rule chose them.
 * @csspart actions - Its buttons.
 * @csspart action - Each button; also `to-working-button`, `to-qualified-button`, `to-nurturing-button`, `disqualify-button`, `convert-button`, `take-button`.
 * @csspart notice - Why the last change did not work, or what a conversion made.
 * @csspart load-more - The "Show more" button.
 * @csspart dialog - The disqualify and convert dialogs.
 * @csspart form - The dialog's form.
 * @csspart field - A field of the form.
 * @csspart field-error - A field's error.
 * @csspart form-error - Why the kit refused, when no field says it.
 * @csspart submit-button - The dialog's Disqualify or Convert button.
 * @csspart cancel-button - The dialog's Cancel button.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The note shown when a queue is empty.
 *
 * @fires {CrmLeadConvertedEvent} crm-lead-converted - A lead was converted: `detail.lead`, `detail.customerId`, `detail.contactId`, `detail.opportunityId`.
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user opened the customer a conversion made.
 * @fires {CrmOpportunitySelectEvent} crm-opportunity-select - The user opened the deal a conversion made.
 */
export class CrmLeadInbox extends CrmElement {
  // The dialogs bring their own styles when they first open (see FormDialog).
  static override styles = [tokens, buttons, controls, states, listPanel, tabs, styles];

  /** The queue shown: `new`, `overdue`, `working`, `nurturing`, `qualified` or `unassigned`. The user can change it. */
  @property({ reflect: true }) queue: LeadQueueName = 'new';

  /** The response time, in hours: a new lead older than this is overdue. */
  @property({ attribute: 'sla-hours', type: Number }) slaHours = 24;

  /** The level of the "Leads" heading (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Whose leads: everyone's the caller sees (''), or one member's id. */
  @state() private ownerId = '';
  /** Leads loaded with "Show more", after the first page. */
  readonly #more = new MorePages<Lead>(this, (cursor) =>
    // Without a client the read fails, and the list says so as it does for any failed page.
    queuePage(this.client!, this.#queue(), {
      owner: this.#owner(this.ownerId),
      slaHours: this.#slaHours(),
      cursor,
    }),
  );
  /** Leads that left the queue since it loaded (moved on by the user). */
  @state() private gone = new Set<string>();
  /** A change on its way: its lead's id. */
  @state() private changing?: string;
  @state() private notice = '';
  @state() private converted?: Converted;
  @state() private message = '';

  /** The disqualify and convert dialogs, loaded the first time one opens. */
  #dialog?: LeadDialog;
  /** The names and pipelines, read once per client. */
  #directory?: { client: CrmClient; directory: Promise<Directory> };
  #loadedDirectory?: Directory;

  readonly #counts = new Task<[CrmClient | undefined, string, number], LeadQueues>(this, {
    args: () => [this.client, this.ownerId, this.#slaHours()],
    task: async ([client, ownerId, slaHours], { signal }) => {
      if (!client) throw new Error('unconfigured');
      return client.leads.queues({ slaHours, ...(ownerId ? { ownerId } : {}) }, { signal });
    },
  });

  readonly #first = new Task<[CrmClient | undefined, LeadQueueName, string, number], Lead[]>(this, {
    args: () => [this.client, this.#queue(), this.ownerId, this.#slaHours()],
    task: async ([client, queue, ownerId, slaHours], { signal }) => {
      this.#more.reset();
      this.gone = new Set();
      if (!client) throw new Error('unconfigured');
      if (this.#directory?.client !== client) this.#directory = { client, directory: loadDirectory(client) };
      const [page, directory] = await Promise.all([
        queuePage(client, queue, { owner: this.#owner(ownerId), slaHours, signal }),
        this.#directory.directory,
      ]);
      this.#loadedDirectory = directory;
      this.#more.reset(page.nextCursor);
      this.message = this.localize.t('inbox.loaded', {
        queue: this.localize.t(`inbox.queue.${queue}`),
        count: this.localize.number(page.items.length),
      });
      return page.items;
    },
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#counts, this.#first]);
    // Leads change under the inbox (a form, a colleague, a rule): counts and list follow.
    reloadOnChange(this, { client: () => this.client, entities: ['lead'], reload: () => this.reload() });
  }

  /** Reads the counts and the queue again. */
  reload(): void {
    void this.#counts.run();
    void this.#first.run();
  }

  #queue(): LeadQueueName {
    return QUEUES.includes(this.queue) ? this.queue : 'new';
  }

  #slaHours(): number {
    return Number.isFinite(this.slaHours) && this.slaHours > 0 ? Math.min(Math.round(this.slaHours), 720) : 24;
  }

  #owner(ownerId: string): OwnerFilter {
    return ownerId ? { kind: 'member', id: ownerId } : { kind: 'everyone' };
  }

  /** The queues this caller has: a rep never sees unassigned leads, so is not offered the queue. */
  #queues(): readonly LeadQueueName[] {
    const unowned = this.capabilities?.unowned ?? true;
    return unowned ? QUEUES : QUEUES.filter((queue) => queue !== 'unassigned');
  }

  #select(queue: LeadQueueName, focus = false): void {
    this.queue = queue;
    this.converted = undefined;
    this.notice = '';
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[part~="tab"][data-queue="${queue}"]`)?.focus(),
      );
  }

  /** Arrow keys, Home and End move between the queues (the tabs pattern); the selection follows focus. */
  #onTabKey(event: KeyboardEvent): void {
    const next = tabAfterKey(event, this.#queues(), this.#queue(), this);
    if (next) this.#select(next, true);
  }

  #onAction(lead: Lead, action: LeadAction): void {
    this.notice = '';
    this.converted = undefined;
    const directory = this.#loadedDirectory;
    if (action.kind === 'disqualify' || action.kind === 'convert') {
      void this.#openDialog(action.kind, lead, directory?.pipelines ?? []);
      return;
    }
    const userId = this.capabilities?.userId;
    if (action.kind === 'take') {
      if (userId) void this.#change(lead, { ownerId: userId }, this.localize.t('inbox.taken', { name: lead.name }));
      return;
    }
    const t = this.localize;
    const status = t.t(`inbox.queue.${action.status}`);
    void this.#change(lead, { status: action.status }, t.t('inbox.statusSaved', { name: lead.name, status }));
  }

  async #openDialog(kind: LeadDialogKind, lead: Lead, pipelines: Directory['pipelines']): Promise<void> {
    if (!this.#dialog) {
      const LeadDialog = await leadDialogClass.get();
      this.#dialog ??= new LeadDialog(this);
    }
    await this.#dialog.open(kind, lead, pipelines, this.crm?.currency ?? 'USD', this.client);
  }

  /**
   * Saves a change of `lead` against the version shown; the lead then leaves the queue it no longer
   * fits. A refusal is told in the notice, and handed back for a dialog to show field by field.
   */
  async #change(lead: Lead, patch: Record<string, unknown>, done: string): Promise<{ error?: unknown }> {
    const client = this.client;
    if (!client || this.changing) return { error: new Error('busy') };
    this.changing = lead.id;
    try {
      await client.leads.update(lead.id, patch, { version: lead.version });
      this.#leave(lead, done);
      void this.#counts.run();
      return {};
    } catch (error) {
      const t = this.localize;
      const key: MessageKey =
        error instanceof ApiError && error.status === 412
          ? 'inbox.conflict'
          : failureOf(error) === 'forbidden'
            ? 'inbox.actionForbidden'
            : 'inbox.actionFailed';
      this.notice = t.t(key, { name: lead.name });
      if (key === 'inbox.conflict') this.reload();
      return { error };
    } finally {
      this.changing = undefined;
    }
  }

  /** Takes a lead out of the list (it moved on), keeping focus in the list. */
  #leave(lead: Lead, message: string): void {
    const index = this.#shown().findIndex((l) => l.id === lead.id);
    this.gone = new Set([...this.gone, lead.id]);
    this.message = message;
    void this.updateComplete.then(() => {
      const rows = this.renderRoot.querySelectorAll<HTMLElement>('[part~="lead"]');
      const next = rows[Math.min(index, rows.length - 1)];
      (
        next?.querySelector<HTMLElement>('[part~="action"]') ??
        this.renderRoot.querySelector<HTMLElement>('[part~="tab"][aria-selected="true"]')
      )?.focus();
    });
  }

  async #onDialogSubmit(kind: LeadDialogKind, lead: Lead, answers: Answers): Promise<void> {
    if (kind === 'disqualify') return this.#disqualify(lead, answers);
    return this.#convert(lead, answers);
  }

  async #disqualify(lead: Lead, answers: Answers): Promise<void> {
    const done = this.localize.t('inbox.disqualified', { name: lead.name });
    await this.#dialog?.disqualify(answers, async (disqualifiedReason) => {
      const { error } = await this.#change(lead, { status: 'disqualified', disqualifiedReason }, done);
      return { error, notice: this.notice };
    });
  }

  async #convert(lead: Lead, answers: Answers): Promise<void> {
    const client = this.client;
    const t = this.localize;
    const sent = client && (await this.#dialog?.convert(client, t, lead, answers));
    if (!sent) return;
    const { result, body } = sent;
    this.#leave(lead, t.t('inbox.converted', { name: lead.name }));
    void this.#counts.run();
    this.dispatchEvent(
      new CrmLeadConvertedEvent(result.lead, result.customerId, result.contactId, result.opportunityId),
    );
    this.converted = {
      lead: result.lead,
      customer: {
        id: result.customerId,
        name: body.customer?.name ?? this.#dialog?.customerName(result.customerId) ?? lead.name,
      },
      ...(result.opportunityId && body.opportunity
        ? { opportunity: { id: result.opportunityId, name: body.opportunity.name ?? lead.name } }
        : {}),
    };
  }

  #shown(): Lead[] {
    return [...(this.#first.value ?? []), ...this.#more.items].filter((lead) => !this.gone.has(lead.id));
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
      const [message, detail] = failure === 'forbidden' ? (['inbox.forbidden'] as const) : FAILURE_MESSAGES[failure];
      body = errorBox({
        message: failure === 'generic' ? t.t('inbox.error') : t.t(message),
        detail: detail && t.t(detail),
        retry: { label: t.t('action.retry'), onClick: () => this.reload() },
      });
    } else if (busy && !this.#first.value) {
      body = html`<div part="skeleton" aria-label=${t.t('inbox.loading')}>
        ${bone('40%')} ${bone('65%', { small: true })} ${bone('45%')}
      </div>`;
    } else {
      body = this.#renderLeads(t);
    }
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${busy ? 'true' : 'false'}>
      <div class="head">
        <div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">${t.t('inbox.title')}</div>
        ${this.#renderOwnerSelect(t)}
      </div>
      ${this.#renderTabs(t)}
      <div role="tabpanel" id="queue-panel" aria-labelledby=${`tab-${this.#queue()}`}>${body}</div>
      <div role="alert">${this.notice ? html`<p part="notice" class="notice failed">${this.notice}</p>` : nothing}</div>
      ${this.converted && this.#dialog ? this.#dialog.renderConverted(t, this.converted, this.client, () => (this.notice = t.t('inbox.actionFailed', { name: this.converted?.lead.name ?? '' }))) : nothing}
      <div role="status" class="visually-hidden">${this.message}</div>
      ${
        this.#dialog?.render(t, this.#loadedDirectory?.pipelines ?? [], (kind, lead, answers) => {
          void this.#onDialogSubmit(kind, lead, answers);
        }) ?? nothing
      }
    </section>`;
  }

  /** The owner filter, for a caller who sees more owners than themselves. */
  #renderOwnerSelect(t: Localizer) {
    const capabilities = this.capabilities;
    const members = this.#loadedDirectory?.members;
    if (!capabilities || capabilities.visibility === 'own' || !members?.size) return nothing;
    const owners = [...members].filter(([id]) => this.seesOwner(id));
    return html`<label class="head-control">
      ${t.t('inbox.owner')}
      <select
        part="owner-select"
        class="control"
        @change=${(event: Event) => {
          this.ownerId = (event.target as HTMLSelectElement).value;
          this.converted = undefined;
        }}
      >
        <option value="" ?selected=${!this.ownerId}>${t.t('inbox.everyone')}</option>
        ${owners.map(([id, name]) => html`<option value=${id} ?selected=${id === this.ownerId}>${name}</option>`)}
      </select>
    </label>`;
  }

  #renderTabs(t: Localizer) {
    const counts = this.#counts.value;
    const current = this.#queue();
    return html`<div
      part="tabs"
      class="tabs"
      role="tablist"
      aria-label=${t.t('inbox.queues')}
      @keydown=${(event: KeyboardEvent) => this.#onTabKey(event)}
    >
      ${this.#queues().map((queue) => {
        const count = counts?.counts[queue];
        const selected = queue === current;
        return html`<button
          part="tab"
          class="tab"
          role="tab"
          id=${`tab-${queue}`}
          data-queue=${queue}
          type="button"
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="queue-panel"
          tabindex=${selected ? '0' : '-1'}
          @click=${() => this.#select(queue)}
        >
          ${t.t(`inbox.queue.${queue}`)}
          ${
            count === undefined
              ? nothing
              : html`<span part="count" class="count ${count ? 'some' : ''}"
                  >${
                    count >= counts!.countLimit
                      ? t.t('inbox.countMore', { count: t.number(counts!.countLimit) })
                      : t.number(count)
                  }</span
                >`
          }
        </button>`;
      })}
    </div>`;
  }

  #renderLeads(t: Localizer) {
    const leads = this.#shown();
    const queue = this.#queue();
    if (!leads.length && !this.#more.cursor) {
      const title: MessageKey =
        queue === 'new' ? 'inbox.empty.new' : queue === 'overdue' ? 'inbox.empty.overdue' : 'inbox.empty.other';
      return emptyState({ title: t.t(title) });
    }
    const now = new Date();
    const view = {
      directory: this.#loadedDirectory,
      now,
      overdueBefore: overdueBefore(this.#slaHours(), now.getTime()),
      editable: this.may('leads', 'edit'),
      mayTake: Boolean(this.capabilities?.userId),
      busy: this.changing !== undefined,
      onAction: (lead: Lead, action: LeadAction) => this.#onAction(lead, action),
    };
    return html`<ul part="leads" class="leads">
        ${repeat(
          leads,
          (lead) => lead.id,
          (lead) => leadRow(t, { ...view, lead }),
        )}
      </ul>
      ${this.#more.render({
        label: t.t('inbox.more'),
        loadingLabel: t.t('inbox.loadingMore'),
        failedLabel: t.t('inbox.moreFailed'),
        retryLabel: t.t('action.retry'),
      })}`;
  }
}

define('crm-lead-inbox', CrmLeadInbox);

declare global {
  interface HTMLElementTagNameMap {
    'crm-lead-inbox': CrmLeadInbox;
  }
}
