import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumOptions } from './chromium.js';
import { demoUrl } from './demo.js';

/** Headless Chromium as every tool here starts it (see chromium.ts). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumOptions());
}

/**
 * Signs in through the demo's sign-in page, as a person would, and waits for the page the member
 * lands on (the customers page; a support agent's is the case queue).
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = 'crmkit-demo',
  landing: RegExp = /\/customers$/,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(landing), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

/** Signs in through the JSON endpoint and returns the session cookie, for API calls. */
export async function apiSession(baseUrl: string, email: string, password = 'crmkit-demo'): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`Signing in as ${email} answered ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('portal_session='));
  if (!cookie) throw new Error('No session cookie');
  return cookie.split(';')[0]!;
}

/**
 * Runs `fn` on a page in a fresh browser context (its own cookies) at a desktop size, fails it on
 * any uncaught error in the page, and closes the context afterwards.
 */
export async function withPage(browser: Browser, fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await fn(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  } finally {
    await context.close();
  }
}

/** A member signed in on the demo twice over: in a browser page, and as a session cookie for the API. */
export interface DemoSession {
  url: string;
  page: Page;
  /** The member's browser: {@link withPage} opens a page of someone not signed in beside theirs. */
  browser: Browser;
  /** Uncaught errors of the page so far: a test ends by expecting none. */
  errors: string[];
  /**
   * The kit's API as the member, whose answer's JSON it returns. The answer must have `status`; by
   * default 200 to a `GET`, and any success to a write.
   */
  api<T>(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string>; status?: number },
  ): Promise<T>;
  close(): Promise<void>;
}

/** The browser the open sessions share (each in a context of its own), and how many are open. */
let shared: { browser: Promise<Browser>; sessions: number } | undefined;

/** The shared browser, launched for the first open session; the last session to close closes it. */
async function sessionBrowser(): Promise<{ browser: Browser; release(): Promise<void> }> {
  const current = (shared ??= { browser: launchChromium(), sessions: 0 });
  current.sessions++;
  const browser = await current.browser;
  return {
    browser,
    async release() {
      if (--current.sessions > 0) return;
      if (shared === current) shared = undefined;
      await browser.close();
    },
  };
}

/**
 * Signs `email` in on the demo shared by the e2e files (`landing`: the page they arrive on, see
 * {@link signIn}), in a browser context of its own (its own cookies) at a desktop size, and for
 * the API. Sessions open at once share one browser. The context keeps this test's time zone, so
 * that what a page says of "today" is the test's today too.
 */
export async function demoSession(email: string, landing?: RegExp): Promise<DemoSession> {
  const url = demoUrl();
  const cookie = await apiSession(url, email);
  const { browser, release } = await sessionBrowser();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await signIn(page, url, email, undefined, landing);
  } catch (error) {
    await context.close();
    await release();
    throw error;
  }
  return {
    url,
    page,
    browser,
    errors,
    async api<T>(path: string, { method = 'GET', body, headers = {}, status }: Parameters<DemoSession['api']>[1] = {}) {
      const res = await fetch(`${url}/api/crm${path}`, {
        method,
        headers: { cookie, origin: url, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const said = `${method} ${path}: ${res.status === 204 ? '' : await res.clone().text()}`;
      const expected = status ?? (method === 'GET' ? 200 : undefined);
      if (expected === undefined) expect(res.status, said).toBeLessThan(300);
      else expect(res.status, said).toBe(expected);
      return (await res.json()) as T;
    },
    async close() {
      await context.close();
      await release();
    },
  };
}
