// A rep's working day on the demo, from creating records to closing a deal, as the records issue asks:
// Daniel Kim (west.rep@acme.test, a team of his own, so no other file's figures see his records) creates
// a customer after the form warned that one he typed is already there, adds a contact to it, creates a
// deal for it from a board column, opens the deal, edits its amount where it stands, moves it along the
// stage path, marks it won with a reason and reopens it; the deal's history panel shows each change.
import type { Contact, Customer, Opportunity, Page as ListPage, Pipeline } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const REP = 'west.rep@acme.test';
const POLL = { timeout: 15_000, interval: 200 };

describe("a rep's day, from a new customer to a won deal", () => {
  let session: DemoSession;
  let page: Page;
  let url: string;
  const api = <T>(path: string) => session.api<T>(path);
  const suffix = Date.now().toString(36);
  const customerName = `Harborview Optics ${suffix}`;
  let customer: Customer;
  let deal: Opportunity;

  const form = () => page.locator('crm-record-form');
  const field = (name: string) => form().locator(`#field-${name}`);
  const submit = () => form().locator('[part~="submit-button"]').click();

  beforeAll(async () => {
    session = await demoSession(REP);
    ({ page, url } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('creates a customer, warned first of one that is already there', async () => {
    const [existing] = (await api<ListPage<Customer>>('/customers?limit=1&sort=name')).items;
    expect(existing, 'the rep has a customer of his own').toBeDefined();
    const list = page.locator('crm-customer-list');
    await list.locator('[part~="create-button"]').click();
    await form().locator('dialog[open]').waitFor();
    await field('name').fill(existing!.name);
    const duplicates = form().locator('[part~="duplicates"]');
    await duplicates.waitFor({ timeout: 10_000 });
    expect(await duplicates.textContent()).toContain(existing!.name);

    await field('name').fill(customerName);
    await submit();
    await form()
      .locator('dialog[open]')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await expect
      .poll(
        async () =>
          (await api<ListPage<Customer>>(`/customers?q=${encodeURIComponent(customerName)}`)).items.map((c) => c.name),
        POLL,
      )
      .toEqual([customerName]);
    customer = (await api<ListPage<Customer>>(`/customers?q=${encodeURIComponent(customerName)}`)).items[0]!;
    expect(customer.ownerId).toBe((await api<{ userId: string }>('/me')).userId);
  });

  it("adds a contact from the customer's page", async () => {
    await page.goto(`${url}/customers/${customer.id}`);
    const card = page.locator('crm-customer-card');
    await card.getByRole('heading', { name: customerName }).waitFor();
    await card.getByRole('button', { name: 'Add contact' }).click();
    await form().locator('dialog[open]').waitFor();
    await field('name').fill('Mei Lin');
    await field('emails').fill(`mei.lin.${suffix}@harborview.test`);
    await submit();
    await expect
      .poll(
        async () =>
          (await api<ListPage<Contact>>(`/contacts?customerId=${customer.id}`)).items.map((c) => [c.name, c.emails]),
        POLL,
      )
      .toEqual([['Mei Lin', [`mei.lin.${suffix}@harborview.test`]]]);
    await card.getByText('Mei Lin').first().waitFor();
  });

  it('creates a deal from a board column, and finds it at the top of that column', async () => {
    const pipelines = await api<ListPage<Pipeline>>('/pipelines?limit=50');
    const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    const stage = open[1]!;
    await page.goto(`${url}/pipeline`);
    const column = page.locator(`crm-pipeline-column[data-stage="${stage.id}"]`);
    await column.getByRole('button', { name: `New deal in ${stage.name}` }).click();
    await form().locator('dialog[open]').waitFor();
    await expect.poll(() => field('stageId').inputValue(), POLL).toBe(stage.id);
    await field('name').fill(`Optics upgrade ${suffix}`);
    await form().locator('#customer-search').fill(customerName);
    await expect.poll(() => field('customerId').inputValue(), POLL).toBe(customer.id);
    await field('amount').fill('12,500');
    await submit();
    await expect
      .poll(
        async () => (await api<ListPage<Opportunity>>(`/opportunities?customerId=${customer.id}`)).items.length,
        POLL,
      )
      .toBe(1);
    deal = (await api<ListPage<Opportunity>>(`/opportunities?customerId=${customer.id}`)).items[0]!;
    expect(deal).toMatchObject({ stageId: stage.id, amount: 1_250_000, name: `Optics upgrade ${suffix}` });
    await expect.poll(() => column.locator('.card').first().getAttribute('data-id'), POLL).toBe(deal.id);
  });

  it('opens the deal, edits its amount in place, moves it, wins it with a reason and reopens it', async () => {
    const pipeline = await api<Pipeline>(`/pipelines/${deal.pipelineId}`);
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    const next = open[2] ?? open[open.length - 1]!;
    await page.locator(`crm-pipeline-column .card[data-id="${deal.id}"]`).click();
    await page.waitForURL(new RegExp(`/deals/${deal.id}$`));
    const card = page.locator('crm-opportunity-card');
    await expect.poll(() => card.locator('[part~="status"]').textContent(), POLL).toBe('Open');

    await card.locator('[data-edit="amount"]').click();
    await card.locator('#edit-amount').fill('13,750');
    await card.locator('#edit-amount').press('Enter');
    await expect.poll(async () => (await api<Opportunity>(`/opportunities/${deal.id}`)).amount, POLL).toBe(1_375_000);

    await card.locator(`button[part~="stage"][title="Move to ${next.name}"]`).click();
    await expect.poll(async () => (await api<Opportunity>(`/opportunities/${deal.id}`)).stageId, POLL).toBe(next.id);
    await expect.poll(() => card.locator('[aria-current="step"] .step-name').textContent(), POLL).toBe(next.name);

    await card.getByRole('button', { name: 'Mark won' }).click();
    const dialog = card.getByRole('dialog');
    await dialog.getByLabel('Why it was won').fill('Best lead time in the region');
    await dialog.getByRole('button', { name: 'Mark won' }).click();
    await expect.poll(() => card.locator('[part~="status"]').textContent(), POLL).toBe('Won');
    const won = await api<Opportunity>(`/opportunities/${deal.id}`);
    expect(won).toMatchObject({ wonReason: 'Best lead time in the region', forecastCategory: 'closed' });
    expect(won.closedAt).not.toBeNull();

    await card.getByRole('button', { name: 'Reopen' }).click();
    await dialog.getByLabel('Into stage').selectOption(next.id);
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => card.locator('[part~="status"]').textContent(), POLL).toBe('Open');
    const reopened = await api<Opportunity>(`/opportunities/${deal.id}`);
    expect(reopened).toMatchObject({ stageId: next.id, closedAt: null, forecastCategory: 'pipeline' });
  });

  it("shows each change in the deal's history panel", async () => {
    const history = page.locator('crm-record-history');
    const summaries = async (): Promise<string[]> =>
      (await history.locator('[part~="entry"]').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
    // Created, amount, moved, won, reopened: five writes, the latest first.
    await expect.poll(async () => (await summaries()).length, POLL).toBe(5);
    const entries = await summaries();
    expect(entries.at(-1)).toContain('Daniel Kim created it');
    expect(
      entries.find((entry) => /Amount/.test(entry)),
      entries.join('\n'),
    ).toMatch(/12,500.*13,750/);
    expect(entries.filter((entry) => /Stage/.test(entry)).length, entries.join('\n')).toBeGreaterThanOrEqual(3);
    expect(session.errors).toEqual([]);
  });
});
