// The demo's trash page as an Acme admin uses it (on the demo shared by the e2e files): a customer
// moved to the trash through the API shows in the trash, comes back with Restore, and is then found
// on the customers page again.
import type { Customer } from '@crmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const ADMIN = 'admin@acme.test';
const POLL = { timeout: 15_000, interval: 100 };

describe('the trash page', () => {
  let session: DemoSession;

  beforeAll(async () => {
    session = await demoSession(ADMIN);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('brings a trashed customer back, as it was', async () => {
    const { page, url, api, errors } = session;
    const name = `Returning Traders ${Date.now()}`;
    const created = await api<Customer>('/customers', {
      method: 'POST',
      body: { name, kind: 'company', region: 'Northwest' },
    });
    await api<Customer>(`/customers/${created.id}`, {
      method: 'DELETE',
      headers: { 'if-match': `"${created.version}"` },
    });

    await page.goto(`${url}/trash`);
    await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
    const restore = page.locator('crm-trash').getByRole('button', { name: `Restore ${name}` });
    await restore.click();
    await expect.poll(() => restore.count(), POLL).toBe(0);
    // Said to a screen reader, too.
    await expect
      .poll(() => page.locator('crm-trash').getByRole('status').textContent(), POLL)
      .toBe(`${name} restored.`);
    const back = await api<Customer>(`/customers/${created.id}`);
    expect(back).toMatchObject({ name, region: 'Northwest', deletedAt: null });

    await page.goto(`${url}/customers?q=${encodeURIComponent(name)}`);
    await page
      .locator('crm-customer-list')
      .getByRole('option', { name: new RegExp(name) })
      .waitFor();
    expect(errors).toEqual([]);
  });
});
