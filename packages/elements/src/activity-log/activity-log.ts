import {
  ApiError,
  type Activity,
  type ActivityCreate,
  type ActivityType,
  type ChangeMessage,
  type CrmClient,
  type FieldError,
} from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmActivityCompleteEvent, CrmActivityCreateEvent } from '../shared/events.js';
import type { Localizer, MessageKey } from '../shared/localize.js';
import { tokens } from '../shared/tokens.js';
import { styles } from './activity-log.styles.js';
import { errorIcon, typeIcon } from './icons.js';
import { followChanges, type LiveState } from './live.js';
import { dayHeading, dayKey, duration, entryTime, fromLocalInput, relativeTime, toLocalInput } from './time.js';

/** The activity types, in the order the composer and the filter offer them. */
export const ACTIVITY_TYPES: readonly ActivityType[] = ['call', 'email', 'meeting', 'note', 'task'];

/** What `for="kind:id"` may name, and the API filter (and activity field) each kind maps to. */
export const TARGET_FIELDS = {
  customer: 'customerId',
  opportunity: 'opportunityId',
  lead: 'leadId',
  contact: 'contactId',
  case: 'caseId',
} as const;
export type TargetKind = keyof typeof TARGET_FIELDS;
type TargetField = (typeof TARGET_FIELDS)[TargetKind];

interface Target {
  kind: TargetKind;
  field: TargetField;
  id: string;
}

/** Outcomes a call can have, as the sample data and most CRMs record them. */
export const CALL_OUTCOMES = ['connected', 'left_voicemail', 'no_answer', 'busy', 'wrong_number'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `customer:019…` → the filter to list with; `null` when empty, `undefined` when it names nothing valid. */
export function parseTarget(value: string | null | undefined): Target | null | undefined {
  const text = (value ?? '').trim();
  if (!text) return null;
  const match = /^(\w+):(.+)$/.exec(text);
  if (!match) return undefined;
  const kind = match[1]!.toLowerCase() as TargetKind;
  const id = match[2]!.trim();
  if (!Object.hasOwn(TARGET_FIELDS, kind) || !UUID.test(id)) return undefined;
  return { kind, field: TARGET_FIELDS[kind], id: id.toLowerCase() };
}

type Failure = 'unauthorized' | 'forbidden' | 'network' | 'generic';

type View =
  | { status: 'empty' }
  | { status: 'invalid' }
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; failure: Failure };

/** One row of the timeline: a saved activity, or one being saved (`pending`). */
interface Entry {
  activity: Activity;
  /** Shown before the kit confirmed it; its id is a stand-in. */
  pending?: boolean;
  /** A change to it (marking a task done) is on its way. */
  saving?: boolean;
  /** A note about the last change, e.g. that it failed. */
  message?: string;
}

/** What the user is typing into the composer: kept until the kit has saved it. */
interface Draft {
  type: ActivityType;
  subject: string;
  body: string;
  direction: 'outbound' | 'inbound';
  /** Minutes, as typed. */
  duration: string;
  outcome: string;
  /** When it happened (`datetime-local`); empty means now. */
  when: string;
  /** When a task is due (`datetime-local`). */
  due: string;
}
type DraftField = Exclude<keyof Draft, 'type'>;

const FIELD_ORDER: DraftField[] = ['subject', 'body', 'direction', 'duration', 'outcome', 'when', 'due'];
const SUBJECT_MAX = 200;
const BODY_MAX = 20_000;
/** Bodies longer than this are shown cut, with a "Show more" button. */
const BODY_PREVIEW = 280;

