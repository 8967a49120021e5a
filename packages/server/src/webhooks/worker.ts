import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { CrmDatabase, Db } from '../db/database.js';
import { rows } from '../db/rows.js';
import { webhookAttempts } from '../db/schema/index.js';
import { changeFeed } from '../events/bus.js';
import type { Logger } from '../http/logging.js';
import { webhookHeaders } from './signature.js';
import { fetchTransport, type Transport } from './transport.js';

/** `createCrm({ webhooks })`: whether this process sends webhooks, and how. */
export interface WebhookOptions {
  /** Run the delivery worker in this process (several processes may: they share the work). Default off. */
  deliver?: boolean;
  /**
   * Let endpoints be on loopback, link-local and private addresses, and plain http: for a
   * receiver on the host's own network. Default off: such URLs and addresses are refused.
   */
  allowPrivateNetworks?: boolean;
  /** Send with this `fetch` instead of Node's http (other runtimes); see `fetchTransport`. */
  fetch?: typeof fetch;
  /** How long to wait for a receiver's answer, in ms. Default 10000. */
  timeoutMs?: number;
  /** How often to look for due retries when no change wakes the worker, in ms. Default 1000. */
  pollMs?: number;
  /** How many deliveries one worker sends at a time. Default 16. */
  concurrency?: number;
}

/** After the first failure, retries wait about 30 s, doubling up to 6 h (±20%), for 3 days in all. */
const FIRST_RETRY_S = 30;
const LONGEST_RETRY_S = 6 * 3600;
export const GIVE_UP_AFTER_S = 3 * 24 * 3600;
/** An endpoint whose every attempt has failed for this long is turned off. */
export const DISABLE_AFTER_S = 5 * 24 * 3600;

/** Seconds before the next attempt after `attempts` failed ones: exponential, with jitter. */
export function retryDelay(attempts: number, random = Math.random): number {
  const base = Math.min(FIRST_RETRY_S * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_S);
  return Math.round(base * (0.8 + 0.4 * random()));
}

interface Claimed extends Record<string, unknown> {
  org_id: string;
  id: string;
  endpoint_id: string;
  event_id: string;
  payload: unknown;
  attempts: number;
  url: string;
  secrets: string[];
}

/**
 * Claims due deliveries for this worker, in one statement: pending, due, not held by another
 * worker (a lease, taken over once it lapses: a worker that died mid-delivery loses nothing),
 * to an active endpoint, and first of their record for that endpoint (a later change of a record
 * waits until the earlier one is delivered or given up). `SKIP LOCKED` lets several workers
 * claim at once without waiting for, or taking, each other's rows.
 */
async function claim(db: Db, token: string, limit: number, leaseS: number): Promise<Claimed[]> {
  return rows<Claimed>(
    db,
    sql`update crm.webhook_deliveries d
        set lease_until = now() + make_interval(secs => ${leaseS}), lease_token = ${token}, attempts = d.attempts + 1
        from (
          select c.org_id, c.id, e.url,
                 array_remove(array[e.secret, case when e.previous_secret_expires_at > now() then e.previous_secret end], null) as secrets
          from crm.webhook_deliveries c
          join crm.webhook_endpoints e on e.org_id = c.org_id and e.id = c.endpoint_id and e.active
          where c.status = 'pending' and c.next_attempt_at <= now()
            and (c.lease_until is null or c.lease_until < now())
            and (c.order_key is null or not exists (
              select 1 from crm.webhook_deliveries p
              where p.org_id = c.org_id and p.endpoint_id = c.endpoint_id and p.order_key = c.order_key
                and p.status = 'pending' and p.seq < c.seq))
          order by c.next_attempt_at, c.seq
          limit ${limit}
          for update of c skip locked
        ) due
        where d.org_id = due.org_id and d.id = due.id
        returning d.org_id, d.id, d.endpoint_id, d.event_id, d.payload, d.attempts, due.url, due.secrets`,
  );
}

interface Outcome {
  status: number | null;
  body: string;
  error?: string;
  durationMs: number;
}

/**
 * Records an attempt, and what follows from it, in one transaction: delivered; or retried later;
 * or given up after {@link GIVE_UP_AFTER_S}. The endpoint's failure streak follows, and sustained
 * failure turns it off. A worker whose lease lapsed (another took the delivery over) logs its
 * attempt but leaves the delivery to the other.
 */
