import { sql } from 'drizzle-orm';
import type { CrmDatabase, Tx } from '../db/database.js';
import { queueDeliveries } from '../webhooks/outbox.js';

/** A change to a record, as `/events` streams it. */
export interface ChangeEvent {
  /** The change's own id (its audit entry's): `/events` sends it as the SSE `id`, webhooks as `webhook-id`. */
  eventId: string;
  orgId: string;
  entity: string;
  id: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  version: number;
}

const CHANNEL = 'crmkit_changes';

/**
 * Announces a change from inside the writing transaction: Postgres delivers a NOTIFY only when
 * the transaction commits, so listeners never hear of a write that was rolled back, and every
 * instance of the kit on the same database hears it.
 */
export async function announce(tx: Tx, event: ChangeEvent): Promise<void> {
  const { eventId, orgId, entity, id, action, version } = event;
  await tx.execute(
    sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ n: eventId, o: orgId, e: entity, i: id, a: action, v: version })})`,
  );
}

/**
 * Records a change where it is made, in the writing transaction: announced to `/events` and
 * queued for the organization's webhooks, under one event id, both kept only if it commits.
 */
export async function publishChange(tx: Tx, event: ChangeEvent, record: unknown): Promise<void> {
  await announce(tx, event);
  await queueDeliveries(tx, event, record);
}

type Listener = (event: ChangeEvent) => void;

/** One LISTEN per database, fanned out to every open `/events` stream of this process. */
export class ChangeFeed {
  readonly #listeners = new Set<Listener>();
  #started: Promise<unknown> | undefined;

  constructor(private readonly database: CrmDatabase) {}

  async subscribe(listener: Listener): Promise<() => void> {
    this.#started ??= this.database.listen(CHANNEL, (payload) => {
      let event: ChangeEvent;
      try {
        const p = JSON.parse(payload) as {
          n: string;
          o: string;
          e: string;
          i: string;
          a: ChangeEvent['action'];
          v: number;
        };
        event = { eventId: p.n, orgId: p.o, entity: p.e, id: p.i, action: p.a, version: p.v };
      } catch {
        return;
      }
      for (const l of this.#listeners) l(event);
    });
    await this.#started;
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

const feeds = new WeakMap<CrmDatabase, ChangeFeed>();
export function changeFeed(database: CrmDatabase): ChangeFeed {
  let feed = feeds.get(database);
  if (!feed) feeds.set(database, (feed = new ChangeFeed(database)));
  return feed;
}
