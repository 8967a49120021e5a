// A support case from start to finish, as the demo runs it. There is no support role: a rep (Ryan Patel)
// works the cases of their customers. They open a new case from the Cases page, open it on its own page,
// log a note on its timeline, move it from new to open to pending, and resolve it with a note; the kit
// has each change, and the case's history tells them.
import type { Activity, Case, Page as ListPage } from '@crmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const REP = 'rep@acme.test';
const POLL = { timeout: 15_000, interval: 200 };

describe('a support case, worked and resolved', () => {
  let session: DemoSession;

  beforeAll(async () => {
    session = await demoSession(REP);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('is opened from the queue, worked on its page, resolved, and its history shows it', async () => {
    const { page, url, api, errors } = session;
    const subject = `Scanner will not pair ${Date.now().toString(36)}`;

    await page.goto(`${url}/cases`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).waitFor();
    const queue = page.locator('crm-case-list');
    await queue.locator('[part~="base"][aria-busy="false"]').waitFor();

    // A new case, from the queue's own button.
    await queue.getByRole('button', { name: 'New case' }).click();
    const form = queue.getByRole('dialog', { name: 'New case' });
    await form.getByLabel('Subject').fill(subject);
    await form.getByLabel('Priority').selectOption({ label: 'High' });
    await form.getByRole('button', { name: 'Create' }).click();
    const row = queue.locator('[part~="case"]').filter({ hasText: subject });
    await row.waitFor({ timeout: 15_000 });
    const cases = await api<ListPage<Case>>(`/cases?q=${encodeURIComponent(subject)}`);
    expect(cases.items).toHaveLength(1);
    const kase = cases.items[0]!;
    expect(kase).toMatchObject({ status: 'new', priority: 'high' });

    // Opens it on its own page.
    await Promise.all([page.waitForURL(`${url}/cases/${kase.id}`), row.getByRole('button', { name: subject }).click()]);
    const card = page.locator('crm-case-card');
    await card.getByRole('heading', { name: subject }).waitFor();

    // A note on its timeline.
    const log = page.locator('crm-activity-log');
    await log.getByRole('radio', { name: 'Note' }).check();
    await log.getByLabel('Subject', { exact: true }).fill('Asked for the firmware version');
    await log.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => log.getByRole('article').count(), POLL).toBe(1);

    // New, then open, then pending, along the status path.
    await card.getByRole('button', { name: /^Open/ }).click();
    await expect.poll(() => card.locator('[part~="status"]').textContent(), POLL).toBe('Open');
    await card.getByRole('button', { name: /^Pending/ }).click();
    await expect.poll(() => card.locator('[part~="status"]').textContent(), POLL).toBe('Pending');
    expect((await api<Case>(`/cases/${kase.id}`)).status).toBe('pending');

    // Resolved, with a note for the timeline.
    await card.getByRole('button', { name: 'Resolve…' }).click();
    const dialog = card.getByRole('dialog', { name: `Resolve ${subject}` });
    await dialog.getByLabel('Resolution note').fill('Updated the firmware; it pairs now.');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => card.locator('[part~="status"]').textContent(), POLL).toBe('Resolved');
    const resolved = await api<Case>(`/cases/${kase.id}`);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).not.toBeNull();
    const notes = await api<ListPage<Activity>>(`/activities?caseId=${kase.id}`);
    expect(notes.items.map((a) => a.subject).sort()).toEqual(['Asked for the firmware version', 'Resolution']);

    // The history tells each change of status.
    await page.reload();
    const history = page.locator('crm-record-history');
    await expect
      .poll(() => history.locator('[part~="entry"]').allTextContents(), POLL)
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Status: from Pending to Resolved'),
          expect.stringContaining('Status: from Open to Pending'),
          expect.stringContaining('Status: from New to Open'),
        ]),
      );
    expect(errors).toEqual([]);
  });
});
