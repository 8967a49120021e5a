// The customers page as a sales rep uses it every day: find a customer by typing part of their
// name into the kit's <crm-customer-list>, open their card, log a call with the
// <crm-activity-log> composer, and see the call at the top of their activity. In English (Acme)
// and in Traditional Chinese (Formosa), on a fresh demo started as the README says.
import type { Activity, Customer, Page as ListPage } from '@crmkit/core';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';
import { announced, eventually } from './support/elements.js';

/** What the rep reads on the screen, in the organization's language. */
interface Words {
  search: string;
  count: (n: number) => string;
  subject: string;
  duration: string;
  outcome: string;
  connected: string;
  submit: string;
  /** How the log shows 12 minutes. */
  twelveMinutes: string;
  saving: string;
}

const ENGLISH: Words = {
  search: 'Search customers',
  count: (n) => `${n} ${n === 1 ? 'customer' : 'customers'}`,
  subject: 'Subject',
  duration: 'Duration (minutes)',
  outcome: 'Outcome',
  connected: 'Connected',
  submit: 'Log call',
  twelveMinutes: '12 min',
  saving: 'Saving…',
};

const CHINESE: Words = {
  search: '搜尋客戶',
  count: (n) => `${n} 筆客戶`,
  subject: '主旨',
  duration: '時長（分鐘）',
  outcome: '結果',
  connected: '已接通',
  submit: '記錄通話',
  twelveMinutes: '12 分鐘',
  saving: '儲存中…',
};

const HAN = /^\p{Script=Han}+$/u;

/**
 * Customers of `customers` with a part of their name that no other name contains: four letters
 * from inside a long English word, or two (else three) Chinese characters from inside a Chinese name.
 */
function* withOwnFragment(customers: Customer[], script: 'latin' | 'han') {
  const unique = (fragment: string, customer: Customer) =>
    customers.every((other) => other.id === customer.id || !other.name.toLowerCase().includes(fragment.toLowerCase()));
  for (const customer of customers) {
    const candidates =
      script === 'latin'
        ? customer.name
            .split(/\s+/)
            .filter((word) => /^[A-Za-z]{6,}$/.test(word))
            .map((word) => word.slice(1, 5).toLowerCase())
        : [2, 3].flatMap((length) =>
            [...customer.name]
              .map((_, at, chars) => chars.slice(at, at + length).join(''))
              // Not the first characters: the search must find text inside the name.
              .filter((text, at) => at > 0 && text.length === length && HAN.test(text)),
          );
    const fragment = candidates.find((text) => unique(text, customer));
    if (fragment) yield { customer, fragment };
  }
}

