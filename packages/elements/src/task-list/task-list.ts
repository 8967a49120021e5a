import { ApiError, type Activity, type CrmClient, type User } from '@crmkit/core';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { buttons } from '../shared/buttons.styles.js';
import { reloadOnChange } from '../shared/change-stream-controller.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { everyPage } from '../shared/every-page.js';
import { CrmActivityCompleteEvent, CrmCustomerSelectEvent, CrmOpportunitySelectEvent } from '../shared/events.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import type { Customer, Opportunity } from '@crmkit/core';
import type { TaskDialog } from './task-dialog.js';
import { AboutDirectory, doneToday, GROUPS, groupTasks, openTasks, type AboutKind } from './task-data.js';
import { styles } from './task-list.styles.js';
import { taskRow } from './task-row.template.js';
import { taskDialogClass } from './dialog-class.js';

useEnglish(en.action, en.card, en.error, en.tasks);

/** How long a completed task can be taken back. */
const UNDO_MS = 8_000;

/**
 * A rep's day: their open tasks, grouped as overdue (past their due moment, also earlier today), due
 * today, upcoming and undated, in the reader's time zone and language. Each task shows its subject,
 * when it is due (the time, and how far away that is), and what it is about; a customer or a deal is
 * a link that fires the same selection event as the other elements, so the host can open it. A caller
 * who may change tasks ticks one off with a click, or with Space or Enter on its checkbox (the arrow
 * keys move between tasks), and may take it back for a few seconds; one who may create tasks adds one
 * with "New task". The list follows the kit's changes: a task made or done elsewhere comes or goes.
 *
 * ```html
 * <crm-task-list></crm-task-list>
 * <crm-task-list owner="019…"></crm-task-list>
 * ```
 *
 * @summary A rep's open tasks by due date ("My day"), completed with one key.
 * @tag crm-task-list
 *
 * @csspart base - The panel.
 * @csspart heading - The title.
 * @csspart date - Today's date, below it.
 * @csspart owner-select - Whose tasks to show (for a caller who sees other members' records).
 * @csspart new-button - The "New task" button.
 * @csspart group - A group of tasks (overdue, today, upcoming, no date); `data-group` names it.
 * @csspart group-heading - A group's heading, with its count.
 * @csspart tasks - A group's list of tasks.
 * @csspart task - One task.
 * @csspart checkbox - Its checkbox, which marks it done.
 * @csspart subject - Its subject.
 * @csspart due - When it is due.
 * @csspart about - What it is about.
 * @csspart about-link - A link to a customer or deal it is about.
 * @csspart done-today - The tasks done today, folded.
 * @csspart notice - What the last change did (with its Undo button), or why it did not work.
 * @csspart undo-button - The Undo button.
 * @csspart dialog - The "New task" dialog.
 * @csspart form - Its form.
 * @csspart field - A field of the form.
 * @csspart field-error - A field's error.
 * @csspart form-error - Why the kit refused, when no field says it.
 * @csspart submit-button - The dialog's "Add task" button.
 * @csspart cancel-button - The dialog's Cancel button.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The note shown when there is no open task.
 *
 * @slot empty - Replaces the note shown when there is no open task.
 *
 * @fires {CrmActivityCompleteEvent} crm-activity-complete - A task was marked done: `detail.activity` is the saved task.
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user opened the customer a task is about.
 * @fires {CrmOpportunitySelectEvent} crm-opportunity-select - The user opened the deal a task is about.
 */
export class CrmTaskList extends CrmElement {
  // The dialog brings its own styles when it first opens (see FormDialog).
  static override styles = [tokens, buttons, controls, states, listPanel, styles];

  /**
   * Whose tasks: a member's id. By default the caller's own (every task the caller sees when the
   * caller is not known, e.g. an API key). A manager may pick a member of their team in the list.
   */
  @property({ reflect: true }) owner = '';

  /** Does not follow the kit's `/events` stream: tasks made or done elsewhere show on reload only. */
  @property({ attribute: 'no-live', type: Boolean }) noLive = false;

  /** The level of the heading (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The tasks done today, as last read, with those done here since. */
  @state() private doneToday: Activity[] = [];
  /** Tasks done here and gone from the list until the next reading. */
  @state() private gone = new Set<string>();
  /** A change on its way: its task's id. */
  @state() private changing?: string;
  /** The task holding the list's one tab stop. */
  @state() private current?: string;
  @state() private notice?: { text: string; failed?: boolean; undo?: Activity };
  @state() private message = '';
  /** The member picked in the owner select. */
  @state() private picked?: string;

