import type { ChangeMessage, CrmClient } from '@crmkit/core';
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChangeStream, ChangeStreamState, ChangeTopic } from './change-stream.js';
import { changeStreamContext } from './context.js';
import { ownChangeStreams } from './own-change-streams.js';

export interface LiveChangesOptions {
  /** The client the element reads with: the stream must tell of changes that client can see. */
  client(): CrmClient | undefined;
  /** What to listen to now; nothing (or an empty list) while there is nothing to follow. */
  topics(): readonly ChangeTopic[] | undefined;
  onChange(change: ChangeMessage): void;
  /** A stream opened; `reconnected` after a drop, when changes may have been missed. */
  onOpen?(reconnected: boolean): void;
}

/**
 * Lets an element follow the kit's changes. Inside a `<crm-provider>` it listens to the provider's
 * one stream; with a client of its own (its own `base-url`) it listens to that client's stream
 * (see `changeStreamOf`, loaded then). It subscribes while the element is connected, and subscribes again when
 * the client or the topics change (checked at each update of the element).
 */
export class LiveChanges implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: LiveChangesOptions;
  readonly #provided: ContextConsumer<typeof changeStreamContext, ReactiveControllerHost & HTMLElement>;
  #current?: { stream: ChangeStream; key: string; unsubscribe: () => void };

  constructor(host: ReactiveControllerHost & HTMLElement, options: LiveChangesOptions) {
    this.#host = host;
    this.#options = options;
    this.#provided = new ContextConsumer(host, { context: changeStreamContext, subscribe: true });
    host.addController(this);
  }

  /** Where the stream this element listens to stands; `stopped` when it listens to none. */
  get state(): ChangeStreamState {
    return this.#current?.stream.state ?? 'stopped';
  }

  hostConnected(): void {
    // Subscribes at the next update (a disconnect cut the subscription).
    this.#host.requestUpdate();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #sync(): void {
    const client = this.#options.client();
    const topics = this.#options.topics() ?? [];
    if (!client || !topics.length || !this.#host.isConnected) return this.#stop();
    const provided = this.#provided.value;
    // An element inside a `<crm-provider>` (which owns the stream) never loads a stream of its own.
    const streamOf = ownChangeStreams.loaded;
    if (provided?.client !== client && !streamOf) {
      void ownChangeStreams.get().then(() => this.#sync());
      return;
    }
    const stream = provided?.client === client ? provided : streamOf!(client);
    const key = JSON.stringify(topics);
    if (this.#current?.stream === stream && this.#current.key === key) return;
    const previous = this.#current;
    const { onChange, onOpen } = this.#options;
    const unsubscribe = stream.subscribe({
      topics,
      onChange: (change) => onChange(change),
      onOpen: (reconnected) => onOpen?.(reconnected),
    });
    this.#current = { stream, key, unsubscribe };
    // After subscribing anew: new topics on the same stream keep its connection open.
    previous?.unsubscribe();
  }

  #stop(): void {
    this.#current?.unsubscribe();
    this.#current = undefined;
  }
}

/**
 * Follows every change to some entities and calls `reload` once a burst of them has passed (an
 * import or a bulk move is one reload, not hundreds): for elements that show figures over many
 * records, such as the funnel.
 */
export function reloadOnChange(
  host: ReactiveControllerHost & HTMLElement,
  options: { client(): CrmClient | undefined; entities: readonly string[]; reload(): void; wait?: number },
): LiveChanges {
  const topics = options.entities.map((entity) => ({ entity }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => options.reload(), options.wait ?? 250);
  };
  return new LiveChanges(host, {
    client: options.client,
    topics: () => topics,
    onChange: later,
    // Changes made while the stream was down were not heard.
    onOpen: (reconnected) => reconnected && later(),
  });
}
