// The data the stories' in-browser kit starts from. Migrating and seeding PGlite in the browser took
// a minute and more on every preview load; so PGlite is migrated and seeded once, in Node, when
// Storybook starts or builds, and the browser loads a dump of its data directory (about a second).
// Served at /crmkit-sample-data.tar.gz by the dev server and written beside iframe.html by the build.
import type { PGlite } from '@electric-sql/pglite';
import { migrate, seedSample } from '@crmkit/server';
import { openPglite } from '@crmkit/server/pglite';

/** A gzipped dump (`PGlite.dumpDataDir`) of a migrated database holding the sample organizations. */
export async function sampleDataDump(): Promise<Uint8Array> {
  const database = await openPglite();
  try {
    await migrate(database);
    await seedSample(database.db);
    // drizzle hands out the driver it wraps as `$client`: here the PGlite instance.
    const pglite = (database.db as unknown as { $client: PGlite }).$client;
    return new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
  } finally {
    await database.close();
  }
}
