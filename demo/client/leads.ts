// The leads page: the server rendered the inbox inside its provider; this registers it. What a
// conversion made opens on its own page: the deal if it opened one, else the customer.
import '@crmkit/elements';
import './open-deal.js';

document.addEventListener('crm-customer-select', (event) => {
  const { customer } = (event as CustomEvent<{ customer: { id: string } }>).detail;
  window.location.assign(`/customers/${customer.id}`);
});
