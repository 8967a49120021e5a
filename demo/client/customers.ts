// The customers page: the kit's own <crm-customer-list> (search, filters, infinite scroll, and
// "New customer" for those who may) beside a detail pane with the chosen customer's
// <crm-customer-card> and <crm-activity-log>. A new customer is chosen as it is created. The URL
// keeps the choice and the search (?customer=…&q=…), so a reload or the back button returns here.
import '@crmkit/elements';
import './open-deal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A little longer than the list waits after typing before it searches. */
const URL_DELAY_MS = 400;

const list = document.querySelector('crm-customer-list')!;
const detail = document.getElementById('customer-detail')!;
const empty = document.getElementById('detail-empty')!;
const openFull = document.getElementById('detail-open') as HTMLAnchorElement;

/** Shows one customer's card and activity; the provider around the page gives them their client. */
function select(id: string, { scroll = false } = {}): void {
  list.selected = id;
  let card = detail.querySelector('crm-customer-card');
  let log = detail.querySelector('crm-activity-log');
  if (!card || !log) {
    card = document.createElement('crm-customer-card');
    card.variant = 'full';
    // Edit, Add contact and New deal, each offered as the signed-in user's role allows.
    card.editable = true;
    // Under the page's h1 (Customers): the customer's name, then their activity below it.
    card.headingLevel = 2;
    log = document.createElement('crm-activity-log');
    log.headingLevel = 3;
    // The link to the customer's own page sits in the card's header, beside its name.
    card.append(openFull);
    detail.append(card, log);
  }
  card.customerId = id;
  log.for = `customer:${id}`;
  empty.hidden = true;
  openFull.hidden = false;
  openFull.href = `/customers/${encodeURIComponent(id)}`;
  syncUrl();
  // On a phone the detail sits below the list: bring it into view.
  if (scroll && matchMedia('(max-width: 860px)').matches) {
    detail.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
}

function syncUrl(): void {
  const url = new URL(location.href);
  url.search = '';
  if (list.search.trim()) url.searchParams.set('q', list.search.trim());
  if (list.selected) url.searchParams.set('customer', list.selected);
  if (url.href !== location.href) history.replaceState(null, '', url);
}

list.addEventListener('crm-customer-select', (event) => select(event.detail.customer.id, { scroll: true }));

// The list sets its `search` a moment after typing stops (or on Enter, or "Clear filters"):
// the address follows it then.
let urlTimer: ReturnType<typeof setTimeout> | undefined;
const syncSoon = () => {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(syncUrl, URL_DELAY_MS);
};
for (const type of ['input', 'change', 'click', 'keydown']) list.addEventListener(type, syncSoon);
openFull.addEventListener('click', syncUrl);

// The card's name is a button; the portal answers it by opening the customer's own page.
detail.addEventListener('crm-customer-select', (event) => {
  syncUrl();
  location.assign(`/customers/${encodeURIComponent(event.detail.customer.id)}`);
});

const chosen = new URL(location.href).searchParams.get('customer') ?? '';
if (UUID.test(chosen)) select(chosen.toLowerCase());
