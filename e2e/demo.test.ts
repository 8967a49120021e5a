// Drives the demo as a user does: starts it as the README says (fresh embedded database), then
// signs in through its sign-in page in headless Chromium and looks at the embedded components.
import type { Customer, Page as ListPage } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, signIn, withPage as openPage } from './support/browser.js';
import { demoAndBrowser } from './support/demo.js';
import { announced, eventually } from './support/elements.js';

const HAN = /[\u4e00-\u9fff]/u;

describe('the demo', () => {
  const running = demoAndBrowser();
  let url: string;
  beforeAll(() => {
    url = running.url;
  });
  const withPage = (fn: (page: Page) => Promise<void>) => openPage(running.browser, fn);

  async function customersOf(email: string): Promise<Customer[]> {
    const cookie = await apiSession(url, email);
    const res = await fetch(`${url}/api/crm/customers?limit=50`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as ListPage<Customer>).items;
  }

  /**
   * Finds a customer in the kit's list by typing their name into its search, chooses them, and waits
   * for the card to show their name inside its shadow DOM.
   */
  async function openInList(page: Page, customer: Customer): Promise<void> {
    const list = page.locator('crm-customer-list');
    await list.getByRole('searchbox').fill(customer.name);
    await list
      .getByRole('listbox')
      .getByRole('option')
      .filter({ has: page.getByText(customer.name, { exact: true }) })
      .click();
    await page.waitForURL((u) => u.searchParams.get('customer') === customer.id);
    const card = page.locator(`crm-customer-card[customer-id="${customer.id}"]`);
    const name = card.getByText(customer.name, { exact: true }).first();
    await name.waitFor({ state: 'visible' });
    expect(await name.evaluate((node) => node.getRootNode() instanceof ShadowRoot)).toBe(true);
  }

  it('answers health without credentials and refuses the API without a session', async () => {
    const health = await fetch(`${url}/api/crm/health`);
    expect(health.status).toBe(200);
    const customers = await fetch(`${url}/api/crm/customers`);
    expect(customers.status).toBe(401);
    expect(customers.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends strangers to the sign-in page and rejects a wrong password', async () => {
    const home = await fetch(`${url}/customers`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/login?next=%2Fcustomers');

    const json = await fetch(`${url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'rep@acme.test', password: 'wrong' }),
    });
    expect(json.status).toBe(401);
    expect(json.headers.get('set-cookie')).toBeNull();

    await withPage(async (page) => {
      await page.goto(`${url}/login`);
      await page.getByLabel('Email').fill('rep@acme.test');
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');

      // A demo account's "Use" button fills the form in.
      await page.getByRole('button', { name: 'Use viewer@acme.test' }).click();
      expect(await page.getByLabel('Email').inputValue()).toBe('viewer@acme.test');
      expect(await page.getByLabel('Password').inputValue()).toBe('crmkit-demo');
    });
  });

  it('shows an Acme rep a seeded customer in a crm-customer-card', async () => {
    const customers = await customersOf('rep@acme.test');
    expect(customers.length).toBeGreaterThan(0);
    const customer = customers[0]!;

    await withPage(async (page) => {
      await signIn(page, url, 'rep@acme.test');
      expect(await page.locator('.topbar .org').textContent()).toBe('Acme Supply Co.');
      expect(await page.locator('crm-provider').getAttribute('locale')).toBe('en');
      expect(await page.locator('crm-provider').getAttribute('currency')).toBe('USD');
      // The kit's own list shows all of the rep's customers.
      const list = page.locator('crm-customer-list');
      expect(customers.length).toBeLessThan(50);
      await eventually(() => announced(list)).toBe(`${customers.length} customers`);
      await list.getByRole('listbox').getByRole('option').first().waitFor();
      await openInList(page, customer);

      // The search asks the kit again; the list then holds only what the kit finds, and the
      // address keeps the search.
      const word = customer.name.split(' ')[0]!;
      const cookie = await apiSession(url, 'rep@acme.test');
      const res = await fetch(`${url}/api/crm/customers?limit=50&q=${encodeURIComponent(word)}`, {
        headers: { cookie },
      });
      const found = ((await res.json()) as ListPage<Customer>).items;
      expect(found.length).toBeLessThan(customers.length);
      await list.getByRole('searchbox').fill(word);
      await page.waitForURL((u) => u.searchParams.get('q') === word);
      await eventually(() => announced(list)).toBe(`${found.length} customer${found.length === 1 ? '' : 's'}`);
      expect(await list.getByRole('listbox').getByRole('option').count()).toBe(found.length);

      // Signing out ends the session in this browser.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login$/);
      expect((await page.request.get(`${url}/api/crm/customers`)).status()).toBe(401);
    });
  });

  it('shows a Formosa admin their customers in Traditional Chinese', async () => {
    const customers = await customersOf('admin@formosa.test');
    const customer = customers.find((c) => HAN.test(c.name));
    expect(customer, 'a customer with a Chinese name').toBeDefined();

    await withPage(async (page) => {
      await signIn(page, url, 'admin@formosa.test');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
      expect(await page.locator('crm-provider').getAttribute('locale')).toBe('zh-Hant');
      expect(await page.locator('crm-provider').getAttribute('currency')).toBe('TWD');
      await openInList(page, customer!);

      // The customer's own page shows the same card, full size.
      await page.goto(`${url}/customers/${customer!.id}`);
      const card = page.locator('crm-customer-card');
      expect(await card.getAttribute('variant')).toBe('full');
      await card.getByText(customer!.name, { exact: true }).first().waitFor({ state: 'visible' });
      expect(await page.title()).toContain(customer!.name);
    });
  });

  it('keeps organizations apart', async () => {
    const acme = await customersOf('rep@acme.test');
    const cookie = await apiSession(url, 'admin@formosa.test');
    const res = await fetch(`${url}/api/crm/customers/${acme[0]!.id}`, { headers: { cookie } });
    expect(res.status).toBe(404);
    const page = await fetch(`${url}/customers/${acme[0]!.id}`, { headers: { cookie } });
    expect(page.status).toBe(404);
  });
});
