import { drizzle, PostgresJsSession, PostgresJsTransaction, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import {
  useScopedTransaction,
  type CrmDatabase,
  type SqlSession,
  type TransactionOptions,
  type Tx,
} from './database.js';
import * as schema from './schema/index.js';

export interface PostgresOptions {
  /** A connection URL such as `postgres://user:pass@host:5432/db`. */
  url: string;
  /** Connections in the request pool (default 10). */
  max?: number;
  /** Longest a statement may run before PostgreSQL cancels it (a 503), in ms; default 15000, 0 for none. */
  statementTimeout?: number;
  /** Longest a request waits for a pooled connection before it answers 503, in ms; default 3000. */
  acquireTimeout?: number;
  /** Longest connecting may take, in seconds; default 5. */
  connectTimeout?: number;
  /** Pooled connections idle this long are closed, in seconds; default 60. */
  idleTimeout?: number;
  /** The name the connections show in `pg_stat_activity`; default `crmkit`. */
  applicationName?: string;
}

/** Thrown when no pooled connection came free within `acquireTimeout`: answered as a 503. */
export class PoolTimeoutError extends Error {
  readonly code = 'POOL_TIMEOUT';
  constructor(ms: number) {
    super(`No database connection came free within ${ms} ms`);
  }
}

/** Connects to a PostgreSQL server through postgres.js. */
export function connectPostgres(options: PostgresOptions): CrmDatabase {
  const max = options.max ?? 10;
  const connection = {
    application_name: options.applicationName ?? 'crmkit',
    statement_timeout: options.statementTimeout ?? 15_000,
    // Prepared statements (see `send`) planned for each execution's own parameters, as
    // unnamed ones are: a generic plan would not see, say, the owners a search passes.
    plan_cache_mode: 'force_custom_plan',
  };
  const client = postgres(options.url, {
    max,
    onnotice: () => {},
    connect_timeout: options.connectTimeout ?? 5,
    idle_timeout: options.idleTimeout ?? 60,
    connection,
  });
  // COMMITs that reads answered without waiting for; closing waits for them.
  const commits = new Set<Promise<unknown>>();
  const pool = { max, busy: 0, waiting: 0 };
  const acquire = () => reserveWithin(client, options.acquireTimeout ?? 3000, pool);
  const db = drizzle(boundedClient(client, acquire), { schema });
  useScopedTransaction(db, (setup, fn, options) => pipelinedTransaction(acquire, db, commits, setup, fn, options));
  const listener = new Listener(options.url, { ...connection, statement_timeout: 0 });
  return {
    kind: 'postgres',
    db,
    pool: () => ({ ...pool }),
    // A separate single connection, so migrations never share (or alter) the request pool.
    async withSession(fn) {
      const one = postgres(options.url, { max: 1, onnotice: () => {} });
      const session: SqlSession = {
        exec: async (text) => {
          await one.unsafe(text);
        },
        query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
          (await one.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
      };
      try {
        return await fn(session);
      } finally {
        await one.end();
      }
    },
    listen: (channel, onMessage) => listener.listen(channel, onMessage),
    close: async () => {
      await Promise.allSettled(commits);
      await Promise.all([client.end({ timeout: 5 }), listener.end()]);
    },
  };
}

/**
 * The client drizzle gets: postgres.js's own, except that a statement or transaction outside
 * {@link pipelinedTransaction} (the credential checks before a request is scoped, sign-in) also
 * takes its connection through `acquire`, so it too answers 503 once the pool stays busy past
 * the wait bound, instead of queueing in postgres.js for as long as that lasts.
 */
function boundedClient(client: postgres.Sql, acquire: () => Promise<Lent>): postgres.Sql {
  const onConnection = async <T>(fn: (connection: Lent) => Promise<T>): Promise<T> => {
    const connection = await acquire();
    try {
      const result = await fn(connection);
      connection.release();
      return result;
    } catch (error) {
      if (connectionLost(error)) connection.discard();
      else connection.release();
      throw error;
    }
  };
  const unsafe = (text: string, params?: unknown[], queryOptions?: postgres.UnsafeQueryOptions) =>
    pendingQuery((asValues) => onConnection((c) => send(c, text, params, queryOptions, asValues)));
  /** A transaction on one lent connection (the kit nests none, so there are no savepoints). */
  const begin = (
    modes: string | ((sql: postgres.Sql) => Promise<unknown>),
    fn?: (sql: postgres.Sql) => Promise<unknown>,
  ) =>
    onConnection(async (c) => {
      const body = typeof modes === 'function' ? modes : fn!;
      await c.unsafe(`begin ${typeof modes === 'string' ? modes.replace(/[^a-z ]/gi, '') : ''}`);
      try {
        const result = await body(c);
        await c.unsafe('commit');
        return result;
      } catch (error) {
        if (!connectionLost(error)) await c.unsafe('rollback').catch(() => undefined);
        throw error;
      }
    });
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === 'unsafe' ? unsafe : key === 'begin' ? begin : (Reflect.get(target, key, receiver) as unknown),
  });
}

