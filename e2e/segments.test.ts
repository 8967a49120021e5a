// A segment built on the demo's Segments page, as a manager would: conditions on what the customers
// are and how they buy, with the count following each change; saved, it opens on its own page,
// lists its customers (exactly those the kit says match), and a customer chosen there opens.
import type { Customer, Page as ListPage, Segment } from '@crmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const ADMIN = 'admin@acme.test';

describe('a segment, built and used', () => {
  let session: DemoSession;

  beforeAll(async () => {
    session = await demoSession(ADMIN);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('counts as it is built, saves, and lists the customers the kit says match', async () => {
    const { page, url, api, errors } = session;
    const name = `Repeat buyers ${Date.now().toString(36)}`;
    const rules = {
      all: [
        { field: 'orderCount', op: 'gte', value: 2 },
        { field: 'lifecycleStage', op: 'eq', value: 'customer' },
      ],
    };
    const expected = await api<{ count: number }>('/segments/count', { method: 'POST', body: { rules }, status: 200 });
    expect(expected.count).toBeGreaterThan(0);

    await page.goto(`${url}/segments`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).waitFor();
    const builder = page.locator('crm-segment-builder');
    await builder.getByRole('heading', { name: 'New segment' }).waitFor();
    await builder.getByLabel('Name').fill(name);

    await builder.getByRole('button', { name: 'Add a condition' }).click();
    await builder.getByLabel('Condition 1: what it tests').selectOption('orderCount');
    await builder.getByLabel('Condition 1: how it compares').selectOption('gte');
    await builder.getByLabel('Condition 1: value').fill('2');
    await builder.getByRole('button', { name: 'Add a condition' }).click();
    await builder.getByLabel('Condition 2: value').selectOption('customer');
    const count = builder.locator('[part~="count"]');
    const customers = expected.count === 1 ? 'customer' : 'customers';
    await expect
      .poll(() => count.textContent(), { timeout: 10_000 })
      .toContain(`Matches ${expected.count} ${customers}`);

    await builder.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const id = page.url().split('/').pop()!;
    const saved = await api<Segment>(`/segments/${id}`);
    expect(saved.name).toBe(name);
    expect(saved.rules).toEqual(rules);
    await page.getByRole('navigation', { name: 'Saved segments' }).getByRole('link', { name }).waitFor();

    const list = page.locator('crm-customer-list');
    const members = await api<ListPage<Customer>>(`/customers?segmentId=${id}&limit=200`);
    await expect
      .poll(() => list.evaluate((element) => (element as unknown as { customers: unknown[] }).customers.length), {
        timeout: 15_000,
      })
      .toBe(members.items.length);
    const first = members.items[0]!;
    // The list draws the rows on screen only: bring it into view, below the builder.
    await list.scrollIntoViewIfNeeded();
    await list
      .getByRole('option', { name: new RegExp(first.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    await page.waitForURL(new RegExp(`/customers/${first.id}$`), { timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
