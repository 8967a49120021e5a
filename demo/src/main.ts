// Starts the demo portal: opens the database, migrates and seeds it, builds the browser code,
// then serves the portal with crmkit mounted at /api/crm.
import { serve } from '@hono/node-server';
import { migrate, seedSample } from '@crmkit/server';
import { openDatabase } from '@crmkit/server/node';
import { Accounts } from './auth/accounts.js';
import { DEMO_ACCOUNTS } from './auth/demo-accounts.js';
import { DEMO_PASSWORD, hashPassword } from './auth/passwords.js';
import { loadSessionSecret } from './auth/secret.js';
import { Sessions } from './auth/session.js';
import { ClientBundle } from './bundle.js';
import { readConfig, type DemoConfig } from './config.js';
import { createPortal } from './app.js';
import { allowContactOrigins, createContactSite } from './contact-site.js';
import { API_BASE } from './views/customers.js';
import { prepareLedger } from './shop/ledger.js';

const startedAt = performance.now();
const config = readConfig();

/** The database, migrated and holding the sample organizations, and the portal's users on it. */
async function prepareData(config: DemoConfig) {
  console.log(
    config.databaseUrl
      ? `Using PostgreSQL at ${new URL(config.databaseUrl).host}`
      : `Using the embedded database in ${config.dataDir}`,
  );
  // Hashed once per start: the sample users get it, and unknown emails are checked against it.
  const [database, passwordHash] = await Promise.all([
    openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    hashPassword(DEMO_PASSWORD),
  ]);
  const { applied } = await migrate(database);
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s)`);
  await prepareLedger(database);
  const seeded = await seedSample(database.db, { passwordHash });
  if (seeded.created) console.log(`Seeded ${seeded.organizations.map((o) => o.name).join(' and ')}`);
  const accounts = new Accounts(database.db, passwordHash);
  await accounts.ensurePasswords(
    DEMO_ACCOUNTS.map((a) => a.email),
    passwordHash,
  );
  return { database, accounts };
}

const [{ database, accounts }, bundle] = await Promise.all([
  prepareData(config),
  ClientBundle.build({ watch: config.watch }),
]);
// Read after the database opened: the embedded one creates the data directory's contents.
const sessions = new Sessions(await loadSessionSecret(config.dataDir));
let contactUrl: string | undefined;
const app = createPortal({ database, accounts, sessions, bundle, contactUrl: () => contactUrl });

/** Says the demo is ready, once both sites listen (or the contact site could not). */
function announce(portalUrl: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`Ready in ${seconds} s. Sign in as rep@acme.test with the password ${DEMO_PASSWORD}.`);
  if (contactUrl) console.log(`The website's contact page (another origin): ${contactUrl}`);
  console.log(`crmkit demo: ${portalUrl}`);
}

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  const portalUrl = `http://localhost:${info.port}`;
  // The company's public website, on another origin, with the lead form posting to the kit here.
  const site = createContactSite({ database, bundle, crmBaseUrl: `${portalUrl}${API_BASE}` });
  const contactPort = config.contactPort ?? (config.port ? config.port + 1 : 0);
  const contact = serve({ fetch: site.fetch, port: contactPort }, (contactInfo) => {
    const origins = [`http://localhost:${contactInfo.port}`, `http://127.0.0.1:${contactInfo.port}`];
    void allowContactOrigins(database, origins).then(() => {
      contactUrl = origins[0];
      announce(portalUrl);
    });
  });
  contact.on('error', (error: NodeJS.ErrnoException) => {
    // The portal works without it: say why the contact page is missing and go on.
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${contactPort} is in use, so the website's contact page is off; set CONTACT_PORT to another port.`
        : `The website's contact page is off: ${error.message}`,
    );
    announce(portalUrl);
  });
});

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE' ? `Port ${config.port} is in use; set PORT to another one.` : error.message,
  );
  void database.close().finally(() => process.exit(1));
});

// Close the embedded database cleanly, so its files are never left half-written.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 5_000).unref();
    server.close();
    void database.close().finally(() => process.exit(0));
  });
}