/** A pooled connection lent to one transaction: `release` it, or `discard` it once it died. */
type Lent = postgres.ReservedSql & { discard(): void };

/**
 * A pooled connection for one transaction, or a {@link PoolTimeoutError} once `ms` have passed:
 * postgres.js would queue the request for as long as the pool stays busy.
 */
async function reserveWithin(client: postgres.Sql, ms: number, pool: { busy: number; waiting: number }): Promise<Lent> {
  pool.waiting++;
  const reserved = client.reserve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PoolTimeoutError(ms)), ms);
  });
  try {
    const connection = await Promise.race([reserved, timedOut]);
    pool.busy++;
    const release = connection.release.bind(connection);
    connection.release = () => {
      pool.busy--;
      release();
    };
    return Object.assign(connection, { discard: () => void pool.busy-- });
  } catch (error) {
    // Too late for this request: hand the connection back as soon as it comes.
    reserved.then((c) => c.release()).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    pool.waiting--;
  }
}

/**
 * LISTEN on a connection of its own that subscribes again after the server restarts or the
 * connection drops: postgres.js's own `listen` tries once, and when the server is still down
 * then, the subscription is lost for good.
 */
class Listener {
  readonly #handlers = new Map<string, Set<(payload: string) => void>>();
  readonly #sql: postgres.Sql;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #ended = false;

