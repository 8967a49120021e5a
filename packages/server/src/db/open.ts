import type { CrmDatabase } from './database.js';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Where the embedded database keeps its data. */
  dataDir?: string;
  /** On PostgreSQL, the longest a statement may run, in ms (0: no limit); by default the kit's request limit. */
  statementTimeout?: number;
}

/**
 * Opens the database the environment asks for: the PostgreSQL server at `DATABASE_URL`, else
 * the embedded database in `CRMKIT_DATA_DIR` (default `.crmkit/`). Node only.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<CrmDatabase> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const { connectPostgres } = await import('./postgres.js');
    return connectPostgres({ url, statementTimeout: options.statementTimeout });
  }
  const { openPglite } = await import('./pglite.js');
  const dataDir = options.dataDir ?? process.env.CRMKIT_DATA_DIR ?? '.crmkit';
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dataDir, { recursive: true });
  return openPglite({ dataDir });
}
