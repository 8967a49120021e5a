import type { Capabilities, CrmClient } from '@crmkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChangeStream } from '../shared/change-stream.js';

/** Changes to people and teams come in bursts (an import): read once they settle. */
const SETTLE_MS = 250;

/**
 * The provider's reading of the caller's capabilities (`GET /me`): once per client and sign-in,
 * again when the change stream tells of a change to people or teams (a role, a team's members).
 * It listens passively: it hears the stream while elements keep it open, and opens none itself.
 */
export class CapabilitiesLoader implements ReactiveController {
  readonly #onChange: () => void;
  #client?: CrmClient;
  #value?: Capabilities;
  #loading = false;
  /** The last reading failed: not asked again until something changes (`forget`). */
  #failed = false;
  #generation = 0;
  #stream?: { stream: ChangeStream; stop: () => void };
  #timer?: ReturnType<typeof setTimeout>;
  #connected = false;
  /** An element asked for the capabilities: until then, none are read. */
  #wanted = false;

  constructor(host: ReactiveControllerHost, onChange: () => void) {
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
    clearTimeout(this.#timer);
    this.#stream?.stop();
    this.#stream = undefined;
  }

  /** The capabilities for `client` if known; starts reading them when they are not. */
  for(client: CrmClient | undefined, stream: ChangeStream | undefined): Capabilities | undefined {
    if (client !== this.#client) {
      this.#client = client;
      this.forget();
    }
    if (this.#connected) this.#listen(stream);
    if (client && this.#wanted && !this.#value && !this.#loading && !this.#failed) {
      // After the elements inside have asked for their own data (they ask as they first render):
      // what they show comes first, the capabilities only trim what they offer.
      this.#loading = true;
      const generation = this.#generation;
      setTimeout(() => {
        if (generation === this.#generation && this.#client === client) void this.#load(client);
      });
    }
    return this.#value;
  }

  /** Notes that an element wants the capabilities; true the first time (then they are to be read). */
  want(): boolean {
    if (this.#wanted) return false;
    this.#wanted = true;
    return true;
  }

  /** Drops what is known (another person may be signed in now); the next `for` reads again. */
  forget(): void {
    this.#generation += 1;
    this.#value = undefined;
    this.#loading = false;
    this.#failed = false;
  }

  async #load(client: CrmClient): Promise<void> {
    const generation = ++this.#generation;
    this.#loading = true;
    let value: Capabilities;
    try {
      value = await client.me();
    } catch {
      // Unknown (not signed in, or an older kit): elements offer everything and handle refusals.
      // What was known before a failed re-reading stays.
      if (generation !== this.#generation) return;
      this.#loading = false;
      this.#failed = !this.#value;
      return;
    }
    if (generation !== this.#generation) return;
    this.#loading = false;
    if (JSON.stringify(value) === JSON.stringify(this.#value)) return;
    this.#value = value;
    this.#onChange();
  }

  #listen(stream: ChangeStream | undefined): void {
    if (this.#stream?.stream === stream) return;
    this.#stream?.stop();
    this.#stream = stream && {
      stream,
      stop: stream.subscribe(
        {
          topics: [{ entity: 'user' }, { entity: 'team' }],
          onChange: () => {
            clearTimeout(this.#timer);
            this.#timer = setTimeout(() => this.#reload(), SETTLE_MS);
          },
        },
        { passive: true },
      ),
    };
  }

  /** Reads again, keeping what is known until the answer is here (no flicker of buttons). */
  #reload(): void {
    const client = this.#client;
    if (client && !this.#loading) void this.#load(client);
  }
}
