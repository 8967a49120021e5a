// The portal as a host of crmkit's hooks and upserts (on the demo shared by the e2e files): an order
// placed in the portal's shop is upserted into the CRM by the portal's server, and the customer's
// card shows the new lifetime value; a deal won is booked in the portal's own ledger by a hook in
// the transaction of the win, which an admin sees on the ledger page and a rep does not.
import type { Customer, Opportunity, Page as ListPage, Pipeline } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, signIn, withPage } from './support/browser.js';
import { demoAndBrowser } from './support/demo.js';

const ADMIN = 'admin@acme.test';
const POLL = { timeout: 15_000, interval: 100 };

describe('the shop and the ledger', () => {
  const demo = demoAndBrowser();
  let cookie: string;

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${demo.url}/api/crm${path}`, {
      method,
      headers: { cookie, origin: demo.url, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return (await res.json()) as T;
  }
  const lifetimeValue = (page: Page) =>
    page.locator('crm-customer-card [data-stat="lifetime-value"] .figure').first().textContent();

  beforeAll(async () => {
    cookie = await apiSession(demo.url, ADMIN);
  });

  it('places an order for a customer, and their card shows the new lifetime value', async () => {
    // "AAA" sorts the new customer first in the shop's list.
    const name = `AAA Tea Room ${Date.now()}`;
    const customer = await api<Customer>('POST', '/customers', { name, kind: 'company' });
    await withPage(demo.browser, async (page) => {
      await signIn(page, demo.url, ADMIN);
      await page.goto(`${demo.url}/customers/${customer.id}`);
      await expect.poll(() => lifetimeValue(page), POLL).toBe('No orders yet');

      await page.getByRole('link', { name: 'Shop', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Shop' }).waitFor();
      await page.getByLabel('Customer').selectOption({ label: name });
      await page.getByLabel('Oolong tea, 250 g').fill('2');
      await page.getByLabel('Clay teapot').fill('1');
      await Promise.all([
        page.waitForURL(`${demo.url}/customers/${customer.id}`),
        page.getByRole('button', { name: 'Place order' }).click(),
      ]);
      // 2 × $18.00 + $52.00, as the kit sums the customer's orders.
      await expect.poll(() => lifetimeValue(page), POLL).toBe('$88');
      const orders = await api<ListPage<{ externalId: string | null; totalAmount: number; lines: unknown[] }>>(
        'GET',
        `/orders?customerId=${customer.id}`,
      );
      expect(orders.items).toEqual([expect.objectContaining({ totalAmount: 8800, lines: expect.any(Array) })]);
      expect(orders.items[0]!.lines).toHaveLength(2);

      // A form without products is sent back with the reason, and places nothing.
      await page.goto(`${demo.url}/shop`);
      await page.getByLabel('Customer').selectOption({ label: name });
      await page.getByRole('button', { name: 'Place order' }).click();
      await expect.poll(() => page.getByRole('alert').textContent(), POLL).toBe('Order at least one product.');
      expect((await api<ListPage<unknown>>('GET', `/orders?customerId=${customer.id}`)).items).toHaveLength(1);
    });
  });

  it('books a won deal in the ledger, which admins see and reps do not', async () => {
    const pipelines = await api<ListPage<Pipeline & { isDefault: boolean }>>('GET', '/pipelines?limit=50');
    const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
    const open = pipeline.stages.find((s) => s.kind === 'open')!;
    const won = pipeline.stages.find((s) => s.kind === 'won')!;
    const customer = await api<Customer>('POST', '/customers', { name: `Ledger Buyer ${Date.now()}` });
    const dealName = `Annual tea contract ${Date.now()}`;
    const deal = await api<Opportunity>('POST', '/opportunities', {
      name: dealName,
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: open.id,
      amount: 1_250_000,
      currency: 'USD',
    });
    await withPage(demo.browser, async (page) => {
      await signIn(page, demo.url, ADMIN);
      await page.goto(`${demo.url}/ledger`);
      await page.getByRole('heading', { level: 1, name: 'Ledger' }).waitFor();
      expect(await page.getByRole('link', { name: dealName }).count()).toBe(0);

      await api<Opportunity>('POST', `/opportunities/${deal.id}/move`, { stageId: won.id });
      await page.reload();
      const row = page.getByRole('row', { name: new RegExp(dealName) });
      await expect.poll(() => row.count(), POLL).toBe(1);
      expect(await row.textContent()).toContain('$12,500.00');
      await expect.poll(() => row.getByRole('link', { name: dealName }).getAttribute('href')).toBe(`/deals/${deal.id}`);
    });
    await withPage(demo.browser, async (page) => {
      await signIn(page, demo.url, 'rep@acme.test');
      expect(await page.getByRole('link', { name: 'Ledger' }).count()).toBe(0);
      const res = await page.goto(`${demo.url}/ledger`);
      expect(res?.status()).toBe(404);
    });
  });
});
