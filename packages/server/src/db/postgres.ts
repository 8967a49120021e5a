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
  /** Connections in the request pool. */
  max?: number;
}

/** Connects to a PostgreSQL server through postgres.js. */
export function connectPostgres(options: PostgresOptions): CrmDatabase {
  const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzle(client, { schema });
  // COMMITs that reads answered without waiting for; closing waits for them.
  const commits = new Set<Promise<unknown>>();
  useScopedTransaction(db, (setup, fn, options) => pipelinedTransaction(client, db, commits, setup, fn, options));
  return {
    kind: 'postgres',
    db,
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
    listen: async (channel, onMessage) => {
      const subscription = await client.listen(channel, onMessage);
      return () => subscription.unlisten();
    },
    close: async () => {
      await Promise.allSettled(commits);
      await client.end();
    },
  };
}

/**
 * A scoped transaction in two round trips instead of four: BEGIN and the scope go out as one
 * message, and `fn`'s first query follows on the same connection without waiting for them
 * (postgres.js sends a reserved connection's queries in order). Then COMMIT, which a read-only
 * transaction does not wait for.
 */
async function pipelinedTransaction<T>(
  client: postgres.Sql,
  db: PostgresJsDatabase<typeof schema>,
  commits: Set<Promise<unknown>>,
  setup: string,
  fn: (tx: Tx) => Promise<T>,
  { readOnly = false }: TransactionOptions,
): Promise<T> {
  const connection = await client.reserve();
  let outcome: [PromiseSettledResult<unknown>, PromiseSettledResult<T>];
  try {
    const tx = transactionOn(connection, db);
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
    await connection.unsafe('rollback').catch(() => undefined);
    connection.release();
    throw begun.status === 'rejected' ? begun.reason : (done as PromiseRejectedResult).reason;
  }
  const committed = connection.unsafe('commit');
  if (readOnly) {
    // The connection goes back once COMMIT is through; the answer need not wait for it.
    const released = committed.then(
      () => connection.release(),
      () => connection.release(),
    );
    commits.add(released);
    void released.then(() => commits.delete(released));
    return done.value;
  }
  try {
    await committed;
  } finally {
    connection.release();
  }
  return done.value;
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
