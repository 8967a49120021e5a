import type { Customer } from '@crmkit/core';

/**
 * Fired by `<crm-customer-card>` when the user activates its header (click, or Enter/Space on
 * the customer's name). Bubbles and crosses shadow roots, so a host can listen on any ancestor.
 */
export class CrmCustomerSelectEvent extends Event {
  static readonly eventName = 'crm-customer-select';
  readonly detail: { customer: Customer };

  constructor(customer: Customer) {
    super(CrmCustomerSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = { customer };
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-customer-select': CrmCustomerSelectEvent;
  }
}
