import type { CrmClient, Customer, CustomerListQuery, LifecycleStage, Segment, User } from '@crmkit/core';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { badges } from '../shared/badges.styles.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmCustomerSelectEvent, type CrmCustomerEditEvent, type CrmRecordCreatedEvent } from '../shared/events.js';
import { failureOf, type Failure } from '../shared/failure.js';
import { controls } from '../shared/controls.styles.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { emptyState, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { styles } from './customer-list.styles.js';
import { countText, FAILURES, renderMore, renderRow, renderSkeleton, withSaved } from './list-row.js';
import { listboxMove } from './listbox.js';
import { RecordCreator } from '../shared/record-creator.js';
import { renderToolbar, SORTS, type CustomerSort } from './list-toolbar.js';
import * as en from '../shared/messages/en.js';
import { TYPING_PAUSE_MS } from '../shared/typing.js';
import { everyPage } from '../shared/every-page.js';

useEnglish(en.action, en.card, en.filter, en.list);

export type { CustomerSort } from './list-toolbar.js';

/** How long typing pauses before a search is sent. */
/** Load the next page when fewer rows than this many screens' worth are left below the view. */
const LOOKAHEAD_SCREENS = 2;
/** How many distinct regions and tags the filter boxes suggest. */
const MAX_SUGGESTIONS = 50;

type Status = 'unconfigured' | 'loading' | 'loaded' | 'error';

/**
 * A searchable, filterable list of customers that stays smooth at any size: it pages through the
 * kit with keyset cursors as the user scrolls (`GET /customers?cursor=`), and renders only the
 * rows in view. Search runs as the user types (names, emails and phones, in any script), and a
 * new query aborts the one in flight. Filters: owner, lifecycle stage, tag and region; sort by
 * name, creation or last update. When the list is narrow (under 544px), the filters and sort fold
 * behind a "Filters" button, so the rows keep the room.
 *
 * The rows are a listbox: Tab reaches it, the arrow keys, Page Up/Down, Home and End move through
 * it, and Enter (or a click) chooses a customer, which fires `crm-customer-select`: wire it to a
 * `<crm-customer-card>`:
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-customer-list lifecycle-stage="customer"></crm-customer-list>
 *   <crm-customer-card></crm-customer-card>
 * </crm-provider>
 * <script>
 *   document.addEventListener('crm-customer-select', (event) => {
 *     document.querySelector('crm-customer-card').customerId = event.detail.customer.id;
 *   });
 * </script>
 * ```
 *
 * Give the element a height (or set `--crm-customer-list-height`) to size its scrolling area.
 *
 * @summary Customers to search, filter, sort and choose from, paged and virtualized.
 * @tag crm-customer-list
 *
 * @slot empty - What to show when no customer matches. Defaults to a short note and a "Clear filters" button.
 * @slot toolbar-end - Extra controls at the end of the toolbar.
 *
 * Inside a `<crm-provider>` whose caller may create customers, the toolbar offers "New customer",
 * which opens a `<crm-record-form>`; the new customer (from this list's form or any other on the
 * page) shows at the top of the list at once, chosen. The owner filter offers the owners whose
 * customers the caller sees.
 *
 * @csspart base - The outer box.
 * @csspart toolbar - The search box, filters and sort.
 * @csspart search - The search input.
 * @csspart filter - Each filter control (owner, stage, tag, region).
 * @csspart sort - The sort select.
 * @csspart filters-button - The "Filters" button that shows and hides the filters and sort when the list is narrow (hidden when wide).
 * @csspart clear-button - The "Clear filters" button.
 * @csspart create-button - The "New customer" button.
 * @csspart count - The line with the number of customers.
 * @csspart list - The scrolling listbox of rows.
 * @csspart option - One row (role `option`).
 * @csspart option-name - A row's customer name.
 * @csspart avatar - A row's initials badge.
 * @csspart stage - A row's lifecycle stage badge.
 * @csspart skeleton - The placeholder rows shown while the first page loads.
 * @csspart empty - The box shown when nothing matches.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button of an error.
 * @csspart more - The line at the end while the next page loads, or when it failed.
 *
 * @cssproperty [--crm-customer-list-height=448px] - The height of the scrolling rows when the element itself has no height.
 *
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user chose a row (click, Enter or Space), or created a customer; `event.detail.customer` is its customer.
 */
export class CrmCustomerList extends CrmElement {
  static override styles = [tokens, buttons, controls, states, badges, styles];

  /** Search text: matches names, emails and phones (the API's `q`). Typing in the search box sets it after a short pause. */
  @property() search = '';

