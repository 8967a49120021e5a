// The databases every server test runs on: embedded PGlite always, and the PostgreSQL server
// at DATABASE_URL when it is set (CI always sets it). Each test file gets its own copy of a
// database migrated once per run (support/template-databases.ts): PGlite loads a dump, PostgreSQL
// copies a template database. Tests isolate themselves within a file by creating their own
// organizations. Without DATABASE_URL a run prints one loud line saying the PostgreSQL half is
// skipped (support/database-notice.ts).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, inject } from 'vitest';
import type { CrmDatabase } from '../src/db/database.js';
import { openPglite } from '../src/db/pglite.js';
import { connectPostgres } from '../src/db/postgres.js';
import { templateNames, withAdmin } from './support/template-databases.js';

export interface TestDatabase {
  name: string;
  get: () => CrmDatabase;
}

interface Opened {
  database: CrmDatabase;
  /** Removes what opening created, after the database is closed. */
  remove?: () => Promise<void>;
}

export function testDatabases(): TestDatabase[] {
  const kinds: [string, () => Promise<Opened>][] = [['pglite', openPgliteCopy]];
  const url = process.env.DATABASE_URL;
  if (url) kinds.push(['postgres', () => openPostgresCopy(url)]);
  return kinds.map(([name, open]) => {
    let opened: Opened | undefined;
    beforeAll(async () => {
      opened = await open();
    }, 120_000);
    afterAll(async () => {
      await opened?.database.close();
      await opened?.remove?.();
    });
    return {
      name,
      get: () => {
        if (!opened) throw new Error(`${name} is not open yet`);
        return opened.database;
      },
    };
  });
}

async function openPgliteCopy(): Promise<Opened> {
  const dump = new Blob([await readFile(inject('pgliteDump'))]);
  return { database: await openPglite({ loadDataDir: dump }) };
}

let copies = 0;

async function openPostgresCopy(url: string): Promise<Opened> {
  const template = inject('postgresTemplate');
  const name = `${templateNames(url).copies}${process.pid}_${copies++}_${Date.now().toString(36)}`;
  await withAdmin(url, (sql) => sql.unsafe(`create database "${name}" template "${template}"`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    database: connectPostgres({ url: target.toString(), max: 4 }),
    remove: () => withAdmin(url, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}
