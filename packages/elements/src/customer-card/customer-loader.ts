// Loads the card's customer (`GET /customers/:id`) and, in the full variant, its summary
// (`GET /customers/:id/summary`), each as a @lit/task: a new id or client aborts the request in
// flight, and a disconnect aborts it until the card is connected again (ResumeTasks).
import type { CrmClient, Customer } from '@crmkit/core';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { failureOf, type Failure } from '../shared/failure.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { loadSummary, type SummaryView } from './summary.js';

/** Where the loader reads what to load, and whom it tells. */
export interface LoaderSource {
  client(): CrmClient | undefined;
  /** The id to show, trimmed ('' for none). */
  id(): string;
  /** Whether the summary is wanted (the full variant). */
  full(): boolean;
  /** Called as each load of a customer starts. */
  loadStarted(): void;
}

export type CustomerView =
  | { status: 'empty' }
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'loaded'; customer: Customer }
  | { status: 'error'; failure: Failure };

export type SummaryState =
  { status: 'idle' } | { status: 'loading' } | { status: 'loaded'; summary: SummaryView } | { status: 'error' };

export class CustomerLoader {
  readonly #host: ReactiveControllerHost;
  readonly #from: LoaderSource;
  readonly #customer: Task<[CrmClient | undefined, string], Customer>;
  readonly #summary: Task<[CrmClient | undefined, string, boolean], SummaryView>;
  /** A newer version of the customer than the load's (saved or reloaded by the form). */
  #latest?: Customer;
  /** The next summary load keeps the summary on show until it is here (and if it fails). */
  #quietNext = false;
  #quiet = false;

  constructor(host: ReactiveControllerHost, from: LoaderSource) {
    this.#host = host;
    this.#from = from;
    // (Created first, so the customer is asked for before its summary.)
    this.#customer = new Task(host, {
      args: () => [from.client(), from.id()],
      task: async ([client, id], { signal }) => {
        if (!client || !id) return initialState;
        this.#latest = undefined;
        from.loadStarted();
        try {
          return await client.customers.get(id, { signal });
        } catch (error) {
          // Cut short by a disconnect (it loads again on reconnect) or by a newer load.
          if (signal.aborted) return initialState;
          // A customer that cannot be shown has no summary to show either.
          this.#summary.abort();
          throw error;
        }
      },
    });
    this.#summary = new Task(host, {
      args: () => [from.client(), from.id(), from.full()],
      task: async ([client, id, full], { signal }) => {
        this.#quiet = this.#quietNext;
        this.#quietNext = false;
        if (!client || !id || !full) return initialState;
        try {
          return await loadSummary(client, id, signal);
        } catch (error) {
          if (signal.aborted) return initialState;
          if (this.#quiet && this.#summary.value) return this.#summary.value;
          throw error;
        }
      },
    });
    new ResumeTasks(host, () => [this.#customer, this.#summary]);
  }

  /** The customer as the card shows it. */
  get view(): CustomerView {
    if (!this.#from.id()) return { status: 'empty' };
    if (!this.#from.client()) return { status: 'unconfigured' };
    switch (this.#customer.status) {
      case TaskStatus.COMPLETE:
        return { status: 'loaded', customer: this.#latest ?? this.#customer.value! };
      case TaskStatus.ERROR:
        return { status: 'error', failure: failureOf(this.#customer.error) };
      default:
        return { status: 'loading' };
    }
  }

  get summary(): SummaryState {
    const task = this.#summary;
    const view = this.view.status;
    if (view === 'error' || view === 'empty' || view === 'unconfigured') return { status: 'idle' };
    switch (task.status) {
      case TaskStatus.COMPLETE:
        return { status: 'loaded', summary: task.value! };
      case TaskStatus.ERROR:
        return { status: 'error' };
      case TaskStatus.PENDING:
        return this.#quiet && task.value ? { status: 'loaded', summary: task.value } : { status: 'loading' };
      default:
        return { status: 'idle' };
    }
  }

  /** Loads the customer and its summary again. */
  reload(): void {
    if (!this.#from.client() || !this.#from.id()) return;
    void this.#customer.run();
    void this.#summary.run();
  }

  /** Loads the summary again; with `quiet`, the one on show stays until the new one is here. */
  reloadSummary({ quiet = false } = {}): void {
    if (!this.#from.client() || !this.#from.id()) return;
    this.#quietNext = quiet;
    void this.#summary.run();
  }

  /** Shows a newer version of the customer (one the form saved or reloaded) until the next load. */
  show(customer: Customer): void {
    this.#latest = customer;
    this.#host.requestUpdate();
  }

  /** Whether the load failed for a reason a new token might cure. */
  get failed(): boolean {
    return this.#customer.status === TaskStatus.ERROR;
  }
}
