// The events of the support queue and the case card (re-exported by events.ts, where the others are).
import type { Case } from '@crmkit/core';

/**
 * Fired by `<crm-case-list>` when the user opens a case (its subject, by click or Enter): `detail.case`
 * is the case as the list shows it; a host shows it, e.g. in a `<crm-case-card>`.
 */
export class CrmCaseSelectEvent extends Event {
  static readonly eventName = 'crm-case-select';
  readonly detail: { case: Case };

  constructor(kase: Case) {
    super(CrmCaseSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = { case: kase };
  }
}