  constructor(url: string, connection: Record<string, string | number>) {
    this.#sql = postgres(url, {
      max: 1,
      onnotice: () => {},
      max_lifetime: null,
      fetch_types: false,
      connection,
      onclose: () => this.#resubscribe(),
      // postgres.js hands every NOTIFY on this connection here (what its own `listen` uses).
      ...({
        onnotify: (channel: string, payload: string) => this.#handlers.get(channel)?.forEach((h) => h(payload)),
      } as object),
    });
  }

  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      this.#handlers.set(channel, (handlers = new Set()));
      await this.#sql.unsafe(`listen ${quote(channel)}`).catch((error: unknown) => {
        this.#handlers.delete(channel);
        throw error;
      });
    }
    handlers.add(onMessage);
    return async () => {
      handlers.delete(onMessage);
      if (handlers.size || this.#handlers.get(channel) !== handlers) return;
      this.#handlers.delete(channel);
      await this.#sql.unsafe(`unlisten ${quote(channel)}`).catch(() => undefined);
    };
  }

  /** After the connection closed: LISTEN again on a new one, every second until it works. */
  #resubscribe(): void {
    if (this.#ended || this.#retry || this.#handlers.size === 0) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      const channels = [...this.#handlers.keys()];
      this.#sql.unsafe(channels.map((c) => `listen ${quote(c)}`).join('; ')).catch(() => this.#resubscribe());
    }, 1000);
  }

  async end(): Promise<void> {
    this.#ended = true;
    clearTimeout(this.#retry);
    await this.#sql.end({ timeout: 5 });
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A scoped transaction in two round trips instead of four: BEGIN and the scope go out as one
 * message, and `fn`'s first query follows on the same connection without waiting for them
 * (postgres.js sends a reserved connection's queries in order). Then COMMIT, which a read-only
 * transaction does not wait for.
 */
async function pipelinedTransaction<T>(
  acquire: () => Promise<Lent>,
  db: PostgresJsDatabase<typeof schema>,
  commits: Set<Promise<unknown>>,
  setup: string,
  fn: (tx: Tx) => Promise<T>,
  { readOnly = false }: TransactionOptions,
): Promise<T> {
  const connection = await acquire();
  let outcome: [PromiseSettledResult<unknown>, PromiseSettledResult<T>];
  try {
    const tx = transactionOn(pipelineGate(connection), db);
    // Queued before `fn` can queue anything: should it fail, the transaction is aborted and
    // nothing `fn` sends runs unscoped.
    const scoped = connection.unsafe(`begin${readOnly ? ' read only' : ''}; ${setup}`).execute();
    // Wait for both, whatever happens: `fn` must be done with the connection before it goes back.
    outcome = await Promise.allSettled([scoped, fn(tx)]);
  } catch (error) {
    connection.release();
    throw error;
  }
  const [begun, done] = outcome;
  if (begun.status === 'rejected' || done.status === 'rejected') {
    const reason: unknown = begun.status === 'rejected' ? begun.reason : (done as PromiseRejectedResult).reason;
    if (!connectionLost(reason) && !connectionLost((done as PromiseRejectedResult).reason)) {
      await connection.unsafe('rollback').catch(() => undefined);
      connection.release();
    } else connection.discard();
    throw reason;
  }
  const committed = connection.unsafe('commit');
  const release = (error?: unknown) => {
    if (connectionLost(error)) connection.discard();
    else connection.release();
  };
  if (readOnly) {
    // The connection goes back once COMMIT is through; the answer need not wait for it.
    const released = committed.then(() => release(), release);
    commits.add(released);
    void released.then(() => commits.delete(released));
    return done.value;
  }
  try {
    await committed;
  } catch (error) {
    release(error);
    throw error;
  }
  release();
  return done.value;
}

/**
 * Whether the connection died under this error (the server restarted or cut it). Such a
 * connection must not be written to or released again: postgres.js 3.4 moves it to its closed
 * list, and a write or a release would crash the process on a null socket or hand a dead
 * connection to the next request (porsager/postgres#1208).
 */
function connectionLost(error: unknown): boolean {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as never, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(CONNECTION_\w+|ECONNRESET|EPIPE|57P0[123]|08...)$/.test(code)) return true;
  }
  return false;
}

/**
 * Every query as a prepared statement, kept per connection. drizzle asks postgres.js for unnamed
 * statements, which postgres.js sends in two round trips (it first asks the server for the
 * parameter types) and never pipelines. The connections use `plan_cache_mode =
 * force_custom_plan`, so each execution is still planned for its own parameters, as before:
 * what is saved is the round trips, not the planning.
 */
function send(
  connection: postgres.Sql | postgres.ReservedSql,
  text: string,
  params: unknown[] | undefined,
  options: postgres.UnsafeQueryOptions | undefined,
  asValues: boolean,
): Promise<unknown> {
  const query = connection.unsafe(text, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
  return asValues ? query.values() : query.execute();
}

/**
 * What drizzle reads of a query: awaited for rows as objects, or `.values()` for rows as arrays. Sent
 * (by `start`, told which) once awaited, as postgres.js's own queries are.
 */
function pendingQuery(start: (asValues: boolean) => Promise<unknown>) {
  let asValues = false;
  let result: Promise<unknown> | undefined;
  const pending = {
    values() {
      asValues = true;
      return pending;
    },
    then<A, B>(onDone?: (rows: unknown) => A, onError?: (error: unknown) => B) {
      result ??= start(asValues);
      return result.then(onDone, onError);
    },
  };
  return pending;
}

/**
 * The key postgres.js keeps a prepared statement under: its text and the parameter types it
 * infers from the values (booleans, dates, bytes and big integers have a type of their own,
 * an array its first element's, anything else is left to the server). A guess at its internals:
 * a wrong one costs speed, never correctness.
 */
function signature(text: string, params: unknown[] = []): string {
  const typeOf = (value: unknown): string =>
    typeof value === 'boolean'
      ? 'b'
      : value instanceof Date
        ? 'd'
        : value instanceof Uint8Array
          ? 'u'
          : typeof value === 'bigint'
            ? 'i'
            : Array.isArray(value)
              ? typeOf(value[0])
              : '';
  return `${params.map(typeOf).join(',')}|${text}`;
}

/** Queries of one transaction in flight at once, at most (postgres.js stops pipelining at 100). */
const PIPELINE_DEPTH = 64;

/**
 * Keeps a reserved connection pipelining when a transaction sends many queries at once (a bulk
 * write's records). postgres.js pipelines a reserved connection's queries only while none is a
 * statement new to the connection (it waits for the statement's description) and fewer than 100
 * are in flight; past that, it sends the rest of its queue one query per round trip until the
 * queue runs dry, which for a steady stream of queries is never: 10,000 records took 40 s.
 * The gate sends a statement (by its {@link signature}) the transaction has not run yet alone,
 * with nothing else in flight, and at most {@link PIPELINE_DEPTH} queries at once, in the order they were asked for.
 */
function pipelineGate(connection: Lent): postgres.ReservedSql {
  const known = new Set<string>();
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let alone = false;
  const mayStart = (text: string) => !alone && (known.has(text) ? inFlight < PIPELINE_DEPTH : inFlight === 0);
  const next = () => {
    while (waiting.length && !alone && inFlight < PIPELINE_DEPTH) {
      const before = inFlight;
      waiting[0]!();
      if (inFlight === before) break;
      waiting.shift();
    }
  };
  /** Runs `query` once the gate lets a query of `key` go, and lets the next ones go after it. */
  const run = <T>(key: string, query: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        if (!mayStart(key)) return;
        inFlight++;
        alone = !known.has(key);
        query()
          .then(resolve, reject)
          .finally(() => {
            inFlight--;
            alone = false;
            known.add(key);
            next();
          });
      };
      if (waiting.length === 0 && mayStart(key)) start();
      else {
        waiting.push(start);
        next();
      }
    });
  const unsafe = (text: string, params?: unknown[], queryOptions?: postgres.UnsafeQueryOptions) =>
    pendingQuery((asValues) =>
      run(signature(text, params), () => send(connection, text, params, queryOptions, asValues)),
    );
  return new Proxy(connection, {
    get: (target, key, receiver) => (key === 'unsafe' ? unsafe : (Reflect.get(target, key, receiver) as unknown)),
  });
}

/** A drizzle transaction handle on a reserved connection, built as drizzle builds its own. */
function transactionOn(connection: postgres.ReservedSql, db: PostgresJsDatabase<typeof schema>): Tx {
  const { dialect, session } = db as unknown as {
    dialect: ConstructorParameters<typeof PostgresJsSession>[1];
    session: { options: ConstructorParameters<typeof PostgresJsSession>[3] };
  };
  const relations = { fullSchema: db._.fullSchema, schema: db._.schema!, tableNamesMap: db._.tableNamesMap };
  const txSession = new PostgresJsSession(connection, dialect, relations, session.options);
  // The reserved connection stands in for postgres.js's transaction handle (without savepoints:
  // the kit nests no transactions).
  type TransactionSession = ConstructorParameters<typeof PostgresJsTransaction>[1];
  return new PostgresJsTransaction(dialect, txSession as unknown as TransactionSession, relations) as unknown as Tx;
}
