import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser.js';
import { startProcess } from './process.js';
import { fileURLToPath } from 'node:url';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the shared demo answers. */
    demoUrl: string;
    /** Where the shared demo's contact page (another origin) answers. */
    contactUrl: string;
  }
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningDemo {
  /** Where the demo answers, as it printed it. */
  url: string;
  /** Where the website's contact page (another origin, with the lead form) answers, as it printed it. */
  contactUrl: string;
  /** Everything the demo printed so far, for failure messages. */
  output(): string;
  /** Stops the demo and everything it started; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  timeoutMs?: number;
}

/**
 * Starts the demo exactly as the README says (`npm start`), on the embedded database: any
 * `DATABASE_URL` is removed from its environment. Resolves once it prints its URL.
 */
export async function startDemo({ dataDir, port = 0, timeoutMs = 150_000 }: StartOptions): Promise<RunningDemo> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), CRMKIT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const demo = await startProcess({
    command: 'npm',
    args: ['start'],
    cwd: repoRoot,
    env,
    ready: /crmkit demo: (http:\/\/\S+)/,
    name: 'The demo',
    timeoutMs,
  });
  const contact = /contact page \(another origin\): (http:\/\/\S+)/.exec(demo.output());
  if (!contact) {
    await demo.stop();
    throw new Error(`The demo printed no contact page:\n${demo.output()}`);
  }
  return { url: demo.match[1]!, contactUrl: contact[1]!, output: demo.output, stop: demo.stop };
}

/** Where the demo shared by every test file answers (started once: support/global-demo.ts). */
export function demoUrl(): string {
  return inject('demoUrl');
}

/** Where the shared demo's contact page answers: another origin than the portal's. */
export function contactUrl(): string {
  return inject('contactUrl');
}

/** For a test file: the shared demo and a headless Chromium of its own, closed after its tests. */
export function demoAndBrowser(): { readonly url: string; readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get url() {
      return demoUrl();
    },
    get browser() {
      if (!browser) throw new Error('The browser is not started yet');
      return browser;
    },
  };
}
