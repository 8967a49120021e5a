// The databases every server test runs on: embedded PGlite always, and the PostgreSQL server
// at DATABASE_URL when it is set (CI always sets it). Each is opened and migrated once per file;
// tests isolate themselves by creating their own organizations. Without DATABASE_URL a run
// prints one loud line saying the PostgreSQL half is skipped (support/database-notice.ts).
import { afterAll, beforeAll } from 'vitest';
import type { CrmDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { connectPostgres } from '../src/db/postgres.js';

export interface TestDatabase {
  name: string;
  get: () => CrmDatabase;
}

export function testDatabases(): TestDatabase[] {
  const kinds: [string, () => Promise<CrmDatabase>][] = [['pglite', () => openPglite()]];
  const url = process.env.DATABASE_URL;
  if (url) kinds.push(['postgres', async () => connectPostgres({ url, max: 4 })]);
  return kinds.map(([name, open]) => {
    let database: CrmDatabase | undefined;
    beforeAll(async () => {
      database = await open();
      await migrate(database);
    }, 120_000);
    afterAll(async () => {
      await database?.close();
    });
    return {
      name,
      get: () => {
        if (!database) throw new Error(`${name} is not open yet`);
        return database;
      },
    };
  });
}
