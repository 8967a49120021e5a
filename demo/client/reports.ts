// The reports page: the server rendered the reports inside their provider; this registers them, and
// opens a customer the customer analysis names (one at risk) on its own page.
import '@crmkit/elements';

document.addEventListener('crm-customer-select', (event) => {
  const { customer } = (event as CustomEvent<{ customer: { id: string } }>).detail;
  window.location.assign(`/customers/${customer.id}`);
});
