// One task of the list: its checkbox (for a caller who may change tasks), subject, when it is due, and
// links to what it is about.
import type { Activity } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Localizer } from '../shared/localize.js';
import { bone } from '../shared/states.js';
import { relativeTime } from '../shared/relative-time.js';
import { aboutOf, type AboutDirectory, type AboutKind, type TaskGroup } from './task-data.js';

export interface TaskRowView {
  task: Activity;
  group: TaskGroup;
  now: Date;
  /** Whether to offer the checkbox. */
  editable: boolean;
  /** The row that holds the list's one tab stop. */
  current: boolean;
  /** A change of this task is on its way (the checkbox keeps focus, so it is not disabled). */
  busy: boolean;
  about?: AboutDirectory;
  onComplete(task: Activity): void;
  onOpen(kind: AboutKind, id: string): void;
}

/** When a task is due, as written beside it: the time alone today, else the day and time. */
function dueText(t: Localizer, group: TaskGroup, due: Date, now: Date): string {
  const sameDay = due.toDateString() === now.toDateString();
  if (group === 'today' || sameDay) return t.date(due, { timeStyle: 'short' });
  const sameYear = due.getFullYear() === now.getFullYear();
  return t.date(due, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  });
}

function aboutLinks(t: Localizer, view: TaskRowView): TemplateResult | typeof nothing {
  const about = aboutOf(view.task);
  if (!about.length) return nothing;
  return html`<span part="about" class="about" id=${`about-${view.task.id}`}>
    ${about.map(({ kind, id }) => {
      const record = view.about?.get(kind, id);
      const label = t.t('tasks.kindLabel', { kind: t.t(`tasks.kind.${kind}`) });
      // Its name is on its way: a placeholder the width of a short name.
      if (record === undefined)
        return html`<span class="about-item" aria-busy="true">${bone('7em', { small: true })}</span>`;
      const name = record?.name ?? t.t('tasks.hidden');
      // Only the current row's links are tab stops (the list has one, moved with the arrow keys).
      // A host navigates to customers and deals (their selection events); other records are named.
      const opens = record && (kind === 'customer' || kind === 'opportunity');
      // No white space between the label and the name: the label ends with its locale's separator.
      const shown = opens
        ? html`<button
            part="about-link"
            class="link-button"
            type="button"
            tabindex=${view.current || !view.editable ? '0' : '-1'}
            @click=${() => view.onOpen(kind, id)}
          >
            ${name}
          </button>`
        : html`<span class="about-name">${name}</span>`;
      return html`<span class="about-item">${label}${shown}</span>`;
    })}
  </span>`;
}

export function taskRow(t: Localizer, view: TaskRowView): TemplateResult {
  const { task, group, now } = view;
  const id = task.id;
  const due = task.dueAt ? new Date(task.dueAt) : undefined;
  const describedBy = [`due-${id}`, aboutOf(task).length ? `about-${id}` : ''].filter(Boolean).join(' ');
  return html`<li part="task" class="task ${group}" data-id=${id}>
    ${
      view.editable
        ? html`<input
            part="checkbox"
            class="check"
            type="checkbox"
            id=${`check-${id}`}
            tabindex=${view.current ? '0' : '-1'}
            aria-describedby=${describedBy}
            aria-disabled=${view.busy ? 'true' : 'false'}
            .checked=${live(false)}
            @change=${() => view.onComplete(task)}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              view.onComplete(task);
            }}
          />`
        : html`<span class="dot" aria-hidden="true"></span>`
    }
    <div class="task-main">
      ${
        view.editable
          ? html`<label part="subject" class="subject" for=${`check-${id}`}>${task.subject}</label>`
          : html`<span part="subject" class="subject">${task.subject}</span>`
      }
      <div class="meta">
        <span part="due" class="due" id=${`due-${id}`}>
          ${
            due
              ? html`<time datetime=${task.dueAt!}>${dueText(t, group, due, now)}</time>
                  <span class="relative">${relativeTime(t.locale, due, now)}</span>`
              : t.t('tasks.noDue')
          }
        </span>
        ${aboutLinks(t, view)}
      </div>
    </div>
  </li>`;
}
