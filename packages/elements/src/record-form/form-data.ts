// What the form's pickers offer, read from the kit when the form opens: the owners the caller sees,
// the stages of the deal's pipeline, the organization's custom fields of the record's kind, and
// customers matching what the user types.
import type { CrmClient, Customer, CustomField, CustomFieldResource, Stage, User } from '@crmkit/core';
import type { ReactiveControllerHost } from 'lit';
import { TYPING_PAUSE_MS } from '../shared/typing.js';
import { customFieldsOf } from '../shared/custom-fields.js';
import { everyPage } from '../shared/every-page.js';

/** How long typing in the customer search pauses before it is sent. */

export class FormData {
  readonly #host: ReactiveControllerHost;
  owners: User[] = [];
  /** The open stages of the deal's pipeline, and that pipeline. */
  stages: Stage[] = [];
  pipelineId = '';
  customers: Customer[] = [];
  /** The custom fields of the record's kind, by position. */
  customFields: CustomField[] = [];
  searching = false;
  #generation = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #search?: AbortController;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Reads what the pickers offer, dropping answers to an earlier opening. */
  async load(
    client: CrmClient,
    needs: { owners: boolean; pipelineId?: string; resource: CustomFieldResource },
    seesOwner: (id: string) => boolean,
  ): Promise<void> {
    const generation = ++this.#generation;
    this.owners = [];
    this.stages = [];
    this.customers = [];
    this.customFields = [];
    this.pipelineId = needs.pipelineId ?? '';
    const owners = needs.owners
      ? everyPage((page) => client.users.list({ ...page, sort: 'name' })).then(
          (users) => users.filter((user) => user.active && seesOwner(user.id)),
          () => [] as User[],
        )
      : Promise.resolve([] as User[]);
    const pipeline =
      needs.pipelineId === undefined
        ? Promise.resolve(undefined)
        : (needs.pipelineId
            ? client.pipelines.get(needs.pipelineId)
            : client.pipelines.list({ limit: 100 }).then((page) => page.items.find((p) => p.isDefault) ?? page.items[0])
          ).catch(() => undefined);
    // Without them (a token that may not read them) the form still creates the record.
    const customFields = customFieldsOf(client, needs.resource);
    const [users, found, fields] = await Promise.all([owners, pipeline, customFields]);
    if (generation !== this.#generation) return;
    this.owners = users;
    this.customFields = fields;
    if (found) {
      this.pipelineId = found.id;
      this.stages = found.stages.filter((stage) => stage.kind === 'open');
    }
    this.#host.requestUpdate();
  }

  /** Finds customers for the customer picker, once typing pauses. */
  searchCustomers(client: CrmClient, q: string, onFound: (customers: Customer[]) => void): void {
    clearTimeout(this.#timer);
    this.#search?.abort();
    this.#timer = setTimeout(() => {
      const abort = new AbortController();
      this.#search = abort;
      this.searching = true;
      this.#host.requestUpdate();
      client.customers.list({ q: q.trim() || undefined, limit: 8 }, { signal: abort.signal }).then(
        (page) => {
          if (abort.signal.aborted) return;
          this.customers = page.items;
          this.searching = false;
          onFound(page.items);
          this.#host.requestUpdate();
        },
        () => {
          if (abort.signal.aborted) return;
          this.searching = false;
          this.#host.requestUpdate();
        },
      );
    }, TYPING_PAUSE_MS);
  }

  stop(): void {
    this.#generation += 1;
    clearTimeout(this.#timer);
    this.#search?.abort();
  }
}
