import { resolve } from 'node:path';

export interface DemoConfig {
  /** The port to listen on; 0 lets the system pick a free one (the printed URL tells which). */
  port: number;
  /** The port of the website's contact page (another origin); by default the next one after `port`. */
  contactPort: number | undefined;
  /** Where the embedded database and the session secret live, as an absolute path. */
  dataDir: string;
  /** A PostgreSQL server to use instead of the embedded database. */
  databaseUrl: string | undefined;
  /** Rebuild the browser code when it changes (`npm run dev`). */
  watch: boolean;
}

/** Reads the demo's settings from the environment, failing early with a readable message. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): DemoConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  const contactPort = env.CONTACT_PORT === undefined || env.CONTACT_PORT === '' ? undefined : Number(env.CONTACT_PORT);
  if (contactPort !== undefined && (!Number.isInteger(contactPort) || contactPort < 0 || contactPort > 65_535)) {
    throw new Error(`CONTACT_PORT must be a port number, not "${env.CONTACT_PORT}"`);
  }
  // npm runs workspace scripts inside demo/: resolve relative paths against where `npm` was typed.
  const base = env.INIT_CWD ?? process.cwd();
  return {
    port,
    contactPort,
    dataDir: resolve(base, env.CRMKIT_DATA_DIR || '.crmkit'),
    databaseUrl: env.DATABASE_URL || undefined,
    watch: argv.includes('--watch-client'),
  };
}