async function record(db: Db, delivery: Claimed, token: string, outcome: Outcome): Promise<void> {
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const delay = retryDelay(delivery.attempts);
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      orgId: delivery.org_id,
      id: uuidv7(),
      deliveryId: delivery.id,
      statusCode: outcome.status,
      durationMs: outcome.durationMs,
      response: outcome.body,
      error: outcome.error ?? null,
    });
    const [mine] = await rows<{ id: string }>(
      tx,
      ok
        ? sql`update crm.webhook_deliveries set status = 'delivered', finished_at = now(), lease_until = null
              where org_id = ${delivery.org_id} and id = ${delivery.id} and lease_token = ${token} and status = 'pending'
              returning id`
        : sql`update crm.webhook_deliveries
              set lease_until = null,
                  status = case when created_at + make_interval(secs => ${GIVE_UP_AFTER_S}) < now() + make_interval(secs => ${delay})
                                then 'failed' else 'pending' end,
                  finished_at = case when created_at + make_interval(secs => ${GIVE_UP_AFTER_S}) < now() + make_interval(secs => ${delay})
                                then now() end,
                  next_attempt_at = now() + make_interval(secs => ${delay})
              where org_id = ${delivery.org_id} and id = ${delivery.id} and lease_token = ${token} and status = 'pending'
              returning id`,
    );
    if (!mine) return;
    await tx.execute(
      ok
        ? sql`update crm.webhook_endpoints set failing_since = null, consecutive_failures = 0
              where org_id = ${delivery.org_id} and id = ${delivery.endpoint_id} and failing_since is not null`
        : sql`update crm.webhook_endpoints
              set failing_since = coalesce(failing_since, now()),
                  consecutive_failures = consecutive_failures + 1,
                  active = active and not coalesce(failing_since < now() - make_interval(secs => ${DISABLE_AFTER_S}), false),
                  disabled_at = case when failing_since < now() - make_interval(secs => ${DISABLE_AFTER_S}) then now() else disabled_at end,
                  disabled_reason = case when failing_since < now() - make_interval(secs => ${DISABLE_AFTER_S})
                                    then 'Every attempt failed for 5 days' else disabled_reason end
              where org_id = ${delivery.org_id} and id = ${delivery.endpoint_id}`,
    );
  });
}

/**
 * Sends an organization's webhooks from this process: claims due deliveries, signs and sends
 * them, records each attempt. It wakes on every change the process hears of (so a new delivery
 * goes out at once) and polls for due retries; it never takes part in a write.
 */
export class WebhookWorker {
  readonly #transport: Transport;
  readonly #timeoutMs: number;
  readonly #pollMs: number;
  readonly #concurrency: number;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly database: Promise<CrmDatabase>,
    private readonly options: WebhookOptions,
    private readonly logger: Logger,
  ) {
    this.#transport = options.fetch ? fetchTransport(options.fetch) : lazyNodeTransport();
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#pollMs = options.pollMs ?? 1000;
    this.#concurrency = options.concurrency ?? 16;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops claiming and waits for the deliveries in flight (each bounded by the timeout). */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    this.#unsubscribe?.();
    await this.#loop;
  }

  /** Claims and sends one batch; resolves to how many were sent. Tests call it directly. */
  async runOnce(): Promise<number> {
    const { db } = await this.database;
    const token = uuidv7();
    const leaseS = Math.ceil(this.#timeoutMs / 1000) + 30;
    const batch = await claim(db, token, this.#concurrency, leaseS);
    await Promise.all(batch.map((delivery) => this.#send(db, delivery, token)));
    return batch.length;
  }

  async #send(db: Db, delivery: Claimed, token: string): Promise<void> {
    // PGlite parses jsonb; postgres.js may hand its text over as it is.
    const body = typeof delivery.payload === 'string' ? delivery.payload : JSON.stringify(delivery.payload);
    const headers = webhookHeaders(delivery.secrets, delivery.event_id, Math.floor(Date.now() / 1000), body);
    const started = performance.now();
    const answer = await this.#transport(
      { url: delivery.url, headers, body },
      { allowPrivateNetworks: this.options.allowPrivateNetworks ?? false, timeoutMs: this.#timeoutMs },
    );
    const outcome = { ...answer, durationMs: Math.round(performance.now() - started) };
    await record(db, delivery, token, outcome);
  }

  async #run(): Promise<void> {
    const database = await this.database;
    this.#unsubscribe = await changeFeed(database)
      .subscribe(() => this.#wake?.())
      .catch(() => undefined);
    while (this.#running) {
      let sent = 0;
      try {
        sent = await this.runOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'webhook delivery failed');
      }
      if (sent > 0 || !this.#running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}

/** Node's transport, loaded only when a worker without a `fetch` sends its first webhook. */
function lazyNodeTransport(): Transport {
  let loaded: Promise<Transport> | undefined;
  return async (request, options) => {
    loaded ??= import('./node-transport.js').then((m) => m.nodeTransport);
    return (await loaded)(request, options);
  };
}