describe('finding a customer and logging a call', () => {
  /** The text of the newest entry of the log, once it is no longer being saved. */
  function newestEntry(log: Locator, words: Words): Promise<string> {
    return log
      .getByRole('article')
      .first()
      .textContent()
      .then((text) => (text?.includes(words.saving) ? '' : (text ?? '').replace(/\s+/g, ' ')));
  }

  async function findLogAndSee(email: string, script: 'latin' | 'han', words: Words): Promise<void> {
    const session = await demoSession(email);
    try {
      await findLogAndSeeAs(session, script, words);
      expect(session.errors, 'uncaught errors in the page').toEqual([]);
    } finally {
      await session.close();
    }
  }

  async function findLogAndSeeAs({ page, api }: DemoSession, script: 'latin' | 'han', words: Words): Promise<void> {
    const mine = (await api<ListPage<Customer>>('/customers?limit=200')).items;
    // Few enough for the list's first page, so its count is exact.
    expect(mine.length).toBeLessThan(50);
    // The log lists activity newest first by when it happens, and a task by when it is due: a
    // customer with a task due later would keep it above a call logged now. Take one without.
    let chosen: { customer: Customer; fragment: string; before: Activity[] } | undefined;
    for (const candidate of withOwnFragment(mine, script)) {
      const path = `/activities?customerId=${candidate.customer.id}&limit=200`;
      const before = (await api<ListPage<Activity>>(path)).items;
      if (before.every((activity) => Date.parse(activity.occurredAt) <= Date.now())) {
        chosen = { ...candidate, before };
        break;
      }
    }
    if (!chosen) throw new Error(`No ${script} name part of its own, without upcoming tasks, among ${mine.length}`);
    const { customer, fragment, before } = chosen;
    // What the kit finds for that text (names, emails and phones): the list must show exactly these.
    const found = (await api<ListPage<Customer>>(`/customers?limit=200&q=${encodeURIComponent(fragment)}`)).items;
    expect(found.map((c) => c.id)).toContain(customer.id);
    expect(found.length).toBeLessThan(mine.length);
    const subject = `${script === 'latin' ? 'Spring order and volume pricing' : '春季訂單與數量折扣'} (${fragment})`;

    const list = page.locator('crm-customer-list');
    const rows = list.getByRole('listbox').getByRole('option');
    await eventually(() => announced(list)).toBe(words.count(mine.length));

    // Typing part of the name narrows the list to what the kit finds.
    await list.getByRole('searchbox', { name: words.search }).pressSequentially(fragment);
    await eventually(() => announced(list)).toBe(words.count(found.length));
    const shown = await rows.allTextContents();
    expect(shown).toHaveLength(found.length);
    for (const other of found) expect(shown.some((text) => text.includes(other.name))).toBe(true);

    // Choosing the customer opens their card; the address remembers the choice.
    await rows.filter({ has: page.getByText(customer.name, { exact: true }) }).click();
    const card = page.locator('crm-customer-card');
    await card.getByRole('heading', { name: customer.name, exact: true }).waitFor();
    await page.waitForURL((u) => u.searchParams.get('customer') === customer.id);

    // Log a call with the activity log's composer, beside the card.
    const log = page.locator('crm-activity-log');
    await log.getByLabel(words.subject, { exact: true }).fill(subject);
    await log.getByLabel(words.duration, { exact: true }).fill('12');
    await log.getByLabel(words.outcome, { exact: true }).selectOption({ label: words.connected });
    await log.getByRole('button', { name: words.submit, exact: true }).click();

    // The call is the newest entry, saved, with its duration and outcome, above the older ones.
    await eventually(() => newestEntry(log, words)).toContain(subject);
    const entry = await newestEntry(log, words);
    expect(entry).toContain(words.twelveMinutes);
    expect(entry).toContain(words.connected);
    await eventually(() => log.getByRole('article').count()).toBe(Math.min(before.length, 25) + 1);
    await eventually(() => log.getByLabel(words.subject, { exact: true }).inputValue()).toBe('');

    // The kit stored it once, linked to the customer, as the newest of their activity.
    const calls = (
      await api<ListPage<Activity>>(`/activities?customerId=${customer.id}&type=call&limit=200`)
    ).items.filter((activity) => activity.subject === subject);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      type: 'call',
      customerId: customer.id,
      durationSeconds: 720,
      outcome: 'connected',
    });
    const [newest] = (await api<ListPage<Activity>>(`/activities?customerId=${customer.id}&limit=1`)).items;
    expect(newest?.id).toBe(calls[0]!.id);

    // After a reload the page shows the same customer, chosen in the list, with the call on top.
    await page.reload();
    await card.getByRole('heading', { name: customer.name, exact: true }).waitFor();
    await list
      .getByRole('listbox')
      .getByRole('option', { selected: true })
      .getByText(customer.name, { exact: true })
      .waitFor();
    await eventually(() => newestEntry(log, words)).toContain(subject);
  }

  it('an Acme rep finds a customer by part of an English name, logs a call and sees it on top', async () => {
    await findLogAndSee('rep@acme.test', 'latin', ENGLISH);
  });

  it('a Formosa rep finds a customer by two or three Chinese characters, logs a call and sees it on top', async () => {
    await findLogAndSee('rep@formosa.test', 'han', CHINESE);
  });
});
