import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ACTIVITY_ICONS, errorIcon } from '../shared/icons.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { CALL_OUTCOMES } from './target.js';
import { displayOrder, type Entry, type TimelineController } from './timeline-controller.js';
import type { TimelineKeys } from './timeline-keys.js';
import { dayHeading, dayKey, duration, entryTime, relativeTime } from './time.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.log);

/** Bodies longer than this are shown cut, with a "Show more" button. */
const BODY_PREVIEW = 280;

export interface TimelineView {
  timeline: TimelineController;
  keys: TimelineKeys;
  readonly: boolean;
  /** Entries whose long notes are shown in full. */
  expanded: ReadonlySet<string>;
  toggleBody(id: string): void;
  /** The heading level of the days. */
  level: number;
  now: Date;
}

interface Group {
  key: string;
  heading: { label: string; date?: string };
  entries: Entry[];
}

/** The entries in display order (see displayOrder): one "Upcoming" group, then a group per day. */
function groupsOf(t: Localizer, entries: readonly Entry[], now: Date): Group[] {
  const { upcoming, rest } = displayOrder(entries, now);
  const groups: Group[] = upcoming.length
    ? [{ key: 'upcoming', heading: { label: t.t('log.upcoming') }, entries: upcoming }]
    : [];
  for (const entry of rest) {
    const key = dayKey(entry.activity.occurredAt);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.entries.push(entry);
    else groups.push({ key, heading: dayHeading(t.locale, entry.activity.occurredAt, now), entries: [entry] });
  }
  return groups;
}

/** The entries, grouped (see groupsOf), and the end of the list (more to load, or the end). */
export function renderTimeline(t: Localizer, view: TimelineView) {
  return html`
    <div part="timeline" class="timeline" @keydown=${view.keys.onKeyDown} @focusin=${view.keys.onFocusIn}>
      ${repeat(
        groupsOf(t, view.timeline.entries, view.now),
        (day) => day.key,
        (day) => {
          const heading = day.heading;
          return html`<section part="day" class="day" aria-labelledby="day-${day.key}">
            <div part="day-heading" class="day-heading" role="heading" aria-level=${view.level} id="day-${day.key}">
              <span class="day-label">${heading.label}</span>${
                heading.date ? html`<span class="day-date">${heading.date}</span>` : nothing
              }
            </div>
            <ol class="entries">
              ${repeat(
                day.entries,
                (entry) => entry.activity.id,
                (entry) => html`<li>${renderEntry(t, view, entry, day.key === 'upcoming')}</li>`,
              )}
            </ol>
          </section>`;
        },
      )}
      ${renderEnd(t, view.timeline)}
    </div>
  `;
}

function renderEntry(t: Localizer, view: TimelineView, entry: Entry, upcoming: boolean) {
  const { activity } = entry;
  const { now } = view;
  const isTask = activity.type === 'task';
  const done = Boolean(activity.doneAt);
  const overdue = isTask && !done && Date.parse(activity.occurredAt) < now.getTime();
  const id = activity.id;
  const owner = activity.ownerId ? view.timeline.names.get(activity.ownerId) : undefined;
  const meta: (string | TemplateResult)[] = [t.t(`log.type.${activity.type}`)];
  if (activity.direction) {
    meta.push(t.t(`log.direction.${activity.type === 'email' ? 'email' : 'call'}.${activity.direction}`));
  }
  if (activity.durationSeconds) meta.push(duration(t.locale, activity.durationSeconds));
  if (activity.outcome) meta.push(outcomeText(t, activity.outcome));
  if (isTask) {
    if (done) meta.push(t.t('log.doneWhen', { when: relativeTime(t.locale, activity.doneAt!, now) }));
    else meta.push(t.t('log.due', { when: relativeTime(t.locale, activity.dueAt ?? activity.occurredAt, now) }));
  }
  if (owner) meta.push(t.t('log.by', { name: owner }));
  if (overdue) meta.unshift(html`<span class="badge overdue">${t.t('log.overdue')}</span>`);
  const body = activity.body ?? '';
  const long = body.length > BODY_PREVIEW;
  const open = view.expanded.has(id);
  // Bound flush inside its paragraph: the notes keep their own line breaks (pre-line).
  const shownBody = long && !open ? `${body.slice(0, BODY_PREVIEW).trimEnd()}…` : body;
  // The visible time leaves the day to the day's heading (an upcoming entry, under one heading for
  // all days to come, shows its day instead: short, to leave the subject room on a phone); a
  // screen reader moving from entry to entry hears the whole date with each.
  const time = entry.pending
    ? t.t('log.saving')
    : upcoming
      ? t.date(activity.occurredAt, { weekday: 'short', month: 'short', day: 'numeric' })
      : entryTime(t.locale, activity.occurredAt, now);
  const fullTime = t.date(activity.occurredAt, { dateStyle: 'full', timeStyle: 'short' });
  return html`<article
    part="item"
    class="entry"
    data-id=${id}
    data-type=${activity.type}
    ?data-pending=${entry.pending}
    ?data-done=${done}
    ?data-overdue=${overdue}
    tabindex=${id === view.keys.activeId ? '0' : '-1'}
    aria-labelledby="subject-${id}"
    aria-describedby="when-${id} meta-${id}"
    aria-busy=${entry.pending || entry.saving ? 'true' : 'false'}
  >
    <span part="item-icon" class="item-icon" aria-hidden="true">${ACTIVITY_ICONS[activity.type]('type-icon')}</span>
    <div class="content">
      <div class="line">
        ${
          isTask && !view.readonly && !entry.pending
            ? html`<input
                part="task-toggle"
                class="toggle"
                type="checkbox"
                .checked=${live(done)}
                aria-disabled=${entry.saving ? 'true' : 'false'}
                aria-label=${t.t('log.markDone', { subject: activity.subject })}
                @change=${(event: Event) => view.timeline.toggleTask(entry, event.target as HTMLInputElement)}
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
                      @click=${() => view.toggleBody(id)}
                    >
                      ${open ? t.t('log.showLess') : t.t('log.showMore')}
                    </button>`
                  : nothing
              }`
          : nothing
      }
      ${
        entry.message
          ? html`<p part="item-message" class="item-message" role="alert">
              ${errorIcon()}<span>${entry.message}</span>
            </p>`
          : nothing
      }
    </div>
  </article>`;
}

function renderEnd(t: Localizer, timeline: TimelineController) {
  const loadMore = () => timeline.retryMore();
  if (timeline.more === 'error') {
    return html`<div class="end end-error">
      <span>${t.t('log.errorMore')}</span>
      <button part="load-more" class="button" type="button" @click=${loadMore}>${t.t('action.retry')}</button>
    </div>`;
  }
  if (timeline.nextCursor) {
    const loading = timeline.more === 'loading';
    return html`<div class="end" aria-busy=${loading ? 'true' : 'false'}>
      <button part="load-more" class="button" type="button" ?disabled=${loading} @click=${loadMore}>
        ${loading ? t.t('log.loadingMore') : t.t('log.loadMore')}
      </button>
    </div>`;
  }
  return html`<p class="end end-note">${t.t('log.end')}</p>`;
}

function outcomeText(t: Localizer, outcome: string): string {
  return (CALL_OUTCOMES as readonly string[]).includes(outcome) ? t.t(`log.outcome.${outcome as 'busy'}`) : outcome;
}
