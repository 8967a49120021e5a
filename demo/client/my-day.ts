// "My day": the server rendered the task list inside its provider; this registers it. What a task is
// about opens on its own page: the deal, else the customer.
import '@crmkit/elements';
import './open-deal.js';

document.addEventListener('crm-customer-select', (event) => {
  const { customer } = (event as CustomEvent<{ customer: { id: string } }>).detail;
  window.location.assign(`/customers/${customer.id}`);
});
