import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import type { CrmDatabase, SqlSession } from './database.js';
import * as schema from './schema/index.js';

export interface PgliteOptions {
  /** Where the data lives: a directory in Node, `idb://name` in a browser; in memory when absent. */
  dataDir?: string;
  /** A dump (`PGlite.dumpDataDir`) to start from: much faster than creating a new database. */
  loadDataDir?: Blob;
}

/** Opens an embedded PostgreSQL (PGlite): what the kit runs on when no server is configured. */
export async function openPglite(options: PgliteOptions = {}): Promise<CrmDatabase> {
  const pg = await PGlite.create(options.dataDir, { extensions: { pg_trgm }, loadDataDir: options.loadDataDir });
  const session: SqlSession = {
    exec: async (text) => {
      await pg.exec(text);
    },
    query: async <T extends Record<string, unknown>>(text: string, params?: unknown[]) =>
      (await pg.query<T>(text, params)).rows,
  };
  return {
    kind: 'pglite',
    db: drizzle(pg, { schema }),
    // PGlite is a single connection already; migrations run before requests are served.
    withSession: (fn) => fn(session),
    listen: async (channel, onMessage) => {
      const unlisten = await pg.listen(channel, onMessage);
      return () => unlisten();
    },
    close: () => pg.close(),
  };
}
