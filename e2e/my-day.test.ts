// A rep's day, as the demo runs it: a task of theirs due earlier today shows as overdue on "My day";
// they tick it off with the keyboard, it leaves the list, and the kit has it done. A customer it is
// about opens on its own page.
import type { Activity, Customer, Page as ListPage } from '@crmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const REP = 'rep@acme.test';
const POLL = { timeout: 15_000, interval: 200 };

describe('My day', () => {
  let session: DemoSession;

  beforeAll(async () => {
    // Its browser reads times in the same zone as this test (see demoSession).
    session = await demoSession(REP);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lets a rep complete a task from My day with the keyboard', async () => {
    const { page, url, api, errors } = session;
    const customer = (await api<ListPage<Customer>>('/customers?limit=1')).items[0]!;
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    const subject = `Call about the samples ${Date.now().toString(36)}`;
    const task = await api<Activity>('/activities', {
      method: 'POST',
      body: {
        type: 'task',
        subject,
        dueAt: new Date(Math.max(midnight + 1000, now.getTime() - 3_600_000)).toISOString(),
        customerId: customer.id,
      },
    });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).click();
    await page.waitForURL(`${url}/my-day`);
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();

    const list = page.locator('crm-task-list');
    const row = list.locator(`[part~="task"][data-id="${task.id}"]`);
    await row.waitFor();
    // Due earlier today, so overdue already (the browser reads times in the same zone as this test).
    expect(await row.evaluate((el) => el.closest<HTMLElement>('[part~="group"]')!.dataset.group)).toBe('overdue');

    await row.getByRole('checkbox', { name: subject }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => row.count(), POLL).toBe(0);
    await expect.poll(async () => (await api<Activity>(`/activities/${task.id}`)).doneAt, POLL).not.toBeNull();
    await expect.poll(() => list.locator('[part~="done-today"]').textContent(), POLL).toContain(subject);
    // After a reload too: the kit tells what was done today.
    await page.reload();
    await expect.poll(() => list.locator('[part~="done-today"]').textContent(), POLL).toContain(subject);

    // What a task is about opens on its own page.
    const about = list.locator('[part~="about-link"]').first();
    await about.waitFor();
    await Promise.all([page.waitForURL(/\/(customers|deals)\/[0-9a-f-]{36}$/), about.click()]);
    expect(errors).toEqual([]);
  });
});
