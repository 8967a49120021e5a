// One case of the support queue: its subject (which opens it), customer and priority, who owns it, how
// long ago it was opened, when it is due (flagged when past due or due soon), and what the user can do.
import type { Case } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { isOpenCase, slaOf } from '../shared/case-sla.js';
import type { Localizer, MessageKey } from '../shared/localize.js';
import { relativeTime } from '../shared/relative-time.js';
import type { Names } from './case-data.js';

/** What the user can do with a case from its row. */
export type CaseAction = 'assignToMe' | 'assign' | 'resolve' | 'reopen';

const ACTION_LABELS = {
  assignToMe: 'cases.assignToMe',
  assign: 'cases.assign',
  resolve: 'case.resolve',
  reopen: 'case.reopen',
} as const satisfies Record<CaseAction, MessageKey>;

export interface RowView {
  kase: Case;
  names?: Names;
  now: Date;
  /** Offer the actions (the caller may change cases). */
  editable: boolean;
  /** The caller, to offer "Assign to me" on a case they do not own. */
  userId?: string | null;
  /** Offer "Assign" (the caller sees other owners to give it to). */
  mayAssign: boolean;
  /** Buttons are off while a change is on its way. */
  busy: boolean;
  onAction(kase: Case, action: CaseAction): void;
  onSelect(kase: Case): void;
}

export function caseRow(t: Localizer, view: RowView): TemplateResult {
  const { kase, names, now } = view;
  const sla = slaOf(kase, now.getTime());
  const open = isOpenCase(kase);
  const customer = kase.customerId ? names?.customers.get(kase.customerId) : undefined;
  const actions: CaseAction[] = !view.editable
    ? []
    : open
      ? [
          ...(view.userId && kase.ownerId !== view.userId ? (['assignToMe'] as const) : []),
          ...(view.mayAssign ? (['assign'] as const) : []),
          'resolve',
        ]
      : ['reopen'];
  const when = (iso: string) => t.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
  return html`<li part="case" class="case" data-id=${kase.id} data-sla=${sla}>
    <div class="case-head">
      <button part="subject" class="link-button subject" type="button" @click=${() => view.onSelect(kase)}>
        ${kase.subject}
      </button>
      <span part="priority" class="priority" data-priority=${kase.priority}
        ><span class="visually-hidden">${t.t('cases.priority')}: </span>${t.t(`priority.${kase.priority}`)}</span
      >
    </div>
    <div class="meta">
      ${
        // A customer the caller may not read goes unnamed.
        kase.customerId && !customer
          ? nothing
          : html`<span part="customer">${customer ?? t.t('case.noCustomer')}</span>`
      }
      <span part="owner"
        >${
          kase.ownerId
            ? t.t('cases.ownedBy', { name: names?.members.get(kase.ownerId) ?? t.t('case.someone') })
            : t.t('case.noOwner')
        }</span
      >
    </div>
    <div class="meta">
      <time part="age" datetime=${kase.createdAt} title=${when(kase.createdAt)}
        >${t.t('cases.opened', { time: relativeTime(t.locale, kase.createdAt, now) })}</time
      >
      ${
        kase.resolvedAt && !open
          ? html`<time part="resolved-at" datetime=${kase.resolvedAt} title=${when(kase.resolvedAt)}
              >${t.t('cases.resolvedAt', { time: relativeTime(t.locale, kase.resolvedAt, now) })}</time
            >`
          : nothing
      }
      ${
        kase.dueBy && open
          ? html`<time part="due" datetime=${kase.dueBy} title=${when(kase.dueBy)}
              >${t.t('cases.due', { time: relativeTime(t.locale, kase.dueBy, now) })}</time
            >`
          : nothing
      }
      ${
        sla === 'breached' || sla === 'soon'
          ? html`<span part="sla" class="sla" data-sla=${sla}>${t.t(`cases.sla.${sla}`)}</span>`
          : nothing
      }
    </div>
    ${
      actions.length
        ? html`<div
            part="actions"
            class="actions"
            role="group"
            aria-label=${t.t('cases.actions', { subject: kase.subject })}
          >
            ${actions.map(
              (action) =>
                html`<button
                  part=${`action ${action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-button`}
                  class="button"
                  type="button"
                  ?disabled=${view.busy}
                  @click=${() => view.onAction(kase, action)}
                >
                  ${t.t(ACTION_LABELS[action])}${action === 'assign' || action === 'resolve' ? '…' : ''}
                </button>`,
            )}
          </div>`
        : nothing
    }
  </li>`;
}
