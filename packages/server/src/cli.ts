// The crmkit command: migrate, seed and serve, on DATABASE_URL or the embedded database.
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { Hono } from 'hono';
import { createCrm } from './app.js';
import { argon2Passwords } from './auth/argon2.js';
import { migrate, migrationScript } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { serveNode } from './http/node-server.js';
import { ORG_USAGE, runOrgCommand } from './org-commands.js';
import { runTransferCommand, TRANSFER_USAGE } from './transfer-commands.js';
import { seedSample } from './seed/sample.js';
import { seedScale } from './seed/scale.js';
import { reassignUntouchedLeads } from './leads/reassign.js';
import { takeForecastSnapshots } from './forecast/take-snapshots.js';
import { deleteExpiredImportFiles, IMPORT_FILE_DAYS } from './imports/retention.js';

const USAGE = `Usage: crmkit <command> [options]

Commands:
  migrate                 apply the kit's database migrations
  migrate --print-sql [--after TAG]
                          print them as one SQL script instead (with the one-time role SQL),
                          for DBAs who apply migrations themselves; --after: only newer ones
  seed [--demo-passwords] add the two sample organizations (Acme and Formosa); with
                          --demo-passwords their members sign in with the known password
                          crmkit-demo (for a demo only: never on a database anyone else uses)
  seed --scale N          add one organization with N opportunities (and customers, contacts,
                          activities and orders in proportion) for benchmarks; N up to 1000000.
                          As the tables' owner; a seed larger than a quarter of the database's
                          deals loads in bulk and locks the tables it writes until it is done
  jobs run-once           run the kit's scheduled jobs once (re-assign leads left untouched,
                          take the week's forecast snapshots, delete the files of import jobs
                          that ended more than 30 days ago), for hosts that run them from cron with createCrm({ jobs: false });
                          safe beside running kits and other runs
  serve [--port N]        serve the kit alone at http://localhost:N/api/crm (default 3100),
                          with its own sign-in (POST /api/crm/auth/login)
${ORG_USAGE}
${TRANSFER_USAGE}

The database is PostgreSQL at DATABASE_URL when set, else the embedded one in
CRMKIT_DATA_DIR (default .crmkit/).`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'org' || argv[0] === 'import' || argv[0] === 'export') {
    const database = await openDatabase();
    try {
      await migrate(database);
      return argv[0] === 'org'
        ? await runOrgCommand(database, argv.slice(1))
        : await runTransferCommand(database, argv);
    } finally {
      await database.close();
    }
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scale: { type: 'string' },
      port: { type: 'string' },
      'demo-passwords': { type: 'boolean' },
      'print-sql': { type: 'boolean' },
      after: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === 'jobs') return runJobs(positionals.slice(1));
  if (!['migrate', 'seed', 'serve'].includes(command)) {
    console.error(`Unknown command: ${command}\n\n${USAGE}`);
    return 1;
  }
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 1 || scale > 1_000_000)) {
    console.error('--scale takes a whole number from 1 to 1000000');
    return 1;
  }
  const port = Number(values.port ?? 3100);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error('--port takes a port number');
    return 1;
  }

  if (command === 'migrate' && values['print-sql']) {
    // Written out before the exit: into a pipe, a write is asynchronous, and exiting cuts the script short.
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(migrationScript(values.after), (error) => (error ? reject(error) : resolve())),
    );
    return 0;
  }

  // Migrating and seeding a large organization run statements longer than a request may: only serving
  // keeps the kit's statement time limit.
  const database = await openDatabase(command === 'serve' ? {} : { statementTimeout: 0 });
  const started = performance.now();
  const { applied } = await migrate(database);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');

  if (command === 'seed' && scale === undefined) {
    // A known password on sample members opens any database they are seeded into: only when asked.
    const demoPasswords = values['demo-passwords'] === true;
    const passwordHash = demoPasswords ? await argon2Passwords.hash('crmkit-demo') : null;
    const { created, organizations } = await seedSample(database.db, { passwordHash });
    console.log(`${created ? 'Seeded' : 'Already seeded'}: ${organizations.map((o) => o.name).join(', ')}`);
    if (created) {
      console.log(
        demoPasswords
          ? 'Sample members sign in with the password crmkit-demo.'
          : 'Sample members have no password (seed with --demo-passwords for the demo password).',
      );
    }
  }
  if (command === 'seed' && scale !== undefined) {
    const bar = new SingleBar(
      {
        format: 'Seeding [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}',
        // Without a terminal (CI, a log file) print a line every few seconds instead.
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      Presets.shades_classic,
    );
    let barStarted = false;
    const result = await seedScale(database.db, {
      opportunities: scale,
      onProgress: (done, total) => {
        if (!barStarted) bar.start(total, 0);
        barStarted = true;
        bar.update(done);
      },
    });
    if (barStarted) bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      result.created
        ? `Seeded organization ${result.orgId} with ${JSON.stringify(result.plan)} in ${seconds}s` +
            (result.inBulk ? " (in bulk: the tables' keys, indexes and triggers set aside and rebuilt)" : '')
        : `Organization scale-${scale} exists already (${result.orgId}).`,
    );
  }
  if (command === 'serve') {
    const crm = createCrm({ database, passwords: argon2Passwords, accessLog: process.env.CRMKIT_ACCESS_LOG === '1' });
    const app = new Hono().route('/api/crm', crm);
    const running = serveNode({
      fetch: app.fetch,
      port,
      kits: [crm],
      onListen: (info) => console.log(`crmkit: http://localhost:${info.port}/api/crm (reference at /api/crm/docs)`),
    });
    // Graceful stop on SIGTERM (a deploy) or Ctrl-C: drain, end streams, close the pool, exit.
    const stop = async () => {
      await running.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
    return -1;
  }
  await database.close();
  return 0;
}

/** `crmkit jobs run-once`: what the kit's scheduler runs, once, then exits. */
async function runJobs(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] !== 'run-once') {
    console.error(`Usage: crmkit jobs run-once\n\n${USAGE}`);
    return 1;
  }
  const database = await openDatabase();
  try {
    await migrate(database);
    const { reassigned, kept } = await reassignUntouchedLeads(database.db);
    console.log(
      `Re-assigned ${reassigned} untouched lead${reassigned === 1 ? '' : 's'}` +
        (kept ? `; ${kept} left with their owner, as nobody else of their rule was available.` : '.'),
    );
    const { taken } = await takeForecastSnapshots(database.db);
    console.log(`Took ${taken} forecast snapshot${taken === 1 ? '' : 's'} of this week.`);
    const { jobs } = await deleteExpiredImportFiles(database.db);
    console.log(
      `Deleted the files of ${jobs} import job${jobs === 1 ? '' : 's'} that ended more than ${IMPORT_FILE_DAYS} days ago.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(
      error instanceof Error
        ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
        : error,
    );
    process.exit(1);
  },
);
