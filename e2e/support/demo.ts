import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser.js';
import { fileURLToPath } from 'node:url';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the shared demo answers. */
    demoUrl: string;
  }
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningDemo {
  /** Where the demo answers, as it printed it. */
  url: string;
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
export function startDemo({ dataDir, port = 0, timeoutMs = 150_000 }: StartOptions): Promise<RunningDemo> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), CRMKIT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  // Its own process group, so that stopping it also stops npm's children (tsx, node).
  const child = spawn('npm', ['start'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (!groupAlive(child.pid!)) return;
    signal(child.pid!, 'SIGTERM');
    const timer = setTimeout(() => signal(child.pid!, 'SIGKILL'), 10_000);
    await exited;
    // npm exits first; the demo itself is still closing its database. Wait for the whole group.
    while (groupAlive(child.pid!)) await new Promise((resolve) => setTimeout(resolve, 100));
    clearTimeout(timer);
  };
  // Should the test runner itself go down, take the demo with it.
  const onExit = () => signal(child.pid!, 'SIGKILL');
  process.once('exit', onExit);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The demo printed no URL within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /crmkit demo: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          output: () => output,
          stop: async () => {
            await stop();
            process.off('exit', onExit);
          },
        });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`The demo exited (${sig ?? code}) before it was ready:\n${output}`));
    });
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // Already gone.
  }
}

/** Where the demo shared by every test file answers (started once: support/global-demo.ts). */
export function demoUrl(): string {
  return inject('demoUrl');
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
