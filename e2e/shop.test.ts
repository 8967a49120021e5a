// The portal as a host of crmkit's hooks and upserts (on the demo shared by the e2e files): an order
// placed in the portal's shop is upserted into the CRM by the portal's server, and the customer's
// card shows the new lifetime value; a deal won is booked in the portal's own ledger by a hook in
// the transaction of the win, which an admin sees on the ledger page and a rep does not.
import type { Customer, Opportunity, Page as ListPage, Pipeline } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const ADMIN = 'admin@acme.test';
const POLL = { timeout: 15_000, interval: 100 };

describe('the shop and the ledger', () => {
  let admin: DemoSession;

  const lifetimeValue = (page: Page) =>
    page.locator('crm-customer-card [data-stat="lifetime-value"] .figure').first().textContent();

  beforeAll(async () => {
    admin = await demoSession(ADMIN);
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('places an order for a customer, and their card shows the new lifetime value', async () => {
    // "AAA" sorts the new customer first in the shop's list.
    const name = `AAA Tea Room ${Date.now()}`;
    const { page, url, api, errors } = admin;
    const customer = await api<Customer>('/customers', { method: 'POST', body: { name, kind: 'company' } });
    await page.goto(`${url}/customers/${customer.id}`);
    await expect.poll(() => lifetimeValue(page), POLL).toBe('No orders yet');

    await page.getByRole('link', { name: 'Shop', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Shop' }).waitFor();
    await page.getByLabel('Customer').selectOption({ label: name });
    await page.getByLabel('Oolong tea, 250 g').fill('2');
    await page.getByLabel('Clay teapot').fill('1');
    await Promise.all([
      page.waitForURL(`${url}/customers/${customer.id}`),
      page.getByRole('button', { name: 'Place order' }).click(),
    ]);
    // 2 × $18.00 + $52.00, as the kit sums the customer's orders.
    await expect.poll(() => lifetimeValue(page), POLL).toBe('$88');
    const orders = await api<ListPage<{ externalId: string | null; totalAmount: number; lines: unknown[] }>>(
      `/orders?customerId=${customer.id}`,
    );
    expect(orders.items).toEqual([expect.objectContaining({ totalAmount: 8800, lines: expect.any(Array) })]);
    expect(orders.items[0]!.lines).toHaveLength(2);

    // A form without products is sent back with the reason, and places nothing.
    await page.goto(`${url}/shop`);
    await page.getByLabel('Customer').selectOption({ label: name });
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toBe('Order at least one product.');
    expect((await api<ListPage<unknown>>(`/orders?customerId=${customer.id}`)).items).toHaveLength(1);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  it('books a won deal in the ledger, which admins see and reps do not', async () => {
    const { page, url, api, errors } = admin;
    const pipelines = await api<ListPage<Pipeline & { isDefault: boolean }>>('/pipelines?limit=50');
    const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
    const open = pipeline.stages.find((s) => s.kind === 'open')!;
    const won = pipeline.stages.find((s) => s.kind === 'won')!;
    const customer = await api<Customer>('/customers', {
      method: 'POST',
      body: { name: `Ledger Buyer ${Date.now()}` },
    });
    const dealName = `Annual tea contract ${Date.now()}`;
    const deal = await api<Opportunity>('/opportunities', {
      method: 'POST',
      body: {
        name: dealName,
        customerId: customer.id,
        pipelineId: pipeline.id,
        stageId: open.id,
        amount: 1_250_000,
        currency: 'USD',
      },
    });
    await page.goto(`${url}/ledger`);
    await page.getByRole('heading', { level: 1, name: 'Ledger' }).waitFor();
    expect(await page.getByRole('link', { name: dealName }).count()).toBe(0);

    await api<Opportunity>(`/opportunities/${deal.id}/move`, { method: 'POST', body: { stageId: won.id } });
    await page.reload();
    const row = page.getByRole('row', { name: new RegExp(dealName) });
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.textContent()).toContain('$12,500.00');
    await expect.poll(() => row.getByRole('link', { name: dealName }).getAttribute('href')).toBe(`/deals/${deal.id}`);
    expect(errors, 'uncaught errors in the page').toEqual([]);

    const rep = await demoSession('rep@acme.test');
    try {
      expect(await rep.page.getByRole('link', { name: 'Ledger' }).count()).toBe(0);
      const res = await rep.page.goto(`${url}/ledger`);
      expect(res?.status()).toBe(404);
      expect(rep.errors, 'uncaught errors in the page').toEqual([]);
    } finally {
      await rep.close();
    }
  });
});
