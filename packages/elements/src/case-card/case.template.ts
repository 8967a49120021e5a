// What the case card draws once its case is here: the header (subject, customer, status, resolve or
// reopen), the status path, where it stands against its due time, and its fields.
import { CASE_STATUSES, type Case, type Customer } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isOpenCase, slaOf } from '../shared/case-sla.js';
import { separator } from '../shared/format.js';
import type { Localizer } from '../shared/localize.js';
import { relativeTime } from '../shared/relative-time.js';
import { bone } from '../shared/states.js';
import type { CaseField } from './case-editor.js';

/** A case with the names the card shows beside it (undefined where the caller may not see them). */
export interface CaseView {
  kase: Case;
  customer?: Customer;
  ownerName?: string;
  contactName?: string;
  /** The case's custom field values: key, label and value as text. */
  custom: [string, string, string][];
}

/** What the header and the path may offer: each handler is left out when the caller may not. */
export interface CaseActions {
  onStatus?: (status: Case['status']) => void;
  onResolve?: () => void;
  onCustomer?: () => void;
  /** A status change on its way. */
  busy?: boolean;
}

export function renderHeader(t: Localizer, view: CaseView, level: number, actions: CaseActions): TemplateResult {
  const { kase, customer } = view;
  const open = isOpenCase(kase);
  return html`<header part="header" class="header">
    <div class="titles">
      <div part="heading" class="heading" role="heading" aria-level=${level} id="subject">${kase.subject}</div>
      <p part="subtitle" class="subtitle">
        ${
          customer
            ? actions.onCustomer
              ? html`<button
                  part="customer"
                  class="link-button"
                  type="button"
                  aria-label=${t.t('caseCard.customer', { name: customer.name })}
                  @click=${actions.onCustomer}
                >
                  ${customer.name}
                </button>`
              : html`<span part="customer">${customer.name}</span>`
            : html`<span part="customer">${t.t('case.noCustomer')}</span>`
        }
        <span aria-hidden="true">·</span>
        <span part="priority" class="priority" data-priority=${kase.priority}>${t.t(`priority.${kase.priority}`)}</span>
      </p>
    </div>
    ${
      kase.deletedAt
        ? html`<span part="status" class="status" data-status="trashed">${t.t('caseCard.trashed')}</span>`
        : html`<span part="status" class="status" data-status=${kase.status}
            >${t.t(`case.status.${kase.status}`)}</span
          >`
    }
    ${
      actions.onStatus
        ? html`<div part="actions" class="actions">
            ${
              open
                ? html`<button
                    part="resolve-button"
                    class="button primary"
                    type="button"
                    ?disabled=${actions.busy}
                    @click=${actions.onResolve}
                  >
                    ${t.t('case.resolve')}…
                  </button>`
                : html`<button
                    part="reopen-button"
                    class="button"
                    type="button"
                    ?disabled=${actions.busy}
                    @click=${() => actions.onStatus!('open')}
                  >
                    ${t.t('case.reopen')}
                  </button>`
            }
          </div>`
        : nothing
    }
  </header>`;
}

/** The statuses in order, the case's marked current and those before it done; with `onStatus`, each other is a button. */
export function renderPath(t: Localizer, kase: Case, actions: CaseActions): TemplateResult {
  const at = CASE_STATUSES.indexOf(kase.status);
  return html`<ol part="status-path" class="path" aria-label=${t.t('caseCard.path', { subject: kase.subject })}>
    ${CASE_STATUSES.map((status, index) => {
      const current = index === at;
      const passed = index < at;
      const classes = classMap({ step: true, current, passed });
      const hidden = current ? t.t('caseCard.current') : passed ? t.t('caseCard.done') : '';
      const label = html`<span class="step-name">${t.t(`case.status.${status}`)}</span>${
          hidden ? html`<span class="visually-hidden">${separator(t)}${hidden}</span>` : nothing
        }`;
      return html`<li class="path-item">
        ${
          actions.onStatus && !current
            ? html`<button
                part="step"
                class=${classes}
                type="button"
                data-status=${status}
                title=${t.t('caseCard.moveTo', { status: t.t(`case.status.${status}`) })}
                ?disabled=${actions.busy}
                @click=${() => actions.onStatus!(status)}
              >
                ${label}
              </button>`
            : html`<span
                part="step"
                class=${classes}
                data-status=${status}
                aria-current=${ifDefined(current ? 'step' : undefined)}
                >${label}</span
              >`
        }
      </li>`;
    })}
  </ol>`;
}

/** How a field's value is drawn: as it reads, or editable in place (see case-editor.ts). */
export type ValueView = (field: CaseField, shown: unknown) => unknown;

export function renderFields(t: Localizer, view: CaseView, now: Date, value: ValueView): TemplateResult {
  const { kase } = view;
  const sla = slaOf(kase, now.getTime());
  const when = (iso: string) => t.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const muted = (text: string) => html`<span class="muted">${text}</span>`;
  const row = (label: string, shown: unknown, name: string) =>
    html`<div part="field" class="field" data-field=${name}>
      <dt part="label" class="label">${label}</dt>
      <dd part="value" class="value">${shown}</dd>
    </div>`;
  return html`<div part="body" class="body">
    <dl part="fields" class="fields">
      ${row(t.t('caseCard.subject'), value('subject', kase.subject), 'subject')}
      ${row(t.t('caseCard.priority'), value('priority', t.t(`priority.${kase.priority}`)), 'priority')}
      ${row(
        t.t('caseCard.dueBy'),
        html`${value(
          'dueBy',
          kase.dueBy ? html`<time datetime=${kase.dueBy}>${when(kase.dueBy)}</time>` : muted(t.t('caseCard.noDue')),
        )}
        ${
          kase.dueBy && isOpenCase(kase)
            ? html`<span class="muted relative">(${relativeTime(t.locale, kase.dueBy, now)})</span>`
            : nothing
        }`,
        'dueBy',
      )}
      ${row(
        t.t('caseCard.sla'),
        html`<span part="sla" class="sla" data-sla=${sla}>${t.t(`caseCard.sla.${sla}`)}</span>`,
        'sla',
      )}
      ${row(t.t('caseCard.owner'), value('ownerId', view.ownerName ?? muted(t.t('case.noOwner'))), 'ownerId')}
      ${row(t.t('caseCard.contact'), value('contactId', view.contactName ?? muted(t.t('caseCard.none'))), 'contactId')}
      ${row(
        t.t('caseCard.description'),
        value(
          'description',
          kase.description
            ? html`<span class="description">${kase.description}</span>`
            : muted(t.t('caseCard.noDescription')),
        ),
        'description',
      )}
      ${view.custom.map(([key, label, text]) => row(label, text, `custom.${key}`))}
    </dl>
    <footer part="footer" class="footer">
      ${t.t('caseCard.opened', { date: when(kase.createdAt) })}
      ${kase.resolvedAt ? html` · ${t.t('caseCard.resolvedOn', { date: when(kase.resolvedAt) })}` : nothing}
    </footer>
  </div>`;
}

/** The card's shape while the case loads. */
export function renderSkeleton(t: Localizer): TemplateResult {
  return html`<div part="base skeleton" class="card skeleton" aria-busy="true" aria-label=${t.t('caseCard.loading')}>
    <div class="header">${bone('55%')} ${bone('30%', { small: true })}</div>
    <div class="path">${bone('100%')}</div>
    <div class="body">${bone('40%')} ${bone('60%', { small: true })} ${bone('50%', { small: true })}</div>
  </div>`;
}