const FAILURE_MESSAGES: Record<Failure, [MessageKey, MessageKey?]> = {
  unauthorized: ['log.unauthorized'],
  forbidden: ['log.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['log.error', 'error.genericDetail'],
};

/** Which fields a type of activity has besides subject and notes. */
function fieldsOf(type: ActivityType): Set<DraftField> {
  switch (type) {
    case 'call':
      return new Set(['direction', 'duration', 'outcome', 'when']);
    case 'email':
      return new Set(['direction', 'when']);
    case 'meeting':
      return new Set(['duration', 'outcome', 'when']);
    case 'note':
      return new Set(['when']);
    case 'task':
      return new Set(['due']);
  }
}

function emptyDraft(type: ActivityType = 'call'): Draft {
  return { type, subject: '', body: '', direction: 'outbound', duration: '', outcome: '', when: '', due: '' };
}

/** Tomorrow at nine, local time: what a new follow-up task is due by unless the user says otherwise. */
function defaultDue(now = new Date()): string {
  const due = new Date(now);
  due.setDate(due.getDate() + 1);
  due.setHours(9, 0, 0, 0);
  return toLocalInput(due);
}

/** Newest first, as `sort=-occurredAt` lists them; ties by id (the kit's keyset order). */
function newestFirst(a: Activity, b: Activity): number {
  const at = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  if (at !== 0) return at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The activity timeline of a customer, opportunity, lead, contact or case: calls, emails,
 * meetings, notes and tasks, newest first and grouped by day, loaded page by page as the user
 * scrolls (`GET /activities?customerId=…&sort=-occurredAt`, keyset paging). A composer logs a
 * call, email, meeting or note, or schedules a follow-up task; tasks are marked done in place.
 * New entries appear at once (and roll back, keeping what the user typed, if the kit refuses
 * them), and activity logged by others arrives live through the kit's `/events` stream.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-activity-log for="customer:019…"></crm-activity-log>
 * </crm-provider>
 * ```
 *
 * Keyboard: the composer is an ordinary form. In the timeline, one entry at a time is in the tab
 * order; Up and Down arrows move between entries (loading more at the end), Home and End go to
 * the first and last loaded, Page Up and Page Down move five at a time.
 *
 * @summary A live timeline of calls, emails, meetings, notes and tasks, with a composer.
 * @tag crm-activity-log
 *
 * @slot header - Extra content in the header, after the title (e.g. a link to a full history).
 * @slot empty - What to show when there is no activity yet. Defaults to a short note.
 *
 * @csspart base - The log's outer box.
 * @csspart header - The header: title, `header` slot and the type filter.
 * @csspart heading - The title (role `heading`).
 * @csspart filter - The type filter (a `select`).
 * @csspart composer - The form that logs activity.
 * @csspart composer-types - The group of type choices in the composer.
 * @csspart type-option - One type choice (a label around a radio button).
 * @csspart field - A labelled field of the composer.
 * @csspart label - A field's label.
 * @csspart input - A field's control (input, textarea or select).
 * @csspart field-error - The message under a field that is not valid.
 * @csspart form-error - The composer's message when saving failed.
 * @csspart submit-button - The composer's submit button.
 * @csspart timeline - The list of days.
 * @csspart day - One day: its heading and entries.
 * @csspart day-heading - A day's heading.
 * @csspart item - One entry (an `article`).
 * @csspart item-icon - The entry's type icon.
 * @csspart item-subject - The entry's subject.
 * @csspart item-time - When it happened (relative while recent).
 * @csspart item-meta - The line of type, direction, duration, outcome and owner.
 * @csspart item-body - The entry's notes.
 * @csspart item-message - A note about a change that failed.
 * @csspart task-toggle - The checkbox that marks a task done.
 * @csspart load-more - The button that loads older entries (also loaded on scroll).
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The box around the `empty` slot.
 *
 * @cssproperty [--crm-font-family=inherit] - Font family; by default the page's.
 * @cssproperty [--crm-color-text=CanvasText] - Main text colour.
 * @cssproperty [--crm-color-text-muted=color-mix(in srgb, CanvasText 68%, Canvas)] - Labels, times and secondary text.
 * @cssproperty [--crm-color-surface=light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas))] - The log's background.
 * @cssproperty [--crm-color-surface-muted=color-mix(in srgb, CanvasText 7%, Canvas)] - The composer's background and skeleton.
 * @cssproperty [--crm-color-border=color-mix(in srgb, CanvasText 16%, Canvas)] - Borders, dividers and the timeline's line.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Buttons, links, focus ring and the selected type.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Errors and overdue tasks.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius of the log and its controls.
 * @cssproperty [--crm-spacing=1rem] - The base spacing unit.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - The log's shadow.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused controls and entries.
 * @cssproperty [--crm-activity-log-max-height=none] - Give the timeline a height to scroll within (it loads more as it scrolls).
 *
 * @fires {CrmActivityCreateEvent} crm-activity-create - The kit saved an activity logged in the composer; `event.detail.activity` is the saved record.
 * @fires {CrmActivityCompleteEvent} crm-activity-complete - The kit saved a task as done; `event.detail.activity` is the saved task.
 */
export class CrmActivityLog extends CrmElement {
  static override styles = [tokens, styles];

  /**
   * Whose activity to show: `customer:<id>`, `opportunity:<id>`, `lead:<id>`, `contact:<id>` or
   * `case:<id>`. New activity is linked to it (and, for an opportunity, contact or case, to its
   * customer too).
   */
  @property({ reflect: true }) for = '';

  /** Show only one type (`call`, `email`, `meeting`, `note`, `task`); empty shows all. The user changes it with the filter. */
  @property({ reflect: true }) filter: ActivityType | '' = '';

  /** How many entries each request loads. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 25;

  /** The level of the title's heading (1–6); day headings are one level below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Hides the composer and the task checkboxes: the log only reads. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Does not follow the kit's `/events` stream: activity logged elsewhere appears on reload only. */
  @property({ attribute: 'no-live', type: Boolean }) noLive = false;

  @state() private view: View = { status: 'empty' };
  @state() private entries: Entry[] = [];
  @state() private nextCursor: string | null = null;
  @state() private more: 'idle' | 'loading' | 'error' = 'idle';
  @state() private draft: Draft = emptyDraft();
  @state() private fieldErrors: Partial<Record<DraftField, string>> = {};
  @state() private formError = '';
  @state() private submitting = false;
  /** The composer shows notes and details once the user turns to it (focus or text). */
  @state() private composing = false;
  @state() private status = '';
  @state() private expanded = new Set<string>();

  #abort?: AbortController;
  #moreAbort?: AbortController;
  #requested?: { client: CrmClient; key: string };
  #live?: { client: CrmClient; key: string; abort: AbortController };
  #liveChain: Promise<void> = Promise.resolve();
  /** Creates the kit has not answered yet: a live event for one of them waits for the answer. */
  readonly #inflight = new Set<Promise<unknown>>();
  /** The last create that failed, so resending the same entry reuses its idempotency key. */
  #lastAttempt?: { body: string; key: string };
  #names = new Map<string, string | null>();
  #namesClient?: CrmClient;
  /** The customer (etc.) that activity on an opportunity, contact or case is linked to as well. */
  #links?: { target: string; links: Promise<Partial<ActivityCreate>> };
  #announceLoad = false;
  #focusAfterLoad: 'first' | number | undefined;
  #observer?: IntersectionObserver;
  #observed?: Element;
  #tick?: ReturnType<typeof setInterval>;
  /** After a page arrives: look again whether the end is still in view (then load the next). */
  #reobserve = false;
  /** The entry that is in the tab order (roving tabindex). */
  #activeId = '';
  #liveState: LiveState = 'stopped';

  /** The entries on show (saved ones; not those still being saved). */
  get activities(): Activity[] {
    return this.entries.filter((entry) => !entry.pending).map((entry) => entry.activity);
  }

  /** Where the live stream stands: `connecting`, `open`, `reconnecting` or `stopped`. */
  get live(): LiveState {
    return this.#liveState;
  }

  /** Loads the timeline again from the newest entry (what "Try again" does). */
  reload(): void {
    this.#requested = undefined;
    this.#announceLoad = true;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Relative times ("5 minutes ago") move on while the log is open.
    this.#tick = setInterval(() => this.requestUpdate(), 30_000);
    // A load or stream cut short by a disconnect starts again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
    this.#stopLive();
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed = undefined;
    if (this.view.status === 'loading') {
      this.#abort?.abort();
      this.#requested = undefined;
    }
    this.#moreAbort?.abort();
    if (this.more === 'loading') this.more = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    const target = parseTarget(this.for);
    if (client !== this.#namesClient) {
      this.#names = new Map();
      this.#namesClient = client;
    }
    if (target === null) {
      this.#cancel();
      this.view = { status: 'empty' };
    } else if (target === undefined) {
      this.#cancel();
      this.view = { status: 'invalid' };
    } else if (!client) {
      this.#cancel();
      this.view = { status: 'unconfigured' };
    } else {
      const key = `${target.field}=${target.id}&type=${this.filter}&limit=${this.#limit()}`;
      if (this.#requested?.client !== client || this.#requested.key !== key) {
        if (this.#requested?.key.split('&')[0] !== key.split('&')[0]) this.#resetComposer();
        this.#loadFirst(client, target, key);
      } else if (changed.has('token') && this.view.status === 'error') {
        this.#loadFirst(client, target, key);
      }
    }
    this.#syncLive(client, target);
    if (!this.entries.some((entry) => entry.activity.id === this.#activeId)) {
      this.#activeId = this.entries.find((entry) => !entry.pending)?.activity.id ?? '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#observeEnd();
    this.#fetchNames();
    if (this.#focusAfterLoad !== undefined && this.view.status !== 'loading' && this.more !== 'loading') {
      const where = this.#focusAfterLoad;
      this.#focusAfterLoad = undefined;
      const items = this.#items();
      const item = where === 'first' ? items[0] : items[Math.min(where, items.length - 1)];
      const fallback = this.renderRoot.querySelector<HTMLElement>('[part~="retry-button"], [part~="base"]');
      (item ?? fallback)?.focus({ preventScroll: where === 'first' });
    }
  }

  // ---------------------------------------------------------------- rendering

  protected override render() {
    const t = this.localize;
    const now = new Date();
    const view = this.view;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    const ready = view.status === 'loading' || view.status === 'ready' || view.status === 'error';
    return html`
      <div lang=${t.locale} class="root">
        <section part="base" class="log" aria-labelledby="title" tabindex="-1">
          <div part="header" class="header">
            <div part="heading" class="heading" role="heading" aria-level=${level} id="title">${t.t('log.title')}</div>
            <slot name="header"></slot>
            ${ready ? this.#renderFilter(t) : nothing}
          </div>
          ${ready && !this.readonly ? this.#renderComposer(t) : nothing} ${this.#renderBody(t, now, level)}
        </section>
        <div role="status" class="visually-hidden">${this.status}</div>
      </div>
    `;
  }

  #renderBody(t: Localizer, now: Date, level: number) {
    const view = this.view;
    switch (view.status) {
      case 'empty':
        return html`<p part="empty" class="note">${t.t('log.nothingSelected')}</p>`;
      case 'invalid':
        return this.#renderError(t.t('log.invalidTarget'), undefined, false);
      case 'unconfigured':
        return this.#renderError(t.t('card.notConnected'), undefined, false);
      case 'loading':
        return this.#renderSkeleton(t);
      case 'error': {
        const [message, detail] = FAILURE_MESSAGES[view.failure];
        return this.#renderError(t.t(message), detail && t.t(detail), true);
      }
      case 'ready':
        return this.entries.length ? this.#renderTimeline(t, now, level) : this.#renderEmpty(t);
    }
  }

  #renderFilter(t: Localizer) {
    return html`<div class="filter">
      <label for="filter" class="filter-label">${t.t('log.filter')}</label>
      <select part="filter" id="filter" .value=${live(this.filter)} @change=${this.#onFilterChange}>
        <option value="" ?selected=${!this.filter}>${t.t('log.filterAll')}</option>
        ${ACTIVITY_TYPES.map(
          (type) => html`<option value=${type} ?selected=${this.filter === type}>${t.t(`log.types.${type}`)}</option>`,
        )}
      </select>
    </div>`;
  }

  #renderComposer(t: Localizer) {
    const draft = this.draft;
    const fields = fieldsOf(draft.type);
    const errors = this.fieldErrors;
    const open = this.composing || this.#dirty() || Boolean(this.formError) || Object.keys(errors).length > 0;
    return html`
      <form
        part="composer"
        class="composer"
        novalidate
        aria-label=${t.t('log.form.label')}
        aria-busy=${this.submitting ? 'true' : 'false'}
        @submit=${this.#onSubmit}
        @focusin=${this.#onComposerFocus}
        @focusout=${this.#onComposerBlur}
      >
        <fieldset part="composer-types" class="types">
          <legend class="visually-hidden">${t.t('log.form.type')}</legend>
          ${ACTIVITY_TYPES.map(
            (type) =>
              html`<label part="type-option" class="type-option" data-type=${type}>
                <input
                  type="radio"
                  name="type"
                  value=${type}
                  .checked=${live(draft.type === type)}
                  @change=${this.#onTypeChange}
                />
                ${typeIcon(type)}<span
                  class="type-label"
                  data-text=${t.t(type === 'task' ? 'log.form.typeTask' : `log.type.${type}`)}
                  >${t.t(type === 'task' ? 'log.form.typeTask' : `log.type.${type}`)}</span
                >
              </label>`,
          )}
        </fieldset>
        ${this.#renderField(
          'subject',
          t.t('log.form.subject'),
          errors.subject,
          (describedBy) => html`
            <input
              part="input"
              id="subject"
              name="subject"
              autocomplete="off"
              maxlength=${SUBJECT_MAX}
              required
              aria-required="true"
              placeholder=${t.t(`log.form.placeholder.${draft.type}`)}
              aria-invalid=${errors.subject ? 'true' : 'false'}
              aria-describedby=${describedBy}
              .value=${live(draft.subject)}
              @input=${this.#onInput}
            />
          `,
        )}
        <div class="more" ?hidden=${!open}>
          ${this.#renderField(
            'body',
            t.t('log.form.body'),
            errors.body,
            (describedBy) => html`
              <textarea
                part="input"
                id="body"
                name="body"
                rows="2"
                maxlength=${BODY_MAX}
                aria-invalid=${errors.body ? 'true' : 'false'}
                aria-describedby=${describedBy}
                .value=${live(draft.body)}
                @input=${this.#onInput}
              ></textarea>
            `,
          )}
          <div class="details">
            ${
              fields.has('direction')
                ? this.#renderField(
                    'direction',
                    t.t('log.form.direction'),
                    errors.direction,
                    (describedBy) => html`
                      <select
                        part="input"
                        id="direction"
                        name="direction"
                        aria-describedby=${describedBy}
                        .value=${live(draft.direction)}
                        @change=${this.#onInput}
                      >
                        <option value="outbound" ?selected=${draft.direction === 'outbound'}>
                          ${t.t(`log.direction.${draft.type === 'email' ? 'email' : 'call'}.outbound`)}
                        </option>
                        <option value="inbound" ?selected=${draft.direction === 'inbound'}>
                          ${t.t(`log.direction.${draft.type === 'email' ? 'email' : 'call'}.inbound`)}
                        </option>
                      </select>
                    `,
                  )
                : nothing
            }
            ${
              fields.has('duration')
                ? this.#renderField(
                    'duration',
                    t.t('log.form.duration'),
                    errors.duration,
                    (describedBy) => html`
                      <input
                        part="input"
                        id="duration"
                        name="duration"
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max="1440"
                        step="1"
                        aria-invalid=${errors.duration ? 'true' : 'false'}
                        aria-describedby=${describedBy}
                        .value=${live(draft.duration)}
                        @input=${this.#onInput}
                      />
                    `,
                  )
                : nothing
            }
            ${
              fields.has('outcome')
                ? this.#renderField('outcome', t.t('log.form.outcome'), errors.outcome, (describedBy) =>
                    draft.type === 'call'
                      ? html`<select
                          part="input"
                          id="outcome"
                          name="outcome"
                          aria-describedby=${describedBy}
                          .value=${live(draft.outcome)}
                          @change=${this.#onInput}
                        >
                          <option value="" ?selected=${!draft.outcome}>${t.t('log.form.outcomeNone')}</option>
                          ${CALL_OUTCOMES.map(
                            (outcome) =>
                              html`<option value=${outcome} ?selected=${draft.outcome === outcome}>
                                ${t.t(`log.outcome.${outcome}`)}
                              </option>`,
                          )}
                        </select>`
                      : html`<input
                          part="input"
                          id="outcome"
                          name="outcome"
                          autocomplete="off"
                          maxlength="200"
                          aria-invalid=${errors.outcome ? 'true' : 'false'}
                          aria-describedby=${describedBy}
                          .value=${live(draft.outcome)}
                          @input=${this.#onInput}
                        />`,
                  )
                : nothing
            }
            ${
              fields.has('when')
                ? this.#renderField(
                    'when',
                    t.t('log.form.when'),
                    errors.when,
                    (describedBy) => html`
                      <input
                        part="input"
                        id="when"
                        name="when"
                        type="datetime-local"
                        aria-invalid=${errors.when ? 'true' : 'false'}
                        aria-describedby=${describedBy}
                        .value=${live(draft.when)}
                        @input=${this.#onInput}
                      />
                    `,
                    t.t('log.form.whenHint'),
                  )
                : nothing
            }
            ${
              fields.has('due')
                ? this.#renderField(
                    'due',
                    t.t('log.form.due'),
                    errors.due,
                    (describedBy) => html`
                      <input
                        part="input"
                        id="due"
                        name="due"
                        type="datetime-local"
                        required
                        aria-required="true"
                        aria-invalid=${errors.due ? 'true' : 'false'}
                        aria-describedby=${describedBy}
                        .value=${live(draft.due)}
                        @input=${this.#onInput}
                      />
                    `,
                  )
                : nothing
            }
          </div>
        </div>
        <div class="form-footer">
          <div part="form-error" class="form-error" role="alert" id="form-error">
            ${this.formError ? html`${errorIcon}<span>${this.formError}</span>` : nothing}
          </div>
          <button part="submit-button" class="submit" type="submit" ?disabled=${this.submitting}>
            ${this.submitting ? t.t('log.saving') : t.t(`log.form.submit.${draft.type}`)}
          </button>
        </div>
      </form>
    `;
  }

  #renderField(
    name: DraftField,
    label: string,
    error: string | undefined,
    control: (describedBy: string) => TemplateResult,
    hint?: string,
  ) {
    const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div part="field" class="field" data-field=${name}>
      <label part="label" for=${name}
        >${label}${hint ? html` <span class="hint" id="${name}-hint">${hint}</span>` : nothing}</label
      >
      ${control(describedBy)}
      ${
        error
          ? html`<p part="field-error" class="field-error" id="${name}-error">${errorIcon}<span>${error}</span></p>`
          : nothing
      }
    </div>`;
  }

  #renderSkeleton(t: Localizer) {
    return html`<div part="skeleton" class="skeleton" aria-busy="true">
      ${[60, 45, 70].map(
        (width) =>
          html`<div class="bone-row">
            <span class="bone dot"></span>
            <span class="bone-lines">
              <span class="bone line" style="inline-size: ${width}%"></span>
              <span class="bone line small" style="inline-size: ${width - 20}%"></span>
            </span>
          </div>`,
      )}
      <span class="visually-hidden">${t.t('log.loading')}</span>
    </div>`;
  }

  #renderError(message: string, detail: string | undefined, canRetry: boolean) {
    return html`<div part="error" class="error">
      ${errorIcon}
      <div class="error-text">
        <p class="error-message">${message}</p>
        ${detail ? html`<p class="error-detail">${detail}</p>` : nothing}
      </div>
      ${
        canRetry
          ? html`<button part="retry-button" class="button" type="button" @click=${this.#onRetry}>
              ${this.localize.t('action.retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderEmpty(t: Localizer) {
    const filtered = this.filter;
    return html`<div part="empty" class="empty">
      <slot name="empty">
        <p class="empty-title">
          ${
            filtered
              ? t.t('log.emptyFiltered', { type: t.t(`log.types.${filtered}`).toLocaleLowerCase(t.locale) })
              : t.t('log.empty')
          }
        </p>
        ${this.readonly ? nothing : html`<p class="empty-hint">${t.t('log.emptyHint')}</p>`}
      </slot>
    </div>`;
  }

  #renderTimeline(t: Localizer, now: Date, level: number) {
    const days: { key: string; entries: Entry[] }[] = [];
    for (const entry of this.entries) {
      const key = dayKey(entry.activity.occurredAt);
      const last = days[days.length - 1];
      if (last?.key === key) last.entries.push(entry);
      else days.push({ key, entries: [entry] });
    }
    const dayLevel = Math.min(6, level + 1);
    return html`
      <div part="timeline" class="timeline" @keydown=${this.#onTimelineKeydown} @focusin=${this.#onTimelineFocus}>
        ${repeat(
          days,
          (day) => day.key,
          (day) => {
            const heading = dayHeading(t.locale, day.entries[0]!.activity.occurredAt, now);
            return html`<section part="day" class="day" aria-labelledby="day-${day.key}">
              <div part="day-heading" class="day-heading" role="heading" aria-level=${dayLevel} id="day-${day.key}">
                <span class="day-label">${heading.label}</span>${
                  heading.date ? html`<span class="day-date">${heading.date}</span>` : nothing
                }
              </div>
              <ol class="entries">
                ${repeat(
                  day.entries,
                  (entry) => entry.activity.id,
                  (entry) => html`<li>${this.#renderEntry(t, entry, now)}</li>`,
                )}
              </ol>
            </section>`;
          },
        )}
        ${this.#renderEnd(t)}
      </div>
    `;
  }

  #renderEntry(t: Localizer, entry: Entry, now: Date) {
    const activity = entry.activity;
    const isTask = activity.type === 'task';
    const done = Boolean(activity.doneAt);
    const overdue = isTask && !done && Date.parse(activity.occurredAt) < now.getTime();
    const id = activity.id;
    const owner = activity.ownerId ? this.#names.get(activity.ownerId) : undefined;
    const meta: (string | TemplateResult)[] = [t.t(`log.type.${activity.type}`)];
    if (activity.direction) {
      meta.push(t.t(`log.direction.${activity.type === 'email' ? 'email' : 'call'}.${activity.direction}`));
    }
    if (activity.durationSeconds) meta.push(duration(t.locale, activity.durationSeconds));
    if (activity.outcome) meta.push(this.#outcome(t, activity.outcome));
    if (isTask) {
      if (done) meta.push(t.t('log.doneWhen', { when: relativeTime(t.locale, activity.doneAt!, now) }));
      else meta.push(t.t('log.due', { when: relativeTime(t.locale, activity.dueAt ?? activity.occurredAt, now) }));
    }
    if (owner) meta.push(t.t('log.by', { name: owner }));
    if (overdue) meta.unshift(html`<span class="badge overdue">${t.t('log.overdue')}</span>`);
    const body = activity.body ?? '';
    const long = body.length > BODY_PREVIEW;
    const open = this.expanded.has(id);
    // Bound flush inside its paragraph: the notes keep their own line breaks (pre-line).
    const shownBody = long && !open ? `${body.slice(0, BODY_PREVIEW).trimEnd()}…` : body;
    const time = entry.pending ? t.t('log.saving') : entryTime(t.locale, activity.occurredAt, now);
    // The visible time leaves the day to the day's heading; a screen reader moving from entry to
    // entry hears the whole date with each.
    const fullTime = t.date(activity.occurredAt, { dateStyle: 'full', timeStyle: 'short' });
    return html`<article
      part="item"
      class="entry"
      data-id=${id}
      data-type=${activity.type}
      ?data-pending=${entry.pending}
      ?data-done=${done}
      ?data-overdue=${overdue}
      tabindex=${id === this.#activeId ? '0' : '-1'}
      aria-labelledby="subject-${id}"
      aria-describedby="when-${id} meta-${id}"
      aria-busy=${entry.pending || entry.saving ? 'true' : 'false'}
    >
      <span part="item-icon" class="icon" aria-hidden="true">${typeIcon(activity.type)}</span>
      <div class="content">
        <div class="line">
          ${
            isTask && !this.readonly && !entry.pending
              ? html`<input
                  part="task-toggle"
                  class="toggle"
                  type="checkbox"
                  .checked=${live(done)}
                  aria-disabled=${entry.saving ? 'true' : 'false'}
                  aria-label=${t.t('log.markDone', { subject: activity.subject })}
                  @change=${(event: Event) => this.#onToggle(entry, event.target as HTMLInputElement)}
                />`
              : nothing
          }
          <span part="item-subject" class="subject" id="subject-${id}">${activity.subject}</span>
          <time part="item-time" class="time" datetime=${activity.occurredAt} title=${fullTime}>${time}</time>
          <span id="when-${id}" hidden>${entry.pending ? time : fullTime}</span>
        </div>
        <p part="item-meta" class="meta" id="meta-${id}">
          ${meta.map(
            (piece, i) =>
              html`<span class="meta-piece"
                >${i ? html`<span class="visually-hidden">, </span>` : nothing}${piece}</span
              >`,
          )}
        </p>
        ${
          body
            ? html`<p part="item-body" class="body" id="body-${id}">${shownBody}</p>
                ${
                  long
                    ? html`<button
                        class="link-button"
                        type="button"
                        aria-expanded=${open ? 'true' : 'false'}
                        aria-controls="body-${id}"
                        @click=${() => this.#toggleBody(id)}
                      >
                        ${open ? t.t('log.showLess') : t.t('log.showMore')}
                      </button>`
                    : nothing
                }`
            : nothing
        }
        ${entry.message ? html`<p part="item-message" class="item-message" role="alert">${errorIcon}<span>${entry.message}</span></p>` : nothing}
      </div>
    </article>`;
  }

  #renderEnd(t: Localizer) {
    if (this.more === 'error') {
      return html`<div class="end end-error">
        <span>${t.t('log.errorMore')}</span>
        <button part="load-more" class="button" type="button" @click=${this.#onLoadMore}>${t.t('action.retry')}</button>
      </div>`;
    }
    if (this.nextCursor) {
      const loading = this.more === 'loading';
      return html`<div class="end" aria-busy=${loading ? 'true' : 'false'}>
        <button part="load-more" class="button" type="button" ?disabled=${loading} @click=${this.#onLoadMore}>
          ${loading ? t.t('log.loadingMore') : t.t('log.loadMore')}
        </button>
      </div>`;
    }
    return html`<p class="end end-note">${t.t('log.end')}</p>`;
  }

  #outcome(t: Localizer, outcome: string): string {
    return (CALL_OUTCOMES as readonly string[]).includes(outcome) ? t.t(`log.outcome.${outcome as 'busy'}`) : outcome;
  }

  // ---------------------------------------------------------------- loading

  #limit(): number {
    return Math.min(200, Math.max(1, Math.round(this.pageSize) || 25));
  }

  #query(target: Target, cursor?: string) {
    return {
      [target.field]: target.id,
      type: this.filter || undefined,
      sort: '-occurredAt' as const,
      limit: this.#limit(),
      cursor,
    };
  }

  #loadFirst(client: CrmClient, target: Target, key: string): void {
    this.#abort?.abort();
    this.#moreAbort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#requested = { client, key };
    const announce = this.#announceLoad || this.hasUpdated;
    this.#announceLoad = false;
    this.view = { status: 'loading' };
    this.entries = this.entries.filter((entry) => entry.pending);
    this.nextCursor = null;
    this.more = 'idle';
    if (announce) this.#announce(this.localize.t('log.loading'));
    client.activities.list(this.#query(target), { signal: abort.signal }).then(
      (page) => {
        if (abort.signal.aborted) return;
        const pending = this.entries.filter((entry) => entry.pending);
        this.entries = [...pending, ...page.items.map((activity) => ({ activity }))];
        this.nextCursor = page.nextCursor;
        this.view = { status: 'ready' };
        this.#reobserve = true;
        if (announce) this.#announce(this.#countText('log.loaded', page.items.length));
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const failure = failureOf(error);
        this.view = { status: 'error', failure };
        this.#announce(this.localize.t(FAILURE_MESSAGES[failure][0]));
      },
    );
  }

  async #loadMore(): Promise<void> {
    const client = this.client;
    const target = parseTarget(this.for);
    const cursor = this.nextCursor;
    if (!client || !target || !cursor || this.more === 'loading' || this.view.status !== 'ready') return;
    const abort = new AbortController();
    this.#moreAbort = abort;
    this.more = 'loading';
    try {
      const page = await client.activities.list(this.#query(target, cursor), { signal: abort.signal });
      if (abort.signal.aborted) return;
      const known = new Set(this.entries.map((entry) => entry.activity.id));
      this.entries = [...this.entries, ...page.items.filter((a) => !known.has(a.id)).map((activity) => ({ activity }))];
      this.nextCursor = page.nextCursor;
      this.more = 'idle';
      this.#reobserve = true;
      this.#announce(this.#countText('log.loadedMore', page.items.length));
    } catch (error) {
      if (abort.signal.aborted) return;
      this.more = 'error';
      this.#announce(this.localize.t('log.errorMore'));
      void error;
    }
  }

  #cancel(): void {
    this.#abort?.abort();
    this.#moreAbort?.abort();
    this.#abort = undefined;
    this.#requested = undefined;
    this.entries = [];
    this.nextCursor = null;
  }

  /** Loads the next page when the end of the timeline scrolls into view. */
  #observeEnd(): void {
    const end = this.renderRoot.querySelector('.end');
    if (end && end === this.#observed && this.#reobserve) {
      // A new observation reports at once whether the end is (still) in view.
      this.#reobserve = false;
      this.#observer?.unobserve(end);
      this.#observer?.observe(end);
      return;
    }
    if (end === this.#observed) return;
    this.#observer?.disconnect();
    this.#observed = end ?? undefined;
    if (!end || typeof IntersectionObserver === 'undefined') return;
    this.#observer ??= new IntersectionObserver(
      (records) => {
        if (records.some((record) => record.isIntersecting) && this.more === 'idle') void this.#loadMore();
      },
      { rootMargin: '0px 0px 240px 0px' },
    );
    this.#observer.observe(end);
  }

  /** Looks up the names of the owners on show, once each, to say who logged what. */
  #fetchNames(): void {
    const client = this.client;
    if (!client) return;
    for (const { activity } of this.entries) {
      const id = activity.ownerId;
      if (!id || this.#names.has(id)) continue;
      const names = this.#names;
      names.set(id, null);
      client.users.get(id).then(
        (user) => {
          names.set(id, user.name);
          if (names === this.#names) this.requestUpdate();
        },
        () => {},
      );
    }
  }

  // ---------------------------------------------------------------- live updates

  #syncLive(client: CrmClient | undefined, target: Target | null | undefined): void {
    const key = target ? `${target.field}=${target.id}` : '';
    const wanted = client && target && !this.noLive && this.isConnected;
    if (wanted && this.#live?.client === client && this.#live.key === key) return;
    this.#stopLive();
    if (!wanted) return;
    const abort = new AbortController();
    this.#live = { client, key, abort };
    followChanges(client, (change) => this.#onChange(client, change), {
      signal: abort.signal,
      onState: (state) => {
        if (!abort.signal.aborted) this.#liveState = state;
      },
    });
  }

  #stopLive(): void {
    this.#live?.abort.abort();
    this.#live = undefined;
    this.#liveState = 'stopped';
  }

  #onChange(client: CrmClient, change: ChangeMessage): void {
    if (change.entity !== 'activity') return;
    // One at a time, in the order the kit sent them.
    this.#liveChain = this.#liveChain.then(() => this.#applyChange(client, change)).catch(() => {});
  }

  async #applyChange(client: CrmClient, change: ChangeMessage): Promise<void> {
    if (this.#live?.client !== client) return;
    const index = this.entries.findIndex((entry) => entry.activity.id === change.id);
    if (change.action === 'delete') {
      if (index >= 0) this.entries = this.entries.filter((_, i) => i !== index);
      return;
    }
    const current = index >= 0 ? this.entries[index]!.activity : undefined;
    if (current && current.version >= change.version) return;
    // Our own create: its answer replaces the stand-in; wait for it rather than add it twice.
    if (change.action === 'create' && this.#inflight.size) await Promise.allSettled([...this.#inflight]);
    let activity: Activity;
    try {
      activity = await client.activities.get(change.id);
    } catch {
      return;
    }
    if (this.#live?.client !== client || this.view.status !== 'ready') return;
    const entries = this.entries.filter((entry) => entry.activity.id !== activity.id);
    const known = entries.length !== this.entries.length;
    const existing = this.entries.find((entry) => entry.activity.id === activity.id);
    if (existing && existing.activity.version >= activity.version) return;
    if (!this.#belongs(activity)) {
      if (known) this.entries = entries;
      return;
    }
    // Past the last loaded entry it arrives with its page, in order.
    const saved = entries.filter((entry) => !entry.pending);
    const last = saved[saved.length - 1]?.activity;
    if (!known && this.nextCursor && last && newestFirst(activity, last) > 0) return;
    const at = entries.findIndex((entry) => !entry.pending && newestFirst(activity, entry.activity) < 0);
    entries.splice(at < 0 ? entries.length : at, 0, { activity });
    this.entries = entries;
    if (!known) {
      const t = this.localize;
      const type = t.t(`log.type.${activity.type}`).toLocaleLowerCase(t.locale);
      this.#announce(t.t('log.newItem', { type, subject: activity.subject }));
    }
  }

  #belongs(activity: Activity): boolean {
    const target = parseTarget(this.for);
    if (!target || activity.deletedAt) return false;
    if (activity[target.field] !== target.id) return false;
    return !this.filter || activity.type === this.filter;
  }

  // ---------------------------------------------------------------- composer

  #onInput = (event: Event) => {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const name = control.name as DraftField;
    this.draft = { ...this.draft, [name]: control.value };
    if (this.fieldErrors[name]) {
      const { [name]: _fixed, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  /** Whether the draft holds anything the user typed. */
  #dirty(): boolean {
    const { subject, body, duration, outcome, when } = this.draft;
    return Boolean(subject || body || duration || outcome || when);
  }

  #onComposerFocus = () => {
    this.composing = true;
  };

  #onComposerBlur = (event: FocusEvent) => {
    const form = event.currentTarget as HTMLFormElement;
    // Folds back when focus has left an untouched composer; a moment later, so that a click which
    // does not focus what it lands on (Safari's buttons) is not moved away under the pointer.
    setTimeout(() => {
      const focused = this.shadowRoot?.activeElement;
      if (!focused || !form.contains(focused)) this.composing = false;
    }, 200);
  };

  #onTypeChange = (event: Event) => {
    const type = (event.target as HTMLInputElement).value as ActivityType;
    const draft = { ...this.draft, type };
    if (type === 'task' && !draft.due) draft.due = defaultDue();
    this.draft = draft;
    this.fieldErrors = {};
    this.formError = '';
  };

  #resetComposer(): void {
    this.draft = emptyDraft(this.draft.type);
    if (this.draft.type === 'task') this.draft = { ...this.draft, due: defaultDue() };
    this.fieldErrors = {};
    this.formError = '';
    this.#lastAttempt = undefined;
    this.#links = undefined;
  }

  /** Checks what can be checked before asking the kit: localized, next to each field. */
  #validate(t: Localizer): Partial<Record<DraftField, string>> {
    const draft = this.draft;
    const fields = fieldsOf(draft.type);
    const errors: Partial<Record<DraftField, string>> = {};
    if (!draft.subject.trim()) errors.subject = t.t('log.form.required');
    else if (draft.subject.trim().length > SUBJECT_MAX)
      errors.subject = t.t('log.form.tooLong', { max: t.number(SUBJECT_MAX) });
    if (draft.body.length > BODY_MAX) errors.body = t.t('log.form.tooLong', { max: t.number(BODY_MAX) });
    if (fields.has('duration') && draft.duration.trim()) {
      const minutes = Number(draft.duration);
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)
        errors.duration = t.t('log.form.durationInvalid');
    }
    if (fields.has('when') && draft.when && !fromLocalInput(draft.when)) errors.when = t.t('log.form.dateInvalid');
    if (fields.has('due')) {
      if (!draft.due) errors.due = t.t('log.form.dueRequired');
      else if (!fromLocalInput(draft.due)) errors.due = t.t('log.form.dateInvalid');
    }
    return errors;
  }

  /** The request body for the draft: only the fields its type has. */
  #body(target: Target): ActivityCreate {
    const draft = this.draft;
    const fields = fieldsOf(draft.type);
    const body: ActivityCreate = {
      type: draft.type,
      subject: draft.subject.trim(),
      body: draft.body.trim() ? draft.body : null,
      [target.field]: target.id,
    };
    if (fields.has('direction')) body.direction = draft.direction;
    if (fields.has('duration') && draft.duration.trim()) body.durationSeconds = Math.round(Number(draft.duration) * 60);
    if (fields.has('outcome') && draft.outcome.trim()) body.outcome = draft.outcome.trim();
    if (fields.has('when') && draft.when) body.occurredAt = fromLocalInput(draft.when)!.toISOString();
    if (fields.has('due')) {
      const due = fromLocalInput(draft.due)!.toISOString();
      body.dueAt = due;
      body.occurredAt = due;
    }
    return body;
  }

  /** For an opportunity, contact or case: its customer, so the activity shows on the customer's log too. */
  #linksFor(client: CrmClient, target: Target): Promise<Partial<ActivityCreate>> {
    const key = `${target.kind}:${target.id}`;
    if (this.#links?.target === key) return this.#links.links;
    const get = async (): Promise<Partial<ActivityCreate>> => {
      try {
        if (target.kind === 'opportunity')
          return { customerId: (await client.opportunities.get(target.id)).customerId };
        if (target.kind === 'contact') return { customerId: (await client.contacts.get(target.id)).customerId };
        if (target.kind === 'case') {
          const found = await client.cases.get(target.id);
          return { customerId: found.customerId, contactId: found.contactId };
        }
      } catch {
        // The activity is still linked to what the log is for.
      }
      return {};
    };
    const links = get();
    this.#links = { target: key, links };
    return links;
  }

  #onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const client = this.client;
    const target = parseTarget(this.for);
    if (!client || !target || this.submitting) return;
    const t = this.localize;
    const errors = this.#validate(t);
    if (Object.keys(errors).length) {
      this.fieldErrors = errors;
      this.formError = '';
      await this.updateComplete;
      this.#focusField(errors);
      return;
    }
    this.fieldErrors = {};
    this.formError = '';
    const body = this.#body(target);
    const json = JSON.stringify(body);
    // Sending the same entry again (after a dropped connection) reuses the key: the kit saves it once.
    const key = this.#lastAttempt?.body === json ? this.#lastAttempt.key : crypto.randomUUID();
    this.#lastAttempt = { body: json, key };
    const standIn = this.#standIn(body);
    this.entries = [{ activity: standIn, pending: true }, ...this.entries];
    this.submitting = true;
    const request = this.#linksFor(client, target).then((links) =>
      client.activities.create({ ...links, ...body }, { idempotencyKey: key }),
    );
    this.#inflight.add(request);
    let saved = false;
    try {
      const activity = await request;
      saved = true;
      this.#lastAttempt = undefined;
      const others = this.entries.filter(
        (entry) => entry.activity.id !== standIn.id && entry.activity.id !== activity.id,
      );
      if (this.#belongs(activity)) {
        const at = others.findIndex((entry) => !entry.pending && newestFirst(activity, entry.activity) < 0);
        others.splice(at < 0 ? others.length : at, 0, { activity });
      }
      this.entries = others;
      this.draft = emptyDraft(this.draft.type);
      if (this.draft.type === 'task') this.draft = { ...this.draft, due: defaultDue() };
      this.#announce(t.t('log.saved', { type: t.t(`log.type.${activity.type}`), subject: activity.subject }));
      const createdEvent = new CrmActivityCreateEvent(activity);
      this.dispatchEvent(createdEvent);
    } catch (error) {
      // Roll back: the stand-in goes, the draft (still in the form) stays.
      this.entries = this.entries.filter((entry) => entry.activity.id !== standIn.id);
      this.#showSaveError(t, error);
    } finally {
      this.#inflight.delete(request);
      this.submitting = false;
    }
    await this.updateComplete;
    // Ready for the next entry; or at the field to fix, else at the button to send again.
    if (saved) this.renderRoot.querySelector<HTMLInputElement>('#subject')?.focus();
    else if (Object.keys(this.fieldErrors).length) this.#focusField(this.fieldErrors);
    else if (!this.shadowRoot?.activeElement) {
      this.renderRoot.querySelector<HTMLElement>('[part~="submit-button"]')?.focus();
    }
  };

  #showSaveError(t: Localizer, error: unknown): void {
    if (!(error instanceof ApiError)) {
      this.formError = t.t(error instanceof TypeError ? 'log.form.failedNetwork' : 'log.form.failed');
      return;
    }
    // A refused entry will be refused again: a new attempt gets a new key.
    this.#lastAttempt = undefined;
    if (error.status === 400 || error.status === 422) {
      const { fieldErrors, other } = mapFieldErrors(t, this.draft.type, error.problem.errors ?? []);
      this.fieldErrors = fieldErrors;
      const detail = other.map((e) => e.message).join(' ');
      this.formError = detail ? `${t.t('log.form.failedInvalid')} ${detail}` : t.t('log.form.failedInvalid');
      return;
    }
    if (error.status === 401) this.formError = t.t('log.unauthorized');
    else if (error.status === 403) this.formError = t.t('log.form.failedForbidden');
    else this.formError = t.t('log.form.failed');
  }

  #focusField(errors: Partial<Record<DraftField, string>>): void {
    const first = FIELD_ORDER.find((name) => errors[name]);
    if (first) this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
  }

  /** What the timeline shows while the kit saves an entry. */
  #standIn(body: ActivityCreate): Activity {
    const now = new Date().toISOString();
    return {
      id: `pending-${crypto.randomUUID()}`,
      createdAt: now,
      updatedAt: now,
      version: 0,
      deletedAt: null,
      type: body.type,
      subject: body.subject,
      body: body.body ?? null,
      direction: body.direction ?? null,
      durationSeconds: body.durationSeconds ?? null,
      outcome: body.outcome ?? null,
      occurredAt: body.occurredAt ?? now,
      dueAt: body.dueAt ?? null,
      doneAt: null,
      customerId: body.customerId ?? null,
      contactId: body.contactId ?? null,
      leadId: body.leadId ?? null,
      opportunityId: body.opportunityId ?? null,
      caseId: body.caseId ?? null,
      ownerId: null,
    };
  }

  // ---------------------------------------------------------------- tasks

  async #onToggle(entry: Entry, toggle: HTMLInputElement): Promise<void> {
    const client = this.client;
    // While a change is on its way the box stays as it is (not disabled: that would drop focus).
    if (!client || entry.saving) {
      toggle.checked = !toggle.checked;
      return;
    }
    const done = toggle.checked;
    const t = this.localize;
    const before = entry.activity;
    const doneAt = done ? new Date().toISOString() : null;
    this.#replace(before.id, { activity: { ...before, doneAt }, saving: true });
    try {
      const saved = await client.activities.update(before.id, { doneAt }, { version: before.version });
      this.#replace(before.id, { activity: saved });
      this.#announce(t.t(done ? 'log.completed' : 'log.reopened', { subject: saved.subject }));
      if (done) {
        // Built before dispatching, so the manifest lists the event only as @fires documents it.
        const completed = new CrmActivityCompleteEvent(saved);
        this.dispatchEvent(completed);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        // Someone else changed it: show theirs, and say so.
        const fresh = await client.activities.get(before.id).catch(() => before);
        const message = t.t('log.conflict', { subject: fresh.subject });
        this.#replace(before.id, { activity: fresh, message });
        this.#announce(message);
        return;
      }
      const detail = error instanceof ApiError ? '' : ` ${t.t('error.networkDetail')}`;
      const message = t.t('log.completeFailed', { subject: before.subject }) + detail;
      this.#replace(before.id, { activity: before, message });
      this.#announce(message);
    }
  }

  #replace(id: string, entry: Entry): void {
    this.entries = this.entries.map((current) => (current.activity.id === id ? entry : current));
  }

  // ---------------------------------------------------------------- interaction

  #onFilterChange = (event: Event) => {
    const filter = (event.target as HTMLSelectElement).value as ActivityType | '';
    this.filter = filter;
    this.#announceLoad = true;
    // Looking at one type, the user most likely logs that type next (unless they started another).
    if (filter && !this.#dirty() && filter !== this.draft.type) {
      this.draft = {
        ...this.draft,
        type: filter,
        due: filter === 'task' ? this.draft.due || defaultDue() : this.draft.due,
      };
    }
  };

  #onRetry = () => {
    this.#focusAfterLoad = 'first';
    this.reload();
  };

  #onLoadMore = () => {
    if (this.more === 'error') this.more = 'idle';
    void this.#loadMore();
  };

  #toggleBody(id: string): void {
    const expanded = new Set(this.expanded);
    if (!expanded.delete(id)) expanded.add(id);
    this.expanded = expanded;
  }

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('article[part~="item"]')];
  }

  #onTimelineFocus = (event: FocusEvent) => {
    const article = (event.target as HTMLElement).closest<HTMLElement>('article[part~="item"]');
    const id = article?.dataset.id;
    if (!article || !id || id.startsWith('pending-') || id === this.#activeId) return;
    // Moves the roving tabindex by hand: no render needed for it.
    this.#activeId = id;
    for (const item of this.#items()) item.tabIndex = item === article ? 0 : -1;
  };

  #onTimelineKeydown = (event: KeyboardEvent) => {
    const article = event.target as HTMLElement;
    if (!article.matches('article[part~="item"]') || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this.#items();
    const index = items.indexOf(article);
    const last = items.length - 1;
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = index + 1;
        break;
      case 'ArrowUp':
        next = index - 1;
        break;
      case 'PageDown':
        next = index + 5;
        break;
      case 'PageUp':
        next = index - 5;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next > last && this.nextCursor && this.more !== 'error') {
      // Past the end: load the next page (unless it is on its way already) and carry on into it.
      this.#focusAfterLoad = last + 1;
      void this.#loadMore();
      return;
    }
    const target = items[Math.max(0, Math.min(last, next))];
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  };

  // ---------------------------------------------------------------- announcements

  /** Says something through the live region (the same text twice is said twice). */
  #announce(text: string): void {
    this.status = '';
    requestAnimationFrame(() => {
      this.status = text;
    });
  }

  #countText(key: 'log.loaded' | 'log.loadedMore', count: number): string {
    const t = this.localize;
    const form = new Intl.PluralRules(t.locale).select(count) === 'one' ? 'One' : 'Other';
    return t.t(`${key}${form}`, { count: t.number(count) });
  }
}

