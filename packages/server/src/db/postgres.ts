import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { CrmDatabase, SqlSession } from './database.js';
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
  return {
    kind: 'postgres',
    db: drizzle(client, { schema }),
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
    close: () => client.end(),
  };
}