  /** Only customers of this owner (a user id). */
  @property({ attribute: 'owner-id' }) ownerId = '';

  /** Only customers in this lifecycle stage (`subscriber`, `lead`, `prospect`, `customer`, `evangelist`, `churned`). */
  @property({ attribute: 'lifecycle-stage' }) lifecycleStage: LifecycleStage | '' = '';

  /** Only customers with this tag. */
  @property() tag = '';

  /** Only customers in this region. */
  @property() region = '';

  /**
   * Only the customers a segment's rules match now: a scope the host sets, kept when the user clears
   * the filters. Without it, the user may filter by any segment of the organization's.
   */
  @property({ attribute: 'segment-id' }) segmentId = '';

  /** The order: `name`, `-name`, `createdAt`, `-createdAt` (newest first), `updatedAt`, `-updatedAt`. */
  @property() sort: CustomerSort = 'name';

  /** The id of the chosen customer, shown as selected. Choosing a row sets it. */
  @property({ reflect: true }) selected = '';

  /**
   * How many customers the first request asks for (1–200). Later pages ask for up to four times
   * as many (at most 200), so fast scrolling rarely reaches the end of what is loaded.
   */
  @property({ attribute: 'page-size', type: Number }) pageSize = 50;

  /** The accessible name of the list of rows. Defaults to "Customers" in the element's language. */
  @property() label = '';

  @state() private items: Customer[] = [];
  @state() private status: Status = 'loading';
  @state() private failure: Failure = 'generic';
  @state() private nextCursor: string | null = null;
  @state() private more: 'idle' | 'loading' | 'error' = 'idle';
  @state() private active = -1;
  @state() private users: User[] = [];
  /** The organization's segments, for the segment filter (when the caller may read them). */
  @state() private segments: Segment[] = [];
  /** The segment the user filters by (within no host scope: see `segmentId`). */
  @state() private pickedSegment = '';
  /** What the text boxes hold, ahead of their debounced properties. */
  @state() private typed = { search: '', tag: '', region: '' };
  /** What the live region says: the count after each query, or a failure. */
  @state() private announcement = '';
  /** Whether the filters and sort are shown when the list is narrow (they fold behind a button there). */
  @state() private filtersOpen = false;

  @query('[part~="list"]') private listElement?: HTMLElement & VirtualizerHostElement;

  #abort?: AbortController;
  #queryKey = '';
  #client?: CrmClient;
  #choicesFor?: CrmClient;
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #regions = new Set<string>();
  #tags = new Set<string>();
  /** The rows in view, as the virtualizer reports them (once it has: `#visibleKnown`). */
  #visible = { first: 0, last: 0 };
  #visibleKnown = false;
  /** The chosen customer is to be brought into view once its row is loaded. */
  #revealSelected = false;
  /** A row to bring into view as soon as the virtualizer says which rows are in view. */
  #pendingReveal?: number;
  readonly #creator = new RecordCreator(this, 'customer');
  #scrollToTop = false;
  #scrollActive = false;

  /** The customers loaded so far, in the list's order. */
  get customers(): readonly Customer[] {
    return this.items;
  }

  /** Whether more customers are left to load. */
  get hasMore(): boolean {
    return this.nextCursor !== null;
  }

