// A support agent's day at the service desk, as the demo runs it. Sam Okafor (support@acme.test) signs in
// and lands on the case queue; the navigation offers the desk's pages only. From a customer's page they
// open a case for that customer, log the call on its timeline, set it to pending, hand it to themselves,
// and resolve it. Nowhere are they offered a deal: no deal figure or button on the customer's card, and
// the pipeline page is not theirs.
import type { Activity, Case, Customer, Page as ListPage } from '@crmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const SUPPORT = 'support@acme.test';
const POLL = { timeout: 15_000, interval: 200 };

describe('a support agent at the service desk', () => {
  let session: DemoSession;

  beforeAll(async () => {
    // A support agent lands on the case queue.
    session = await demoSession(SUPPORT, /\/cases$/);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lands on the case queue, and is offered only the pages of the desk', async () => {
    const { page, url, api, errors } = session;
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Cases' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My day', 'Customers', 'Cases']);
    // Their own queue holds sample cases to work.
    const me = await api<{ userId: string }>('/me');
    const mine = await api<ListPage<Case>>(`/cases?ownerId=${me.userId}`);
    expect(mine.items.length).toBeGreaterThan(0);
    const queue = page.locator('crm-case-list');
    await queue.locator('[part~="base"][aria-busy="false"]').waitFor();
    expect(await queue.locator('[part~="error"]').count()).toBe(0);
    // The sales pages are not theirs, even by address.
    for (const path of ['/pipeline', '/leads', '/reports', '/forecast']) {
      const res = await page.goto(`${url}${path}`);
      expect(res?.status(), path).toBe(404);
    }
    expect(errors).toEqual([]);
  });

  it("opens a case from a customer's page, works it, hands it to themselves and resolves it", async () => {
    const { page, url, api, errors } = session;
    const subject = `Pallet arrived crushed ${Date.now().toString(36)}`;
    const [customer] = (await api<ListPage<Customer>>('/customers?limit=1&sort=name')).items;

    // The customer's page: service figures and a way to open a case, and nothing about deals.
    await page.goto(`${url}/customers/${customer!.id}`);
    const card = page.locator('crm-customer-card');
    await card.getByRole('heading', { name: customer!.name }).waitFor();
    await card.locator('[part~="stats"]:not([aria-busy])').waitFor();
    expect(await card.locator('[data-stat="lifetime-value"]').count()).toBe(1);
    expect(await card.locator('[data-stat="open-deals"]').count()).toBe(0);
    expect(await card.locator('[data-section="deals"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New deal' }).count()).toBe(0);
    expect(await card.getByRole('button', { name: /^Edit/ }).count()).toBe(0);

    // A new case for this customer, from the customer's own case list.
    const cases = page.locator('crm-case-list');
    await cases.locator('[part~="base"][aria-busy="false"]').waitFor();
    await cases.getByRole('button', { name: 'New case' }).click();
    const form = cases.getByRole('dialog', { name: 'New case' });
    await form.getByLabel('Subject').fill(subject);
    await form.getByLabel('Priority').selectOption({ label: 'High' });
    await form.getByRole('button', { name: 'Create' }).click();
    const row = cases.locator('[part~="case"]').filter({ hasText: subject });
    await row.waitFor({ timeout: 15_000 });
    const found = await api<ListPage<Case>>(`/cases?q=${encodeURIComponent(subject)}`);
    expect(found.items).toHaveLength(1);
    const kase = found.items[0]!;
    expect(kase).toMatchObject({ customerId: customer!.id, status: 'new', priority: 'high' });

    // Its own page: the call on its timeline.
    await page.goto(`${url}/cases/${kase.id}`);
    const caseCard = page.locator('crm-case-card');
    await caseCard.getByRole('heading', { name: subject }).waitFor();
    const log = page.locator('crm-activity-log');
    await log.getByRole('radio', { name: 'Call' }).check();
    await log.getByLabel('Subject', { exact: true }).fill('Called the customer about the pallet');
    await log.getByRole('button', { name: 'Log call' }).click();
    await expect.poll(() => log.getByRole('article').count(), POLL).toBe(1);

    // Open, then pending while the carrier answers.
    await caseCard.locator('[part~="step"][data-status="open"]').click();
    await expect.poll(() => caseCard.locator('[part~="status"]').textContent(), POLL).toBe('Open');
    await caseCard.locator('[part~="step"][data-status="pending"]').click();
    await expect.poll(() => caseCard.locator('[part~="status"]').textContent(), POLL).toBe('Pending');

    // Handed to themselves.
    await caseCard.locator('[data-edit="ownerId"]').click();
    await caseCard.getByLabel('Owner', { exact: true }).selectOption({ label: 'Sam Okafor' });
    await caseCard.getByRole('button', { name: 'Save' }).click();
    const me = await api<{ userId: string }>('/me');
    await expect.poll(async () => (await api<Case>(`/cases/${kase.id}`)).ownerId, POLL).toBe(me.userId);

    // Resolved, with a note for the timeline.
    await caseCard.getByRole('button', { name: 'Resolve…' }).click();
    const dialog = caseCard.getByRole('dialog', { name: `Resolve ${subject}` });
    await dialog.getByLabel('Resolution note').fill('The carrier sends a new pallet on Monday.');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => caseCard.locator('[part~="status"]').textContent(), POLL).toBe('Resolved');
    const resolved = await api<Case>(`/cases/${kase.id}`);
    expect(resolved).toMatchObject({ status: 'resolved', ownerId: me.userId });
    expect(resolved.resolvedAt).not.toBeNull();
    const timeline = await api<ListPage<Activity>>(`/activities?caseId=${kase.id}`);
    expect(timeline.items.map((a) => a.subject).sort()).toEqual(['Called the customer about the pallet', 'Resolution']);
    expect(errors).toEqual([]);
  });
});
