import type { Activity, ActivityType } from '@crmkit/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import type { ChangeStreamState } from '../shared/change-stream.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { controls } from '../shared/controls.styles.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { styles } from './activity-log.styles.js';
import { ComposerController } from './composer-controller.js';
import { renderComposer } from './composer.template.js';
import type { LogContext } from './log-host.js';
import { renderEmpty, renderError, renderFilter, renderSkeleton } from './states.template.js';
import { parseTarget } from './target.js';
import { FAILURE_MESSAGES, TimelineController } from './timeline-controller.js';
import { TimelineKeys } from './timeline-keys.js';
import { renderTimeline } from './timeline.template.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.card, en.log);

export { mapFieldErrors } from './draft.js';
export { ACTIVITY_TYPES, CALL_OUTCOMES, parseTarget, TARGET_FIELDS, type TargetKind } from './target.js';

/** Where the live stream stands: `connecting`, `open`, `reconnecting` or `stopped`. */
export type LiveState = ChangeStreamState;

/**
 * The activity timeline of a customer, opportunity, lead, contact or case: calls, emails,
 * meetings, notes and tasks; what is planned after today under "Upcoming", soonest first, then
 * the rest newest first and grouped by day, loaded page by page as the user scrolls (`GET /activities?customerId=…&sort=-occurredAt`, keyset paging). A composer logs a
 * call, email, meeting or note, or schedules a follow-up task; tasks are marked done in place.
 * New entries appear at once (and roll back, keeping what the user typed, if the kit refuses
 * them), and activity logged by others arrives live through the kit's `/events` stream.
 * Inside a `<crm-provider>` that says the caller may not log activity (a viewer), the log only
 * reads, as with `readonly`.
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
 * @cssproperty [--crm-color-field=light-dark(Canvas, color-mix(in srgb, CanvasText 3%, Canvas))] - Background of inputs, selects and text areas.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Buttons, links, focus ring and the selected type.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Errors and overdue tasks.
 * @cssproperty [--crm-radius=8px] - Corner radius of the log and its controls.
 * @cssproperty [--crm-spacing=16px] - The base spacing unit.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - The log's shadow.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused controls and entries.
 * @cssproperty [--crm-activity-log-max-height=none] - Give the timeline a height to scroll within (it loads more as it scrolls).
 *
 * @fires {CrmActivityCreateEvent} crm-activity-create - The kit saved an activity logged in the composer; `event.detail.activity` is the saved record.
 * @fires {CrmActivityCompleteEvent} crm-activity-complete - The kit saved a task as done; `event.detail.activity` is the saved task.
 */
export class CrmActivityLog extends CrmElement {
  static override styles = [tokens, buttons, controls, states, styles];

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

  @state() private status = '';
  @state() private expanded = new Set<string>();

  readonly #context: LogContext = {
    client: () => this.client,
    target: () => parseTarget(this.for),
    localize: () => this.localize,
    limit: () => Math.min(200, Math.max(1, Math.round(this.pageSize) || 25)),
    announce: (text) => this.#announce(text),
  };
  readonly #timeline = new TimelineController(this, this.#context);
  readonly #composer = new ComposerController(this, this.#context, this.#timeline);
  readonly #keys = new TimelineKeys(this, this.#timeline);
  #tick?: ReturnType<typeof setInterval>;

  /** The entries on show (saved ones; not those still being saved). */
  get activities(): Activity[] {
    return this.#timeline.entries.filter((entry) => !entry.pending).map((entry) => entry.activity);
  }

  /** Where the live stream stands: `connecting`, `open`, `reconnecting` or `stopped`. */
  get live(): LiveState {
    return this.#timeline.live;
  }

  /** Loads the timeline again from the newest entry (what "Try again" does). */
  reload(): void {
    this.#timeline.reload();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Relative times ("5 minutes ago") move on while the log is open.
    this.#tick = setInterval(() => this.requestUpdate(), 30_000);
    // A load cut short by a disconnect starts again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.#timeline.sync(changed.has('token'))) this.#composer.reset();
  }

  protected override render() {
    const t = this.localize;
    const view = this.#timeline.view;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    const ready = view.status === 'loading' || view.status === 'ready' || view.status === 'error';
    return html`
      <div lang=${t.locale} class="root">
        <section part="base" class="log" aria-labelledby="title" tabindex="-1">
          <div part="header" class="header">
            <div part="heading" class="heading" role="heading" aria-level=${level} id="title">${t.t('log.title')}</div>
            <slot name="header"></slot>
            ${ready ? renderFilter(t, this.filter, this.#onFilterChange) : nothing}
          </div>
          ${ready && !this.#readOnly() ? renderComposer(t, this.#composer) : nothing} ${this.#renderBody(t, level)}
        </section>
        <div role="status" class="visually-hidden">${this.status}</div>
      </div>
    `;
  }

  /** Whether the log only reads: asked to, or the caller may not log or complete activity. */
  #readOnly(): boolean {
    return this.readonly || !this.may('activities', 'create') || !this.may('activities', 'edit');
  }

  #renderBody(t: Localizer, level: number) {
    const view = this.#timeline.view;
    switch (view.status) {
      case 'empty':
        return html`<p part="empty" class="note">${t.t('log.nothingSelected')}</p>`;
      case 'invalid':
        return renderError(t, t.t('log.invalidTarget'));
      case 'unconfigured':
        return renderError(t, t.t('card.notConnected'));
      case 'loading':
        return renderSkeleton(t);
      case 'error': {
        const [message, detail] = FAILURE_MESSAGES[view.failure];
        return renderError(t, t.t(message), detail && t.t(detail), this.#onRetry);
      }
      case 'ready':
        if (!this.#timeline.entries.length) return renderEmpty(t, this.filter, this.#readOnly());
        return renderTimeline(t, {
          timeline: this.#timeline,
          keys: this.#keys,
          readonly: this.#readOnly(),
          expanded: this.expanded,
          toggleBody: this.#toggleBody,
          level: Math.min(6, level + 1),
          now: new Date(),
        });
    }
  }

  #onFilterChange = (event: Event) => {
    const filter = (event.target as HTMLSelectElement).value as ActivityType | '';
    this.filter = filter;
    this.#timeline.announceNextLoad();
    this.#composer.followFilter(filter);
  };

  #onRetry = () => {
    this.#keys.focusFirstAfterLoad();
    this.reload();
  };

  #toggleBody = (id: string) => {
    const expanded = new Set(this.expanded);
    if (!expanded.delete(id)) expanded.add(id);
    this.expanded = expanded;
  };

  /** Says something through the live region (the same text twice is said twice). */
  #announce(text: string): void {
    this.status = '';
    requestAnimationFrame(() => {
      this.status = text;
    });
  }
}

define('crm-activity-log', CrmActivityLog);

declare global {
  interface HTMLElementTagNameMap {
    'crm-activity-log': CrmActivityLog;
  }
}