  /** Loads the list again from the start (what "Try again" does). */
  reload(): void {
    this.#queryKey = '';
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Saved edits (e.g. in a card beside the list) show in their row at once.
    document.addEventListener('crm-customer-edit', this.#onCustomerEdit);
    document.addEventListener('crm-record-created', this.#onCreated);
    if (this.hasUpdated) this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('crm-customer-edit', this.#onCustomerEdit);
    document.removeEventListener('crm-record-created', this.#onCreated);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#abort?.abort();
    this.#queryKey = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A customer chosen by the host (also as the initial attribute) is brought into view.
    if (changed.has('selected') && this.selected) this.#revealSelected = true;
    // Text properties set from outside show in their boxes.
    for (const name of ['search', 'tag', 'region'] as const) {
      if (changed.has(name) && (this[name] ?? '') !== this.typed[name].trim()) {
        this.typed = { ...this.typed, [name]: this[name] ?? '' };
      }
    }
    const client = this.client;
    if (client !== this.#choicesFor) this.#loadChoices(client);
    if (!client) {
      this.#abort?.abort();
      this.#queryKey = '';
      this.status = 'unconfigured';
      return;
    }
    const query = this.#query();
    const key = JSON.stringify(query);
    // A new token may be what a failed load was missing.
    if (changed.has('token') && this.status === 'error') this.#queryKey = '';
    if (client !== this.#client || key !== this.#queryKey) {
      this.#client = client;
      this.#queryKey = key;
      this.#loadFirst(client, query);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const list = this.listElement;
    if (this.#scrollToTop && list) {
      this.#scrollToTop = false;
      list.scrollTop = 0;
    }
    if (this.#scrollActive && list && this.active >= 0) {
      this.#scrollActive = false;
      // The keyboard's row is scrolled wholly into view, also when it shows in part.
      this.#reveal(this.active, { always: true });
    }
    if (this.#revealSelected && list && this.status === 'loaded') {
      // A selection made outside (e.g. by the host) scrolls into view if its row is loaded.
      this.#revealSelected = false;
      const index = this.items.findIndex((customer) => customer.id === this.selected);
      if (index >= 0) this.#reveal(index);
    }
  }

  /**
   * Brings a row into view unless it is in view already. Until the virtualizer has laid out the
   * rows and said which are in view, it waits: scrolling to a row's estimated place would leave
   * the list scrolled a little for a row that was in view all along.
   */
  #reveal(index: number, { always = false } = {}): void {
    if (!this.#visibleKnown) {
      this.#pendingReveal = index;
      return;
    }
    if (always || index < this.#visible.first || index > this.#visible.last) this.#scrollToIndex(index);
  }

  /** Brings a row into view, once the virtualizer has laid out its first rows. */
  #scrollToIndex(index: number, attempts = 30): void {
    const virtualizer = this.listElement?.[virtualizerRef];
    if (!virtualizer) return;
    try {
      virtualizer.element(index)?.scrollIntoView({ block: 'nearest' });
    } catch {
      // Not laid out yet (e.g. the rows arrived in this very update): try again next frame.
      if (attempts > 0) requestAnimationFrame(() => this.#scrollToIndex(index, attempts - 1));
    }
  }

  protected override render() {
    const t = this.localize;
    return html`
      <div lang=${t.locale} class="root">
        <div part="base" class="box">
          ${renderToolbar(t, {
            typed: this.typed,
            ownerId: this.ownerId,
            lifecycleStage: this.lifecycleStage,
            sort: this.sort,
            users: this.users.filter((user) => this.seesOwner(user.id)),
            // A list the host scoped to a segment offers no other.
            segments: this.segmentId ? [] : this.segments,
            segmentId: this.segmentId ? '' : this.pickedSegment,
            tags: this.#tags,
            regions: this.#regions,
            filtered: this.#filtered(),
            filtersOpen: this.filtersOpen,
            hasRows: this.items.length > 0,
            onType: (name, event) => this.#onType(name, event),
            onFlush: (name) => this.#flush(name),
            onSearchKeydown: this.#onSearchKeydown,
            onToggleFilters: () => (this.filtersOpen = !this.filtersOpen),
            onSort: (sort) => (this.sort = sort),
            onOwner: (id) => (this.ownerId = id),
            onStage: (stage) => (this.lifecycleStage = stage),
            onSegment: (id) => (this.pickedSegment = id),
            onClear: this.#clearFilters,
            onCreate: this.offersCreate('customers') ? () => void this.#creator.open() : undefined,
          })}
          <div part="count" class="count" aria-hidden="true">${this.#count(t)}</div>
          <div class="body">${this.#renderBody(t)}</div>
        </div>
        <div role="status" class="visually-hidden">${this.announcement}</div>
      </div>
    `;
  }

  #renderBody(t: Localizer) {
    if (this.status === 'unconfigured') return errorBox({ message: t.t('card.notConnected') });
    if (this.status === 'error') {
      const [message, detail] = FAILURES[this.failure];
      const retry = { label: t.t('action.retry'), onClick: () => this.reload() };
      return errorBox({ message: t.t(message), detail: detail && t.t(detail), retry });
    }
    if (this.status === 'loading' && this.items.length === 0) return renderSkeleton(t);
    if (this.status === 'loaded' && this.items.length === 0) {
      const filtered = this.#filtered();
      return emptyState({
        title: t.t(filtered ? 'list.empty' : 'list.emptyAll'),
        detail: filtered ? t.t('list.emptyDetail') : undefined,
        action: filtered
          ? html`<button class="button" type="button" @click=${this.#clearFilters}>${t.t('filter.clear')}</button>`
          : undefined,
        slot: 'empty',
      });
    }
    const activeCustomer = this.items[this.active];
    const setSize = this.nextCursor ? -1 : this.items.length;
    return html`
      <div
        part="list"
        id="list"
        class="list ${this.status === 'loading' ? 'stale' : ''}"
        role="listbox"
        tabindex="0"
        aria-label=${this.label || t.t('list.label')}
        aria-activedescendant=${activeCustomer ? `option-${activeCustomer.id}` : nothing}
        aria-busy=${this.status === 'loading' || this.more === 'loading' ? 'true' : 'false'}
        @keydown=${this.#onListKeydown}
        @focus=${this.#onListFocus}
        @click=${this.#onListClick}
        @visibilityChanged=${this.#onVisibilityChanged}
      >
        ${virtualize({
          items: this.items,
          keyFunction: (customer: Customer) => customer.id,
          renderItem: (customer: Customer, index: number) =>
            renderRow(t, customer, {
              index,
              setSize,
              active: index === this.active,
              selected: customer.id === this.selected,
              owner: customer.ownerId ? this.#owner(customer.ownerId)?.name : undefined,
            }),
          scroller: true,
          // Given, not left to the default: the default layout is imported lazily, a second request.
          layout: flow(),
        })}
      </div>
      ${renderMore(t, this.more, this.#loadMore)}
    `;
  }

  #count(t: Localizer): string {
    return countText(t, this.status, this.items.length, this.nextCursor !== null);
  }

  // ---- Data ----------------------------------------------------------------------------------

  #query(): CustomerListQuery {
    return {
      q: this.search?.trim() || undefined,
      ownerId: this.ownerId || undefined,
      lifecycleStage: this.lifecycleStage || undefined,
      tag: this.tag?.trim() || undefined,
      region: this.region?.trim() || undefined,
      segmentId: this.segmentId || this.pickedSegment || undefined,
      sort: SORTS.includes(this.sort) ? this.sort : 'name',
      limit: Math.min(200, Math.max(1, Math.round(this.pageSize) || 50)),
    };
  }

  #filtered(): boolean {
    return Boolean(
      this.segmentId ||
      this.pickedSegment ||
      this.typed.search.trim() ||
      this.ownerId ||
      this.lifecycleStage ||
      this.typed.tag.trim() ||
      this.typed.region.trim(),
    );
  }

  #loadFirst(client: CrmClient, query: CustomerListQuery): void {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'loading';
    this.more = 'idle';
    client.customers.list(query, { signal: abort.signal }).then(
      (page) => {
        if (abort.signal.aborted) return;
        this.items = page.items;
        this.nextCursor = page.nextCursor;
        this.status = 'loaded';
        this.#remember(page.items);
        // A new result starts at its top; the active row follows the list's focus.
        this.active = page.items.length && this.#listFocused() ? 0 : -1;
        this.#scrollToTop = true;
        this.announcement = page.items.length
          ? this.#count(this.localize)
          : this.localize.t(this.#filtered() ? 'list.empty' : 'list.emptyAll');
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.items = [];
        this.nextCursor = null;
        this.status = 'error';
        this.failure = failureOf(error);
        this.announcement = this.localize.t(FAILURES[this.failure][0]);
      },
    );
  }

  #loadMore = () => {
    const client = this.#client;
    const cursor = this.nextCursor;
    const abort = this.#abort;
    if (!client || !cursor || !abort || this.status !== 'loaded' || this.more === 'loading') return;
    this.more = 'loading';
    const query = this.#query();
    const limit = Math.min(200, (query.limit as number) * 4);
    client.customers.list({ ...query, limit, cursor }, { signal: abort.signal }).then(
      (page) => {
        if (abort.signal.aborted) return;
        this.items = this.items.concat(page.items);
        this.nextCursor = page.nextCursor;
        this.more = 'idle';
        this.#remember(page.items);
      },
      () => {
        if (abort.signal.aborted) return;
        this.more = 'error';
        this.announcement = this.localize.t('list.moreError');
      },
    );
  };

  #loadChoices(client: CrmClient | undefined): void {
    this.#choicesFor = client;
    this.users = [];
    this.segments = [];
    if (!client) return;
    // Likewise the segment filter, with the organization's segments.
    everyPage((page) => client.segments.list({ ...page, sort: 'name' })).then(
      (segments) => {
        if (this.#choicesFor === client) this.segments = segments;
      },
      () => {},
    );
    // The owner filter lists the organization's users; without access to them it is left out.
    everyPage((page) => client.users.list({ ...page, sort: 'name' })).then(
      (users) => {
        if (this.#choicesFor === client) this.users = users.filter((user) => user.active);
      },
      () => {},
    );
  }

  #owner(id: string): User | undefined {
    return this.users.find((user) => user.id === id);
  }

  /** Regions and tags seen, to suggest in the filter boxes. */
  #remember(customers: Customer[]): void {
    for (const customer of customers) {
      if (customer.region && this.#regions.size < MAX_SUGGESTIONS) this.#regions.add(customer.region);
      for (const tag of customer.tags) if (this.#tags.size < MAX_SUGGESTIONS) this.#tags.add(tag);
    }
  }

  #onType(name: 'search' | 'tag' | 'region', event: Event): void {
    this.typed = { ...this.typed, [name]: (event.target as HTMLInputElement).value };
    clearTimeout(this.#timers.get(name));
    this.#timers.set(
      name,
      setTimeout(() => this.#flush(name), TYPING_PAUSE_MS),
    );
  }

  /** Applies what is typed in a box now, without waiting for the pause. */
  #flush(name: 'search' | 'tag' | 'region'): void {
    clearTimeout(this.#timers.get(name));
    this.#timers.delete(name);
    this[name] = this.typed[name].trim();
  }

  #clearFilters = () => {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.typed = { search: '', tag: '', region: '' };
    this.search = '';
    this.tag = '';
    this.region = '';
    this.ownerId = '';
    this.lifecycleStage = '';
    this.pickedSegment = '';
    this.renderRoot.querySelector<HTMLInputElement>('[part~="search"]')?.focus();
  };

  #onSearchKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.isComposing) {
      this.#flush('search');
    } else if (event.key === 'ArrowDown' && this.items.length) {
      // From the search box straight into the results.
      event.preventDefault();
      this.#flush('search');
      this.listElement?.focus();
    }
  };

  #listFocused(): boolean {
    // (Before the first rows the listbox is not rendered: nothing focused is not the list focused.)
    const list = this.listElement;
    return Boolean(list) && this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement === list;
  }

  #onListFocus = () => {
    if (this.active >= 0 || !this.items.length) return;
    const selected = this.items.findIndex((customer) => customer.id === this.selected);
    this.#moveTo(selected >= 0 ? selected : Math.min(this.#visible.first, this.items.length - 1));
  };

  #onListKeydown = (event: KeyboardEvent) => {
    const count = this.items.length;
    if (!count) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const customer = this.items[this.active];
      if (customer) this.#choose(customer);
      return;
    }
    const page = Math.max(1, this.#visible.last - this.#visible.first);
    const next = listboxMove(event.key, this.active, count, page);
    if (next === undefined) return;
    event.preventDefault();
    this.#moveTo(next);
  };

  #moveTo(index: number): void {
    this.active = index;
    this.#scrollActive = true;
    // Moving near the end of what is loaded loads more.
    this.#loadMoreIfNear(index);
  }

  #loadMoreIfNear(last: number): void {
    // After a failed page, only the retry button (or a new query) asks again.
    if (this.more !== 'idle') return;
    const screen = Math.max(5, this.#visible.last - this.#visible.first + 1);
    if (last >= this.items.length - 1 - LOOKAHEAD_SCREENS * screen) this.#loadMore();
  }

  #onListClick = (event: MouseEvent) => {
    const option = event
      .composedPath()
      .find(
        (target): target is HTMLElement => target instanceof HTMLElement && target.getAttribute('role') === 'option',
      );
    if (!option) return;
    const index = Number(option.dataset.index);
    const customer = this.items[index];
    if (!customer) return;
    this.active = index;
    this.#choose(customer);
  };

  #choose(customer: Customer): void {
    this.selected = customer.id;
    const event = new CrmCustomerSelectEvent(customer);
    this.dispatchEvent(event);
  }

  #onVisibilityChanged = (event: Event) => {
    const { first, last } = event as Event & { first: number; last: number };
    this.#visible = { first, last };
    this.#visibleKnown = true;
    const pending = this.#pendingReveal;
    this.#pendingReveal = undefined;
    if (pending !== undefined) this.#reveal(pending);
    this.#loadMoreIfNear(last);
  };

  #onCustomerEdit = (event: Event) => {
    this.items = withSaved(this.items, (event as CrmCustomerEditEvent).detail.customer);
  };

  /** A customer created anywhere on the page shows at the top, chosen, whatever the filters. */
  #onCreated = (event: Event) => {
    const { detail } = event as CrmRecordCreatedEvent;
    if (detail.resource !== 'customer' || this.items.some((c) => c.id === detail.record.id)) return;
    const customer = detail.record as unknown as Customer;
    this.items = [customer, ...this.items];
    this.active = -1;
    this.#scrollToTop = true;
    this.#choose(customer);
  };
}

define('crm-customer-list', CrmCustomerList);

declare global {
  interface HTMLElementTagNameMap {
    'crm-customer-list': CrmCustomerList;
  }
}
