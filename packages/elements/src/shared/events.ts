import type { Customer, CustomerPatch, ImportSummary } from '@crmkit/core';
import type { Activity } from '@crmkit/core';
import type { CrmCaseSelectEvent } from './case-events.js';
import type { BoardCard, FunnelStep, Lead, Opportunity, Stage } from '@crmkit/core';

/**
 * Fired by `<crm-customer-card>` when the user activates its header (click, or Enter/Space on
 * the customer's name), and by `<crm-customer-list>` when the user chooses a row (click, or
 * Enter/Space on the active row). Bubbles and crosses shadow roots, so a host can listen on any
 * ancestor.
 */
export class CrmCustomerSelectEvent extends Event {
  static readonly eventName = 'crm-customer-select';
  readonly detail: { customer: Customer };

  constructor(customer: Customer) {
    super(CrmCustomerSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = { customer };
  }
}

/**
 * Fired by `<crm-customer-card>` before it saves the user's changes (`PATCH /customers/:id`).
 * Cancelable: `preventDefault()` vetoes the save, and the card stays in edit mode with the
 * user's input. `detail.changes` holds only the fields that change.
 */
export class CrmCustomerBeforeEditEvent extends Event {
  static readonly eventName = 'crm-customer-before-edit';
  readonly detail: { customer: Customer; changes: CustomerPatch };

  constructor(customer: Customer, changes: CustomerPatch) {
    super(CrmCustomerBeforeEditEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = { customer, changes };
  }
}

/**
 * Fired by `<crm-customer-card>` once the kit has saved the user's changes: `detail.customer` is
 * the saved customer (with its new `version`), `detail.previous` the one the user edited, and
 * `detail.changes` what was sent.
 */
export class CrmCustomerEditEvent extends Event {
  static readonly eventName = 'crm-customer-edit';
  readonly detail: { customer: Customer; previous: Customer; changes: CustomerPatch };

  constructor(customer: Customer, previous: Customer, changes: CustomerPatch) {
    super(CrmCustomerEditEvent.eventName, { bubbles: true, composed: true });
    this.detail = { customer, previous, changes };
  }
}

/**
 * Fired by `<crm-activity-log>` once the kit has saved an activity the user logged in its
 * composer (a call, email, meeting, note or follow-up task): `detail.activity` is the saved record.
 */
export class CrmActivityCreateEvent extends Event {
  static readonly eventName = 'crm-activity-create';
  readonly detail: { activity: Activity };

  constructor(activity: Activity) {
    super(CrmActivityCreateEvent.eventName, { bubbles: true, composed: true });
    this.detail = { activity };
  }
}

/**
 * Fired by `<crm-activity-log>` once the kit has saved a task as done (the user ticked it):
 * `detail.activity` is the saved task, with its `doneAt`.
 */
export class CrmActivityCompleteEvent extends Event {
  static readonly eventName = 'crm-activity-complete';
  readonly detail: { activity: Activity };

  constructor(activity: Activity) {
    super(CrmActivityCompleteEvent.eventName, { bubbles: true, composed: true });
    this.detail = { activity };
  }
}

/** Where a deal is dropped: its index among the cards of the target column and, as the move API takes them, the cards just before and after it. */
export interface CrmMovePosition {
  index: number;
  afterId?: string;
  beforeId?: string;
}

/**
 * Fired by `<crm-pipeline-board>` when the user drops a deal in a new place (by mouse, touch or
 * keyboard), before the move is sent to the kit. Cancelable: `preventDefault()` puts the deal
 * back and sends nothing. `detail.opportunity` is the deal as its card shows it. A listener may
 * set `detail.lostReason`, which is sent with the move (stages that require one have already
 * asked the user for it).
 */
export class CrmOpportunityMoveEvent extends Event {
  static readonly eventName = 'crm-opportunity-move';
  readonly detail: {
    opportunity: BoardCard;
    from: Stage;
    to: Stage;
    position: CrmMovePosition;
    lostReason?: string | null;
  };

