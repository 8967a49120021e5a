// One lead of the inbox: who it is and how to reach them, where it came from, how long it has
// waited (flagged once past the response time), who owns it and why, and what the user can do next.
import type { Lead, LeadStatus } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { Localizer, MessageKey } from '../shared/localize.js';
import { relativeTime } from '../shared/relative-time.js';
import type { Directory } from './inbox-data.js';

/** What the user can do with a lead: a status to move it to, or a dialog, or taking it. */
export type LeadAction =
  | { kind: 'status'; status: Extract<LeadStatus, 'working' | 'nurturing' | 'qualified'> }
  | { kind: 'disqualify' }
  | { kind: 'convert' }
  | { kind: 'take' };

/** The next steps of a lead in each status, the most likely first. */
const NEXT: Record<LeadStatus, readonly LeadAction[]> = {
  new: [{ kind: 'status', status: 'working' }, { kind: 'disqualify' }, { kind: 'convert' }],
  working: [
    { kind: 'status', status: 'qualified' },
    { kind: 'status', status: 'nurturing' },
    { kind: 'disqualify' },
    { kind: 'convert' },
  ],
  nurturing: [{ kind: 'status', status: 'working' }, { kind: 'disqualify' }, { kind: 'convert' }],
  qualified: [{ kind: 'convert' }, { kind: 'disqualify' }],
  disqualified: [],
  converted: [],
};

const STATUS_LABEL = {
  working: 'inbox.startWorking',
  nurturing: 'inbox.nurture',
  qualified: 'inbox.qualify',
} as const satisfies Record<string, MessageKey>;

export function actionLabel(t: Localizer, action: LeadAction): string {
  if (action.kind === 'status') return t.t(STATUS_LABEL[action.status]);
  return t.t(
    action.kind === 'take' ? 'inbox.takeIt' : action.kind === 'convert' ? 'inbox.convert' : 'inbox.disqualify',
  );
}

export interface RowView {
  lead: Lead;
  directory?: Directory;
  now: Date;
  /** New leads created before this are overdue. */
  overdueBefore: string;
  /** Offer the next steps (the caller may change leads). */
  editable: boolean;
  /** Offer "Assign to me" on a lead without an owner (the caller is a member). */
  mayTake: boolean;
  /** Buttons are off while a change is on its way. */
  busy: boolean;
  onAction(lead: Lead, action: LeadAction): void;
}

export function leadRow(t: Localizer, view: RowView): TemplateResult {
  const { lead, directory, now } = view;
  const overdue = lead.status === 'new' && lead.createdAt < view.overdueBefore;
  const campaign = lead.campaignId ? directory?.campaigns.get(lead.campaignId) : undefined;
  const origin = [lead.source, campaign && t.t('inbox.campaign', { name: campaign })].filter(Boolean).join(' · ');
  const actions = view.editable
    ? [...(view.mayTake && !lead.ownerId ? [{ kind: 'take' } as const] : []), ...NEXT[lead.status]]
    : [];
  return html`<li part="lead" class="lead" data-id=${lead.id}>
    <div class="lead-head">
      <span part="name" class="name">${lead.name}</span>
      ${lead.company ? html`<span part="company" class="company">${lead.company}</span>` : nothing}
      <span part="score" class="score">${t.t('inbox.score', { score: t.number(lead.score) })}</span>
    </div>
    ${
      lead.email || lead.phone
        ? html`<div part="reach" class="reach">
            ${lead.email ? html`<a href=${`mailto:${lead.email}`}>${lead.email}</a>` : nothing}
            ${lead.phone ? html`<a href=${`tel:${lead.phone.replace(/[^\d+]/g, '')}`}>${lead.phone}</a>` : nothing}
          </div>`
        : nothing
    }
    <div class="meta">
      <time
        part="came-in"
        datetime=${lead.createdAt}
        title=${t.date(lead.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
        >${t.t('inbox.created', { time: relativeTime(t.locale, lead.createdAt, now) })}</time
      >
      ${overdue ? html`<span part="overdue" class="overdue">${t.t('inbox.overdue')}</span>` : nothing}
      ${origin ? html`<span part="origin">${origin}</span>` : nothing}
    </div>
    <div part="assignment" class="meta">${assignment(t, lead, directory)}</div>
    ${
      actions.length
        ? html`<div part="actions" class="actions" role="group" aria-label=${t.t('inbox.actions', { name: lead.name })}>
            ${actions.map(
              (action) =>
                html`<button
                  part=${`action ${action.kind === 'status' ? `to-${action.status}` : action.kind}-button`}
                  class="button ${action.kind === 'convert' && lead.status === 'qualified' ? 'primary' : ''}"
                  type="button"
                  ?disabled=${view.busy}
                  @click=${() => view.onAction(lead, action)}
                >
                  ${actionLabel(t, action)}${action.kind === 'disqualify' || action.kind === 'convert' ? '…' : ''}
                </button>`,
            )}
          </div>`
        : nothing
    }
  </li>`;
}

/** "Owner: Ryan Patel, assigned by rule “Web” (round robin)", in the locale. */
function assignment(t: Localizer, lead: Lead, directory?: Directory): string {
  if (!lead.ownerId) return t.t('inbox.noOwner');
  const owner = t.t('inbox.ownedBy', { name: directory?.members.get(lead.ownerId) ?? t.t('inbox.someone') });
  if (!lead.assignmentRuleId) return owner;
  const rule = directory?.rules.get(lead.assignmentRuleId);
  return rule
    ? t.t('inbox.byRule', { owner, rule: rule.name, how: t.t(`inbox.strategy.${rule.strategy}`) })
    : t.t('inbox.byRuleGone', { owner });
}