  #dialog?: TaskDialog;
  #about?: AboutDirectory;
  #undoTimer?: ReturnType<typeof setTimeout>;

  readonly #tasks = new Task<[CrmClient | undefined, string], Activity[]>(this, {
    args: () => [this.client, this.#ownerFilter()],
    task: async ([client, ownerId], { signal }) => {
      if (!client) throw new Error('unconfigured');
      const [tasks, done] = await Promise.all([
        openTasks(client, ownerId, signal),
        doneToday(client, ownerId, new Date(), signal),
      ]);
      this.gone = new Set();
      this.doneToday = done;
      if (this.#about?.client !== client) this.#about = new AboutDirectory(client);
      void this.#about.load(tasks).then(() => this.requestUpdate());
      this.message = this.localize.t('tasks.loaded', { count: this.localize.number(tasks.length) });
      return tasks;
    },
  });

  /** The members a manager may pick from, read only for a caller who sees more than their own. */
  readonly #members = new Task<[CrmClient | undefined, boolean], User[]>(this, {
    args: () => [this.client, Boolean(this.capabilities && this.capabilities.visibility !== 'own')],
    task: async ([client, seesOthers]) =>
      client && seesOthers ? everyPage((page) => client.users.list(page)).catch(() => []) : [],
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#tasks]);
    // A task made, done or moved elsewhere comes or goes.
    reloadOnChange(this, {
      client: () => (this.noLive ? undefined : this.client),
      entities: ['activity'],
      reload: () => this.reload(),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#undoTimer);
  }

  /** Reads the tasks again. */
  reload(): void {
    void this.#tasks.run();
  }

  /** Whose tasks to read: the one picked, else the `owner` attribute, else the caller ('' if unknown). */
  #ownerFilter(): string {
    return this.picked ?? (this.owner || this.capabilities?.userId || '');
  }

  /** The open tasks to show: as read, less those done here, and only the owner's (a first reading may have had more). */
  #shown(): Activity[] {
    const owner = this.#ownerFilter();
    return (this.#tasks.value ?? []).filter((task) => !this.gone.has(task.id) && (!owner || task.ownerId === owner));
  }

