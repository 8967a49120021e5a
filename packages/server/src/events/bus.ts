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

/** A change and the record as it is after it (the webhooks' `data.record`). */
export interface Change {
  event: ChangeEvent;
  record: unknown;
}

/**
 * Announces changes from inside the writing transaction, in one statement: Postgres delivers a
 * NOTIFY only when the transaction commits, so listeners never hear of a write that was rolled
 * back, and every instance of the kit on the same database hears it.
 */
export async function announce(tx: Tx, events: ChangeEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads = events.map(({ eventId, orgId, entity, id, action, version }) =>
    JSON.stringify({ n: eventId, o: orgId, e: entity, i: id, a: action, v: version }),
  );
  await tx.execute(sql`select pg_notify(${CHANNEL}, payload) from unnest(${sql.param(payloads)}::text[]) as payload`);
}

/**
 * Records changes where they are made, in the writing transaction: announced to `/events` and
 * queued for the organization's webhooks, each under its event id, kept only if it commits.
 * A batch of writes (a bulk request's records) costs the same few statements as one.
 */
export async function publishChanges(tx: Tx, changes: Change[]): Promise<void> {
  await announce(
    tx,
    changes.map((change) => change.event),
  );
  await queueDeliveries(tx, changes);
}

/** {@link publishChanges} of one change. */
export function publishChange(tx: Tx, event: ChangeEvent, record: unknown): Promise<void> {
  return publishChanges(tx, [{ event, record }]);
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
