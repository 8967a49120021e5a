// Vitest global setup: migrates one database of each kind once per run, for every test file to
// start from a copy of (see ../databases.ts). Creating a PGlite database costs seconds here;
// loading a dump of a migrated one costs a fraction of that. On PostgreSQL each file gets its own
// database, `CREATE DATABASE … TEMPLATE` the migrated one: files cannot see each other's rows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import { connectPostgres } from '../../src/db/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tar file: a migrated PGlite data directory, from `dumpDataDir`. */
    pgliteDump: string;
    /** A migrated PostgreSQL database to copy, at DATABASE_URL's server; '' without DATABASE_URL. */
    postgresTemplate: string;
  }
}

/** The name of the migrated template beside DATABASE_URL's database, and the prefix of the copies. */
export function templateNames(url: string): { template: string; copies: string } {
  const base = decodeURIComponent(new URL(url).pathname.slice(1));
  return { template: `${base}_template`, copies: `${base}_f_` };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'crmkit-test-'));
  const url = process.env.DATABASE_URL;
  const [dump, template] = await Promise.all([pgliteDump(dir), url ? postgresTemplate(url) : '']);
  project.provide('pgliteDump', dump);
  project.provide('postgresTemplate', template);
  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (url) await dropTemplateAndCopies(url);
  };
}

async function pgliteDump(dir: string): Promise<string> {
  const database = await openPglite();
  try {
    await migrate(database);
    // drizzle hands out the driver it wraps as `$client`: here the PGlite instance.
    const pglite = (database.db as unknown as { $client: PGlite }).$client;
    const file = join(dir, 'pglite-migrated.tar');
    await writeFile(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return file;
  } finally {
    await database.close();
  }
}

async function postgresTemplate(url: string): Promise<string> {
  await dropTemplateAndCopies(url);
  // DATABASE_URL's own database too, for the tests that connect to it themselves (operations).
  await migrateAt(url);
  const { template } = templateNames(url);
  await withAdmin(url, (sql) => sql.unsafe(`create database "${template}"`));
  const target = new URL(url);
  target.pathname = `/${template}`;
  await migrateAt(target.toString());
  return template;
}

async function migrateAt(url: string): Promise<void> {
  const database = connectPostgres({ url, max: 1 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}

/** Drops the template and any copies a crashed run left behind. */
async function dropTemplateAndCopies(url: string): Promise<void> {
  const { template, copies } = templateNames(url);
  await withAdmin(url, async (sql) => {
    const stale = await sql<{ datname: string }[]>`
      select datname from pg_database where datname = ${template} or starts_with(datname, ${copies})`;
    for (const { datname } of stale) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  });
}

/** One connection to DATABASE_URL's own database, for creating and dropping the others. */
export async function withAdmin<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}
