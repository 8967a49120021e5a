// A report's load (the forecast, sales performance, the funnel): read again when the client or what the report is
// of (its key: the period, the filters) changes, and when a record it is made of changes; the figures on show kept, dimmed, until the new ones
// come; an older read abandoned for a newer one; a failure kept for the error box.
import type { CrmClient } from '@crmkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { reloadOnChange } from './change-stream-controller.js';
import { failureOf, type Failure } from './failure.js';

export type ReportView<T> =
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'error'; failure: Failure }
  | { status: 'loaded'; value: T };

export interface ReportLoaderOptions<T> {
  client: () => CrmClient | undefined;
  /** The kinds of record the report is made of: a change to one, heard on the change stream, reads it again. */
  entities: readonly string[];
  /** What the report is of (its period and filters): a new key reads it again. */
  key: () => string;
  read: (client: CrmClient, signal: AbortSignal) => Promise<T>;
  /** Called after each read that was not abandoned (e.g. to announce it). */
  loaded?: (value: T) => void;
  /**
   * Whether the figures on show stay, dimmed, while new ones are read (by default, always); false
   * starts again from the skeleton (the funnel of another pipeline is another picture).
   */
  keepShown?: () => boolean;
}

export class ReportLoader<T> implements ReactiveController {
  view: ReportView<T> = { status: 'loading' };
  /** Whether a read is on its way while the figures of the last one are on show. */
  reloading = false;
  #loadedFor?: { client: CrmClient; key: string };
  #abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ReportLoaderOptions<T>,
  ) {
    host.addController(this);
    reloadOnChange(host, { client: options.client, entities: options.entities, reload: () => this.reload() });
  }

  /** The report on show, once loaded. */
  get value(): T | undefined {
    return this.view.status === 'loaded' ? this.view.value : undefined;
  }

  /** Reads the report again (the figures on show stay until the new ones arrive). */
  reload(): void {
    this.#loadedFor = undefined;
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const client = this.options.client();
    if (!client) {
      this.#abort?.abort();
      this.#loadedFor = undefined;
      this.view = { status: 'unconfigured' };
      return;
    }
    const key = this.options.key();
    if (this.#loadedFor?.client !== client || this.#loadedFor.key !== key) {
      this.#loadedFor = { client, key };
      void this.#load(client);
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#loadedFor = undefined;
  }

  async #load(client: CrmClient): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    if (this.view.status === 'loaded' && (this.options.keepShown?.() ?? true)) this.reloading = true;
    else {
      this.reloading = false;
      this.view = { status: 'loading' };
    }
    let view: ReportView<T>;
    try {
      view = { status: 'loaded', value: await this.options.read(client, abort.signal) };
    } catch (error) {
      view = { status: 'error', failure: failureOf(error) };
    }
    if (abort.signal.aborted) return;
    this.view = view;
    this.reloading = false;
    this.host.requestUpdate();
    if (view.status === 'loaded') this.options.loaded?.(view.value);
  }
}
