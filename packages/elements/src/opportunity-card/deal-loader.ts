// Loads the card's deal (`GET /opportunities/:id`), then what it shows beside it: its pipeline's
// stages, its customer's name and its owner's, and the organization's custom fields of deals. One @lit/task: a new id or client aborts the load in
// flight, and a disconnect aborts it until the card is connected again.
import type { CrmClient, Customer, CustomField, Opportunity, Stage } from '@crmkit/core';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { customFieldsOf } from '../shared/custom-fields.js';
import { failureOf, type Failure } from '../shared/failure.js';
import { ResumeTasks } from '../shared/resume-tasks.js';

/** A deal with what the card shows beside it. Names the caller may not see are undefined. */
export interface Deal {
  opportunity: Opportunity;
  pipelineName: string;
  /** The reasons deals of the pipeline are usually lost for. */
  lostReasons: string[];
  /** The pipeline's stages in order. */
  stages: Stage[];
  customer?: Customer;
  ownerName?: string;
  /** The custom fields of deals, by position (none when the caller may not read them). */
  customFields: CustomField[];
}

export type DealView =
  | { status: 'empty' }
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'loaded'; deal: Deal }
  | { status: 'error'; failure: Failure };

/** Where the loader reads what to load, and whom it tells. */
export interface DealSource {
  client(): CrmClient | undefined;
  /** The id to show, trimmed ('' for none). */
  id(): string;
  /** Called as each load starts. */
  loadStarted(): void;
}

/** A record, or undefined when it is not the caller's to see (or could not be read). */
const unlessHidden = <T>(load: Promise<T>): Promise<T | undefined> => load.catch(() => undefined);

export async function loadDeal(client: CrmClient, id: string, signal?: AbortSignal): Promise<Deal> {
  const opportunity = await client.opportunities.get(id, { signal });
  const [pipeline, customer, owner, customFields] = await Promise.all([
    client.pipelines.get(opportunity.pipelineId, { signal }),
    unlessHidden(client.customers.get(opportunity.customerId, { signal })),
    opportunity.ownerId ? unlessHidden(client.users.get(opportunity.ownerId, { signal })) : undefined,
    customFieldsOf(client, 'opportunities', signal),
  ]);
  const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
  return {
    opportunity,
    pipelineName: pipeline.name,
    lostReasons: pipeline.lostReasons,
    stages,
    customer,
    ownerName: owner?.name,
    customFields,
  };
}

export class DealLoader {
  readonly #host: ReactiveControllerHost;
  readonly #from: DealSource;
  readonly #task: Task<[CrmClient | undefined, string], Deal>;
  /** A newer version of the deal than the load's (saved by the card), until the next load. */
  #latest?: Opportunity;
  /** The name of its owner, when that is another than the load's. */
  #owner?: { id: string; name?: string };

  constructor(host: ReactiveControllerHost, from: DealSource) {
    this.#host = host;
    this.#from = from;
    this.#task = new Task(host, {
      args: () => [from.client(), from.id()],
      task: async ([client, id], { signal }) => {
        if (!client || !id) return initialState;
        this.#latest = undefined;
        this.#owner = undefined;
        from.loadStarted();
        try {
          return await loadDeal(client, id, signal);
        } catch (error) {
          // Cut short by a disconnect (it loads again on reconnect) or by a newer load.
          if (signal.aborted) return initialState;
          throw error;
        }
      },
    });
    new ResumeTasks(host, () => [this.#task]);
  }

  get view(): DealView {
    if (!this.#from.id()) return { status: 'empty' };
    if (!this.#from.client()) return { status: 'unconfigured' };
    switch (this.#task.status) {
      case TaskStatus.COMPLETE: {
        const deal = this.#task.value!;
        const latest = this.#latest;
        if (!latest) return { status: 'loaded', deal };
        const ownerName = latest.ownerId === deal.opportunity.ownerId ? deal.ownerName : this.#owner?.name;
        return { status: 'loaded', deal: { ...deal, opportunity: latest, ownerName } };
      }
      case TaskStatus.ERROR:
        return { status: 'error', failure: failureOf(this.#task.error) };
      default:
        return { status: 'loading' };
    }
  }

  /** Whether the load failed (a new token may cure it). */
  get failed(): boolean {
    return this.#task.status === TaskStatus.ERROR;
  }

  reload(): void {
    if (this.#from.client() && this.#from.id()) void this.#task.run();
  }

  /** Shows a newer version of the deal (one the card saved) until the next load, and its new owner's name. */
  show(opportunity: Opportunity): void {
    this.#latest = opportunity;
    this.#host.requestUpdate();
    const ownerId = opportunity.ownerId;
    const client = this.#from.client();
    if (!ownerId || ownerId === this.#task.value?.opportunity.ownerId || ownerId === this.#owner?.id || !client) return;
    const owner: { id: string; name?: string } = { id: ownerId };
    this.#owner = owner;
    void unlessHidden(client.users.get(ownerId)).then((user) => {
      owner.name = user?.name;
      this.#host.requestUpdate();
    });
  }
}