function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'unauthorized';
    if (error.status === 403) return 'forbidden';
    return 'generic';
  }
  return error instanceof TypeError ? 'network' : 'generic';
}

/** The kit's field paths, as the composer's fields. */
const PATH_FIELDS: Record<string, DraftField> = {
  subject: 'subject',
  body: 'body',
  direction: 'direction',
  durationSeconds: 'duration',
  outcome: 'outcome',
  dueAt: 'due',
};

/** Puts the kit's validation errors next to the fields they are about; the rest go above the button. */
export function mapFieldErrors(t: Localizer, type: ActivityType, errors: FieldError[]) {
  const fieldErrors: Partial<Record<DraftField, string>> = {};
  const other: FieldError[] = [];
  for (const error of errors) {
    const root = error.path.split('.')[0] ?? '';
    const field = root === 'occurredAt' ? (type === 'task' ? 'due' : 'when') : PATH_FIELDS[root];
    if (field && (field === 'subject' || field === 'body' || fieldsOf(type).has(field))) {
      fieldErrors[field] ??= serverMessage(t, error.message);
    } else {
      other.push(error);
    }
  }
  return { fieldErrors, other };
}

/** The kit's English validation messages, in the user's language where we know them. */
function serverMessage(t: Localizer, message: string): string {
  const tooLong = /^Too big: expected string to have <=\s?(\d+) characters/.exec(message);
  if (tooLong) return t.t('log.form.tooLong', { max: t.number(Number(tooLong[1])) });
  if (message === 'Required') return t.t('log.form.required');
  return message;
}

define('crm-activity-log', CrmActivityLog);

declare global {
  interface HTMLElementTagNameMap {
    'crm-activity-log': CrmActivityLog;
  }
}
