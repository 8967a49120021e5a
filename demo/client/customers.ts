// The customers page: a searchable list from the kit's API, and the chosen customer's
// <crm-customer-card> beside it. The URL keeps the search and the choice (?q=…&customer=…).
import '@crmkit/elements';
import { ApiError, createClient, type Customer } from '@crmkit/core';
import { messages, type Lang } from '../src/i18n.js';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 250;

const root = document.getElementById('customers')!;
const t = messages[(root.dataset.lang as Lang) in messages ? (root.dataset.lang as Lang) : 'en'].customers;
const client = createClient({ baseUrl: root.dataset.api! });

const search = document.getElementById('customer-search') as HTMLInputElement;
const status = document.getElementById('list-status')!;
const list = document.getElementById('customer-list')!;
const more = document.getElementById('list-more') as HTMLButtonElement;
const detail = document.getElementById('customer-detail')!;
const empty = document.getElementById('detail-empty')!;
const provider = detail.querySelector('crm-provider')!;
const openFull = document.getElementById('detail-open') as HTMLAnchorElement;

const params = new URL(location.href).searchParams;
let query = params.get('q') ?? '';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let selected = UUID.test(params.get('customer') ?? '') ? params.get('customer') : null;
let cursor: string | null = null;
let shown = 0;
let inFlight: AbortController | null = null;

search.value = query;

/** Loads the first page for the current search, or with `append` the next page. */
async function load(append = false): Promise<void> {
  inFlight?.abort();
  const controller = (inFlight = new AbortController());
  if (!append) {
    cursor = null;
    shown = 0;
  }
  status.textContent = t.loading;
  list.setAttribute('aria-busy', 'true');
  more.hidden = true;
  try {
    const page = await client.customers.list(
      { limit: PAGE_SIZE, q: query || undefined, cursor: append ? (cursor ?? undefined) : undefined },
      { signal: controller.signal },
    );
    if (!append) list.replaceChildren();
    list.append(...page.items.map(row));
    shown += page.items.length;
    cursor = page.nextCursor;
    more.hidden = cursor === null;
    status.textContent = shown > 0 ? t.shown(shown, cursor !== null) : query ? t.noMatch(query) : t.none;
  } catch (error) {
    if (controller.signal.aborted) return;
    if (error instanceof ApiError && error.status === 401) {
      location.assign(`/login?${new URLSearchParams({ next: location.pathname })}`);
      return;
    }
    console.error(error);
    status.replaceChildren(t.failed, ' ', retryButton());
  } finally {
    if (inFlight === controller) list.removeAttribute('aria-busy');
  }
}

function row(customer: Customer): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'customer-row';
  button.dataset.id = customer.id;
  if (customer.id === selected) button.setAttribute('aria-current', 'true');

  const avatar = element('span', 'avatar small', initial(customer.name));
  avatar.setAttribute('aria-hidden', 'true');
  const text = element('span', 'row-text');
  const meta = [customer.kind === 'person' ? t.person : customer.industry, customer.region].filter(Boolean);
  text.append(element('span', 'row-name', customer.name), element('span', 'row-meta', meta.join(' · ')));
  const stage = element('span', `badge stage-${customer.lifecycleStage}`, t.stages[customer.lifecycleStage]);
  button.append(avatar, text, stage);
  item.append(button);
  return item;
}

/** Shows one customer's card; the provider around it gives the card its client, locale and currency. */
function select(id: string, { scroll = false } = {}): void {
  selected = id;
  for (const button of list.querySelectorAll<HTMLButtonElement>('.customer-row')) {
    if (button.dataset.id === id) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
  let card = provider.querySelector('crm-customer-card');
  if (!card) {
    card = document.createElement('crm-customer-card');
    card.setAttribute('variant', 'full');
    // Under the page's h1 (Customers) and the list's h2.
    card.setAttribute('heading-level', '2');
    provider.append(card);
  }
  card.setAttribute('customer-id', id);
  empty.hidden = true;
  openFull.hidden = false;
  openFull.href = `/customers/${encodeURIComponent(id)}`;
  syncUrl();
  // On a phone the card sits below the list: bring it into view.
  if (scroll && matchMedia('(max-width: 860px)').matches) detail.scrollIntoView({ behavior: 'smooth' });
}

function syncUrl(): void {
  const url = new URL(location.href);
  url.search = '';
  if (query) url.searchParams.set('q', query);
  if (selected) url.searchParams.set('customer', selected);
  history.replaceState(null, '', url);
}

function retryButton(): HTMLButtonElement {
  const button = element('button', 'button small', t.retry);
  button.type = 'button';
  button.addEventListener('click', () => void load());
  return button;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    if (search.value.trim() === query) return;
    query = search.value.trim();
    syncUrl();
    void load();
  }, SEARCH_DELAY_MS);
});
// Enter searches at once instead of reloading the page.
search.form!.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(searchTimer);
  query = search.value.trim();
  syncUrl();
  void load();
});

list.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('.customer-row');
  if (button?.dataset.id) select(button.dataset.id, { scroll: true });
});
// Up and down arrows move between customers, as in a list box.
list.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const rows = [...list.querySelectorAll<HTMLButtonElement>('.customer-row')];
  const at = rows.indexOf(document.activeElement as HTMLButtonElement);
  const next = rows[at + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
});
more.addEventListener('click', () => void load(true));
// The card's name is a button; the portal answers it by opening the customer's own page.
detail.addEventListener('crm-customer-select', (event) => {
  location.assign(`/customers/${encodeURIComponent(event.detail.customer.id)}`);
});

if (selected) select(selected);
void load();
