// A case's own page: the server rendered its card, timeline and history inside their provider; this
// registers them, and opens the case's customer on its own page when the card names it.
import '@crmkit/elements';

document.addEventListener('crm-customer-select', (event) => {
  const { customer } = (event as CustomEvent<{ customer: { id: string } }>).detail;
  window.location.assign(`/customers/${customer.id}`);
});