  constructor(detail: CrmOpportunityMoveEvent['detail']) {
    super(CrmOpportunityMoveEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/**
 * Fired by `<crm-pipeline-board>` once the kit has saved a move: `detail.opportunity` is the
 * deal as saved (with its new `version`).
 */
export class CrmOpportunityMovedEvent extends Event {
  static readonly eventName = 'crm-opportunity-moved';
  readonly detail: { opportunity: Opportunity; from: Stage; to: Stage };

  constructor(opportunity: Opportunity, from: Stage, to: Stage) {
    super(CrmOpportunityMovedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { opportunity, from, to };
  }
}

/**
 * Fired when the user opens a deal: by `<crm-pipeline-board>` (a click on its card, or Enter on the
 * focused card) and by `<crm-customer-card>` (a deal of its open deals). `detail.opportunity` is
 * the deal as the element shows it (a board's card, or the deal itself), with its `id` and
 * `name`; a host shows the deal, e.g. in a `<crm-opportunity-card>`.
 */
export class CrmOpportunitySelectEvent extends Event {
  static readonly eventName = 'crm-opportunity-select';
  readonly detail: { opportunity: BoardCard | Opportunity };

  constructor(opportunity: BoardCard | Opportunity) {
    super(CrmOpportunitySelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = { opportunity };
  }
}

/**
 * Fired by `<crm-funnel-chart>` when the user chooses a stage (click, or Enter/Space on a
 * focused stage, in the chart or the table): `detail.stage` is the step as the funnel report
 * gives it.
 */
export class CrmFunnelStageSelectEvent extends Event {
  static readonly eventName = 'crm-funnel-stage-select';
  readonly detail: { stage: FunnelStep };

  constructor(stage: FunnelStep) {
    super(CrmFunnelStageSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = { stage };
  }
}

/** The kinds of record the elements create: a customer, a contact, a deal. */
export type CrmRecordKind = 'customer' | 'contact' | 'opportunity' | 'lead' | 'case';

/**
 * Fired by `<crm-record-form>` when the user submits a new record, before it is sent to the kit.
 * Cancelable: `preventDefault()` keeps the form open with what the user typed and sends nothing.
 * `detail.values` is the body about to be sent (a listener may change it).
 */
export class CrmRecordCreateEvent extends Event {
  static readonly eventName = 'crm-record-create';
  readonly detail: { resource: CrmRecordKind; values: Record<string, unknown> };

  constructor(resource: CrmRecordKind, values: Record<string, unknown>) {
    super(CrmRecordCreateEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = { resource, values };
  }
}

/**
 * Fired by `<crm-record-form>` once the kit has created the record: `detail.record` is the record
 * as saved. Lists and boards on the page show it at once.
 */
export class CrmRecordCreatedEvent extends Event {
  static readonly eventName = 'crm-record-created';
  readonly detail: { resource: CrmRecordKind; record: Record<string, unknown> & { id: string; version: number } };

  constructor(resource: CrmRecordKind, record: CrmRecordCreatedEvent['detail']['record']) {
    super(CrmRecordCreatedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { resource, record };
  }
}

/** What `<crm-trash>` lists: the kit's resources that have a trash the elements show. */
export type CrmTrashResource = 'customers' | 'contacts' | 'opportunities' | 'leads' | 'cases';

/**
 * Fired by `<crm-trash>` once the kit has restored a record: `detail.resource` says which kind,
 * `detail.record` is the record as restored (with its new `version`).
 */
export class CrmRecordRestoredEvent extends Event {
  static readonly eventName = 'crm-record-restored';
  readonly detail: { resource: CrmTrashResource; record: Record<string, unknown> & { id: string; version: number } };

  constructor(resource: CrmTrashResource, record: CrmRecordRestoredEvent['detail']['record']) {
    super(CrmRecordRestoredEvent.eventName, { bubbles: true, composed: true });
    this.detail = { resource, record };
  }
}

/**
 * Fired by `<crm-lead-form>` once the kit accepted a visitor's submission. Cancelable: when the form
 * has a redirect address, `preventDefault()` stays on the page (the thank-you text is shown instead).
 */
export class CrmLeadSubmittedEvent extends Event {
  static readonly eventName = 'crm-lead-submitted';
  readonly detail: { thankYouText: string | null; redirectUrl: string | null };

  constructor(thankYouText: string | null, redirectUrl: string | null) {
    super(CrmLeadSubmittedEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = { thankYouText, redirectUrl };
  }
}

/**
 * Fired by `<crm-lead-inbox>` once the kit converted a lead: `detail.lead` as converted, and the ids of
 * the customer, the contact and the deal it made or linked (`contactId` and `opportunityId` may be null).
 */
export class CrmLeadConvertedEvent extends Event {
  static readonly eventName = 'crm-lead-converted';
  readonly detail: { lead: Lead; customerId: string; contactId: string | null; opportunityId: string | null };

  constructor(lead: Lead, customerId: string, contactId: string | null, opportunityId: string | null) {
    super(CrmLeadConvertedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { lead, customerId, contactId, opportunityId };
  }
}

/** A cell of the forecast: whose deals (a member's, a team's, or everyone's) in which category. */
export interface CrmForecastCell {
  /** The member, for a member's row. */
  ownerId?: string;
  /** The team, for a team's row. */
  teamId?: string;
  category: 'closed' | 'commit' | 'bestCase' | 'pipeline' | 'omitted';
  /** The period's first and last day. */
  from: string;
  to: string;
}

/**
 * Fired by `<crm-forecast>` when the user chooses a figure (click, or Enter/Space on it): a host
 * shows the deals behind it, e.g. a board filtered to the owner and the close dates.
 */
export class CrmForecastSelectEvent extends Event {
  static readonly eventName = 'crm-forecast-select';
  readonly detail: CrmForecastCell;

  constructor(cell: CrmForecastCell) {
    super(CrmForecastSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = cell;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-forecast-select': CrmForecastSelectEvent;
    'crm-lead-submitted': CrmLeadSubmittedEvent;
    'crm-record-create': CrmRecordCreateEvent;
    'crm-record-created': CrmRecordCreatedEvent;
    'crm-funnel-stage-select': CrmFunnelStageSelectEvent;
    'crm-opportunity-move': CrmOpportunityMoveEvent;
    'crm-opportunity-moved': CrmOpportunityMovedEvent;
    'crm-activity-complete': CrmActivityCompleteEvent;
    'crm-activity-create': CrmActivityCreateEvent;
    'crm-customer-before-edit': CrmCustomerBeforeEditEvent;
    'crm-customer-edit': CrmCustomerEditEvent;
    'crm-customer-select': CrmCustomerSelectEvent;
    'crm-case-select': CrmCaseSelectEvent;
  }
}

// In a module of its own, so that the support queue's entry carries this event and not every other one
// (a class with a static field is kept by a bundler whether it is used or not).
export { CrmCaseSelectEvent } from './case-events.js';

/**
 * Fired by `<crm-import>` when an import or a check of a file has run to its end (not when it was
 * cancelled): `detail.resource`, and `detail.summary` as the kit counted it (`dryRun` true for a check).
 */
export class CrmImportFinishedEvent extends Event {
  static readonly eventName = 'crm-import-finished';
  readonly detail: { resource: string; summary: ImportSummary };

  constructor(resource: string, summary: ImportSummary) {
    super(CrmImportFinishedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { resource, summary };
  }
}
