// The demo's trash page as an Acme admin uses it (on the demo shared by the e2e files): a customer
// moved to the trash through the API shows in the trash, comes back with Restore, and is then found
// on the customers page again.
import type { Customer } from '@crmkit/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchChromium, signIn } from './support/browser.js';
import { demoUrl } from './support/demo.js';

const ADMIN = 'admin@acme.test';
const POLL = { timeout: 15_000, interval: 100 };

describe('the trash page', () => {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let url: string;
  let cookie: string;
  const errors: string[] = [];

  async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${url}/api/crm${path}`, {
      method,
      headers: { cookie, origin: url, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    url = demoUrl();
    browser = await launchChromium();
    cookie = await apiSession(url, ADMIN);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, url, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('brings a trashed customer back, as it was', async () => {
    const name = `Returning Traders ${Date.now()}`;
    const created = await api<Customer>('POST', '/customers', { name, kind: 'company', region: 'Northwest' });
    await api<Customer>('DELETE', `/customers/${created.id}`, undefined, { 'if-match': `"${created.version}"` });

    await page.goto(`${url}/trash`);
    await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
    const restore = page.locator('crm-trash').getByRole('button', { name: `Restore ${name}` });
    await restore.click();
    await expect.poll(() => restore.count(), POLL).toBe(0);
    // Said to a screen reader, too.
    await expect
      .poll(() => page.locator('crm-trash').getByRole('status').textContent(), POLL)
      .toBe(`${name} restored.`);
    const back = await api<Customer>('GET', `/customers/${created.id}`);
    expect(back).toMatchObject({ name, region: 'Northwest', deletedAt: null });

    await page.goto(`${url}/customers?q=${encodeURIComponent(name)}`);
    await page
      .locator('crm-customer-list')
      .getByRole('option', { name: new RegExp(name) })
      .waitFor();
    expect(errors).toEqual([]);
  });
});
