// From a visitor to a deal, as the demo runs it: an anonymous visitor sends the contact form on the
// company's website (another origin than the portal); the organization's rule gives the lead to a rep,
// and says so; the rep finds it in their inbox, converts it into a customer with a deal, opens the
// deal, and finds it on the pipeline board; the website's campaign counts the lead and the deal.
import type { CampaignReport, CampaignResult, Lead, Opportunity, Page as ListPage } from '@crmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, withPage, type DemoSession } from './support/browser.js';
import { contactUrl } from './support/demo.js';

const ADMIN = 'admin@acme.test';
const POLL = { timeout: 15_000, interval: 200 };

describe('a lead from the website to a deal', () => {
  /** The admin, who reads what the kit filed; and the rep the lead goes to, once the rule chose them. */
  let admin: DemoSession;
  let rep: DemoSession | undefined;
  const api = <T>(path: string) => admin.api<T>(path);

  beforeAll(async () => {
    admin = await demoSession(ADMIN);
  });

  afterAll(async () => {
    await rep?.close();
    await admin?.close();
  });

  /** The market report's row of the website's campaign, all time. */
  async function websiteCampaign(): Promise<CampaignResult> {
    const report = await api<CampaignReport>('/reports/campaigns');
    const row = report.campaigns.find((campaign) => campaign.name === 'Website: contact page');
    expect(row, 'the contact form counts toward the website campaign').toBeDefined();
    return row!;
  }

  it('reaches the right rep by rule, and becomes a customer with a deal on the board', async () => {
    const before = await websiteCampaign();
    const name = `Morgan Webb ${Date.now().toString(36)}`;
    const company = `Webb Outfitters ${Date.now().toString(36)}`;
    const { url } = admin;
    expect(new URL(contactUrl()).origin).not.toBe(new URL(url).origin);

    // The visitor: not signed in, on the other site.
    await withPage(admin.browser, async (visitor) => {
      await visitor.goto(contactUrl());
      const form = visitor.locator('crm-lead-form');
      await form.getByLabel('Your name').fill(name);
      await form.getByLabel('Email').fill('morgan@webb.example');
      await form.getByLabel('Company').fill(company);
      await form.getByLabel('How can we help?').fill('A quote for 40 display racks, please.');
      await form.getByLabel('Acme Supply Co. may contact me about my request.').check();
      // Humans take a few seconds: the kit refuses a form sent faster than its minimum fill time.
      await visitor.waitForTimeout(3_200);
      await form.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => form.locator('[part~="thank-you"]').textContent(), POLL)
        .toContain('A member of our sales team will get back to you');
    });

    // The kit filed it, and the website rule chose the owner.
    const leads = await api<ListPage<Lead>>(`/leads?q=${encodeURIComponent(name)}`);
    expect(leads.items).toHaveLength(1);
    const lead = leads.items[0]!;
    expect(lead).toMatchObject({ status: 'new', company, source: 'Web form', campaignId: before.campaignId });
    expect(lead.assignmentReason).toMatch(/^rule "Website leads": round robin turn \d+$/);
    const users = await api<ListPage<{ id: string; email: string; name: string }>>('/users?limit=200');
    const owner = users.items.find((user) => user.id === lead.ownerId)!;
    expect(owner).toBeDefined();

    // The owner finds it in their inbox, with the rule that gave it to them.
    rep = await demoSession(owner.email);
    const { page } = rep;
    await page.goto(`${url}/leads`);
    const inbox = page.locator('crm-lead-inbox');
    const row = inbox.locator(`[part~="lead"][data-id="${lead.id}"]`);
    // The queue is oldest first: page on until the lead shows, each time once the last page is in.
    const more = inbox.locator('[part~="load-more"]:not([disabled])');
    const shownOrMore = async () => (await row.count()) > 0 || (await more.count()) > 0;
    await inbox.locator('[part~="base"][aria-busy="false"]').waitFor();
    await expect.poll(shownOrMore, POLL).toBe(true);
    while (!(await row.count())) {
      await more.click();
      await expect.poll(shownOrMore, POLL).toBe(true);
    }
    await expect
      .poll(() => row.locator('[part~="assignment"]').textContent(), POLL)
      .toBe(`Owner: ${owner.name}, assigned by rule “Website leads” (round robin)`);

    // Converts it, with a deal.
    await row.getByRole('button', { name: 'Convert…' }).click();
    const dialog = inbox.getByRole('dialog', { name: `Convert ${name}` });
    await expect.poll(() => dialog.getByLabel('Customer name').inputValue(), POLL).toBe(company);
    await dialog.getByLabel('Open a deal').check();
    await dialog.getByLabel('Amount (USD)').fill('18,400');
    await dialog.getByRole('button', { name: 'Convert' }).click();
    const notice = inbox.locator('.converted');
    await expect.poll(() => notice.textContent(), POLL).toContain(`${name} converted.`);
    expect((await api<Lead>(`/leads/${lead.id}`)).status).toBe('converted');

    // Opens the deal it made, then finds it on the board.
    await Promise.all([
      page.waitForURL(/\/deals\/[0-9a-f-]{36}$/),
      notice.getByRole('button', { name: `Open deal ${company}` }).click(),
    ]);
    const dealId = page.url().split('/').at(-1)!;
    const deal = await api<Opportunity>(`/opportunities/${dealId}`);
    expect(deal).toMatchObject({ name: company, amount: 1_840_000, currency: 'USD', ownerId: lead.ownerId });
    await page.locator('crm-opportunity-card').getByRole('heading', { name: company }).waitFor();
    await page.goto(`${url}/pipeline`);
    await page.locator('crm-pipeline-board').locator(`[data-id="${dealId}"]`).first().waitFor();

    // The campaign's counts include the lead, its conversion and the deal with its amount.
    const after = await websiteCampaign();
    expect(after).toMatchObject({
      leads: before.leads + 1,
      convertedLeads: before.convertedLeads + 1,
      deals: before.deals + 1,
      openDeals: before.openDeals + 1,
    });
    const openUsd = (row: CampaignResult) => BigInt(row.open.totals.find((t) => t.currency === 'USD')?.sum ?? '0');
    expect(openUsd(after) - openUsd(before)).toBe(1_840_000n);

    expect(admin.errors).toEqual([]);
    expect(rep.errors).toEqual([]);
  });
});