  async #complete(task: Activity): Promise<void> {
    const client = this.client;
    if (!client || this.changing) return;
    const t = this.localize;
    const order = this.#shown().map((shown) => shown.id);
    this.changing = task.id;
    try {
      const done = await client.activities.update(
        task.id,
        { doneAt: new Date().toISOString() },
        { version: task.version },
      );
      this.gone = new Set([...this.gone, task.id]);
      this.doneToday = [done, ...this.doneToday.filter((other) => other.id !== task.id)];
      this.#tell({ text: t.t('tasks.completed', { subject: task.subject }), undo: done });
      this.dispatchEvent(new CrmActivityCompleteEvent(done));
      // Focus stays in the list: on the task after the one done, else the one before.
      const at = order.indexOf(task.id);
      const next = order.slice(at + 1).find((id) => !this.gone.has(id)) ?? order.slice(0, at).reverse()[0];
      this.#focus(next);
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 412;
      const key: MessageKey = conflict
        ? 'tasks.conflict'
        : failureOf(error) === 'forbidden'
          ? 'tasks.actionForbidden'
          : 'tasks.actionFailed';
      this.#tell({ text: t.t(key, { subject: task.subject }), failed: true });
      if (conflict) this.reload();
      // The row stays (as the kit has it, after a conflict), its box unticked, and keeps focus.
      this.#focus(task.id);
    } finally {
      this.changing = undefined;
    }
  }

  /** Takes a completion back: the task is open again, as it was. */
  async #undo(done: Activity): Promise<void> {
    const client = this.client;
    if (!client) return;
    const t = this.localize;
    this.#tell(undefined);
    try {
      await client.activities.update(done.id, { doneAt: null }, { version: done.version });
      this.doneToday = this.doneToday.filter((task) => task.id !== done.id);
      this.message = t.t('tasks.undone', { subject: done.subject });
      this.current = done.id;
      await this.#tasks.run();
      this.#focus(done.id);
    } catch (error) {
      const key: MessageKey =
        error instanceof ApiError && error.status === 412 ? 'tasks.conflict' : 'tasks.actionFailed';
      this.#tell({ text: t.t(key, { subject: done.subject }), failed: true });
      this.reload();
    }
  }

  /** Shows a notice (and announces it); one with Undo goes after a few seconds. */
  #tell(notice: { text: string; failed?: boolean; undo?: Activity } | undefined): void {
    clearTimeout(this.#undoTimer);
    this.notice = notice;
    if (notice && !notice.failed) this.message = notice.text;
    if (notice?.undo) this.#undoTimer = setTimeout(() => (this.notice = undefined), UNDO_MS);
  }

  #checkbox(id: string | undefined): HTMLInputElement | null {
    return id ? this.renderRoot.querySelector<HTMLInputElement>(`#check-${CSS.escape(id)}`) : null;
  }

  #focus(id: string | undefined): void {
    this.current = id;
    void this.updateComplete.then(() => {
      const target = this.#checkbox(id) ?? this.renderRoot.querySelector<HTMLElement>('[part~="heading"]');
      target?.focus();
    });
  }

  /** Up and down (and Home, End) move the tab stop between the tasks' checkboxes, across groups. */
  #onKey(event: KeyboardEvent): void {
    const boxes = [...this.renderRoot.querySelectorAll<HTMLInputElement>('[part~="checkbox"]')];
    const at = boxes.indexOf(event.target as HTMLInputElement);
    if (at < 0) return;
    const steps: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: boxes.length - 1 };
    if (!(event.key in steps)) return;
    event.preventDefault();
    const next = boxes[Math.max(0, Math.min(boxes.length - 1, steps[event.key]!))];
    this.#focus(next?.closest<HTMLElement>('[part~="task"]')?.dataset.id);
  }

  #open(kind: AboutKind, id: string): void {
    const record = this.#about?.get(kind, id)?.record;
    if (!record) return;
    this.dispatchEvent(
      kind === 'customer'
        ? new CrmCustomerSelectEvent(record as Customer)
        : new CrmOpportunitySelectEvent(record as Opportunity),
    );
  }

  async #openDialog(): Promise<void> {
    if (!this.#dialog) {
      const TaskDialog = await taskDialogClass.get();
      this.#dialog ??= new TaskDialog(this);
    }
    const owner = this.#ownerFilter();
    await this.#dialog.open(owner && owner !== this.capabilities?.userId ? owner : '');
  }

  async #create(): Promise<void> {
    const task = await this.#dialog?.submit(this.localize, this.client);
    if (!task) return;
    this.#tell({ text: this.localize.t('tasks.created', { subject: task.subject }) });
    await this.#tasks.run();
  }

  protected override render() {
    const t = this.localize;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const status = this.#tasks.status;
    const busy = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    let body: unknown;
    if (!this.client) {
      body = errorBox({ message: t.t('card.notConnected') });
    } else if (status === TaskStatus.ERROR && !this.#tasks.value) {
      const failure = failureOf(this.#tasks.error);
      const [message, detail] = failure === 'forbidden' ? (['tasks.forbidden'] as const) : FAILURE_MESSAGES[failure];
      body = errorBox({
        message: failure === 'generic' ? t.t('tasks.error') : t.t(message),
        detail: detail && t.t(detail),
        retry: { label: t.t('action.retry'), onClick: () => this.reload() },
      });
    } else if (busy && !this.#tasks.value) {
      body = html`<div part="skeleton" class="skeleton" aria-label=${t.t('tasks.loading')}>
        ${bone('30%', { small: true })} ${bone('70%')} ${bone('55%')} ${bone('30%', { small: true })} ${bone('60%')}
      </div>`;
    } else {
      body = this.#renderGroups(t);
    }
    const create = this.offersCreate('activities') && this.client;
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${busy ? 'true' : 'false'}>
      <div class="head">
        <div class="title">
          <div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">${this.#title(t)}</div>
          <div part="date" class="date">${t.date(new Date(), { weekday: 'long', month: 'long', day: 'numeric' })}</div>
        </div>
        <div class="head-actions">
          ${this.#renderOwnerSelect(t)}
          ${
            create
              ? html`<button
                  part="new-button"
                  class="button primary"
                  type="button"
                  @click=${() => void this.#openDialog()}
                >
                  ${t.t('tasks.new')}
                </button>`
              : nothing
          }
        </div>
      </div>
      ${body}
      <div role="alert">
        ${this.notice?.failed ? html`<p part="notice" class="notice failed">${this.notice.text}</p>` : nothing}
      </div>
      ${
        this.notice && !this.notice.failed
          ? html`<p part="notice" class="notice">
              <span>${this.notice.text}</span>
              ${
                this.notice.undo
                  ? html`<button
                      part="undo-button"
                      class="button"
                      type="button"
                      @click=${() => void this.#undo(this.notice!.undo!)}
                    >
                      ${t.t('tasks.undo')}
                    </button>`
                  : nothing
              }
            </p>`
          : nothing
      }
      ${this.#renderDoneToday(t)}
      <div role="status" class="visually-hidden">${this.message}</div>
      ${this.#dialog?.render(t, this.client, () => void this.#create()) ?? nothing}
    </section>`;
  }

  #title(t: Localizer): string {
    const owner = this.#ownerFilter();
    if (!owner || owner === this.capabilities?.userId) return t.t('tasks.title');
    const name = this.#members.value?.find((member) => member.id === owner)?.name;
    return name ? t.t('tasks.titleOf', { name }) : t.t('tasks.title');
  }

  /** Whose tasks, for a caller who sees other members' records (a manager, an admin). */
  #renderOwnerSelect(t: Localizer) {
    const me = this.capabilities?.userId;
    const members = (this.#members.value ?? []).filter((member) => member.id !== me && this.seesOwner(member.id));
    if (!me || !members.length) return nothing;
    const owner = this.#ownerFilter();
    return html`<label class="head-control">
      <span class="visually-hidden">${t.t('tasks.owner')}</span>
      <select
        part="owner-select"
        class="control"
        @change=${(event: Event) => {
          this.picked = (event.target as HTMLSelectElement).value;
          this.doneToday = [];
          this.#tell(undefined);
        }}
      >
        <option value=${me} ?selected=${owner === me}>${t.t('tasks.me')}</option>
        ${members.map((member) => html`<option value=${member.id} ?selected=${owner === member.id}>${member.name}</option>`)}
      </select>
    </label>`;
  }

  #renderGroups(t: Localizer) {
    const tasks = this.#shown();
    if (!tasks.length)
      return emptyState({ title: t.t('tasks.empty'), detail: t.t('tasks.emptyDetail'), slot: 'empty' });
    const now = new Date();
    const groups = groupTasks(tasks, now);
    const editable = this.may('activities', 'edit');
    const current = tasks.some((task) => task.id === this.current) ? this.current : undefined;
    let first = true;
    return html`<div class="groups" @keydown=${(event: KeyboardEvent) => this.#onKey(event)}>
      ${editable ? html`<p class="visually-hidden" id="how-to">${t.t('tasks.howTo')}</p>` : nothing}
      ${GROUPS.map((group) => {
        const list = groups.get(group)!;
        if (!list.length && group !== 'today') return nothing;
        const label = t.t(`tasks.group.${group}`);
        return html`<section part="group" class="group" data-group=${group} aria-labelledby=${`group-${group}`}>
          <h3 part="group-heading" class="group-heading" id=${`group-${group}`}>
            ${label} <span class="count" aria-hidden="true">${t.number(list.length)}</span>
            <span class="visually-hidden">(${t.number(list.length)})</span>
          </h3>
          ${
            list.length
              ? html`<ul part="tasks" class="tasks" aria-labelledby=${`group-${group}`}>
                  ${repeat(
                    list,
                    (task) => task.id,
                    (task) => {
                      // The first task holds the tab stop until the user moves it.
                      const holds = current ? task.id === current : first;
                      first = false;
                      return taskRow(t, {
                        task,
                        group,
                        now,
                        editable,
                        current: holds,
                        busy: this.changing === task.id,
                        about: this.#about,
                        onComplete: (done) => void this.#complete(done),
                        onOpen: (kind, id) => this.#open(kind, id),
                      });
                    },
                  )}
                </ul>`
              : html`<p class="group-empty">${t.t('tasks.emptyToday')}</p>`
          }
        </section>`;
      })}
    </div>`;
  }

  #renderDoneToday(t: Localizer) {
    const today = new Date().toDateString();
    const done = this.doneToday.filter((task) => task.doneAt && new Date(task.doneAt).toDateString() === today);
    if (!done.length) return nothing;
    return html`<details part="done-today" class="done-today">
      <summary>${t.t('tasks.doneToday', { count: t.number(done.length) })}</summary>
      <ul class="done-list">
        ${done.map((task) => html`<li><s>${task.subject}</s></li>`)}
      </ul>
    </details>`;
  }
}

define('crm-task-list', CrmTaskList);

declare global {
  interface HTMLElementTagNameMap {
    'crm-task-list': CrmTaskList;
  }
}
