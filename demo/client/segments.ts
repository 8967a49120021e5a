// The segments page: the server rendered the builder (and the chosen segment's customers) inside
// its provider; this registers them. A new segment, once saved, opens on its own page; a customer
// chosen in the list opens on theirs.
import '@crmkit/elements';

const builder = document.querySelector('crm-segment-builder');
const isNew = builder?.getAttribute('segment-id') === '';

builder?.addEventListener('crm-segment-saved', (event) => {
  if (isNew) location.assign(`/segments/${encodeURIComponent(event.detail.segment.id)}`);
});

document.querySelector('crm-customer-list')?.addEventListener('crm-customer-select', (event) => {
  location.assign(`/customers/${encodeURIComponent(event.detail.customer.id)}`);
});
