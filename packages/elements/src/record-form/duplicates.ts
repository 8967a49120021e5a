// Customers that may be the one being created: the same email, the same phone digits, or a similar
// name, found through the customers' search as the user types (only those the caller may see).
import type { CrmClient, Customer } from '@crmkit/core';
import type { ReactiveControllerHost } from 'lit';

/** How long typing pauses before the search is sent. */
const DEBOUNCE_MS = 300;
/** The most possible duplicates shown. */
const MAX_SHOWN = 3;

export type DuplicateReason = 'email' | 'phone' | 'name';

export interface Duplicate {
  customer: Customer;
  reason: DuplicateReason;
}

export interface DuplicateQuery {
  name: string;
  email: string;
  phone: string;
}

const digits = (text: string) => text.replace(/\D/g, '');
/** Case, width and spacing do not make two names different. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Why `customer` may be the one typed, if it may. */
export function duplicateReason(customer: Customer, query: DuplicateQuery): DuplicateReason | undefined {
  const email = query.email.trim().toLowerCase();
  if (email && customer.emails.some((e) => e.toLowerCase() === email)) return 'email';
  const phone = digits(query.phone);
  if (phone.length >= 6 && customer.phones.some((p) => digits(p) === phone)) return 'phone';
  const name = fold(query.name);
  const theirs = fold(customer.name);
  if (name.length >= 2 && (theirs === name || (name.length >= 4 && (theirs.includes(name) || name.includes(theirs)))))
    return 'name';
  return undefined;
}

export class DuplicateFinder {
  readonly #host: ReactiveControllerHost;
  found: Duplicate[] = [];
  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Looks again once typing pauses; `onChange` hears when the list of duplicates changed. */
  check(client: CrmClient, query: DuplicateQuery, onChange: () => void): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#search(client, query, onChange), DEBOUNCE_MS);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.found = [];
  }

  async #search(client: CrmClient, query: DuplicateQuery, onChange: () => void): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const terms = [
      query.email.trim().includes('@') ? query.email.trim() : '',
      digits(query.phone).length >= 6 ? digits(query.phone) : '',
      query.name.trim().length >= 2 ? query.name.trim() : '',
    ].filter(Boolean);
    const seen = new Map<string, Duplicate>();
    try {
      const pages = await Promise.all(
        terms.map((q) => client.customers.list({ q, limit: 5 }, { signal: abort.signal })),
      );
      for (const customer of pages.flatMap((page) => page.items)) {
        const reason = duplicateReason(customer, query);
        if (reason && !seen.has(customer.id)) seen.set(customer.id, { customer, reason });
      }
    } catch {
      // The warning is a help, not a gate: without the search there is none.
      if (abort.signal.aborted) return;
    }
    if (abort.signal.aborted) return;
    const found = [...seen.values()].slice(0, MAX_SHOWN);
    const changed = found.map((d) => d.customer.id).join() !== this.found.map((d) => d.customer.id).join();
    this.found = found;
    this.#host.requestUpdate();
    if (changed) onChange();
  }
}
