// The demo's Reports page as a sales rep uses it (on the demo shared by the e2e files): signs in as an
// Acme rep, reads the customer analysis of their own customers, checks it against the API, and opens a
// customer at risk on the customer's page.
import type { CustomerReport, MarketReport } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const REP = 'rep@acme.test';
const POLL = { timeout: 15_000, interval: 100 };

describe('the reports page', () => {
  let rep: DemoSession | undefined;
  let page: Page;
  let url: string;
  let report: CustomerReport;
  let errors: string[];

  beforeAll(async () => {
    rep = await demoSession(REP);
    ({ page, url, errors } = rep);
    report = await rep.api<CustomerReport>('/reports/customers?atRiskDays=90');
    await page.goto(`${url}/reports`);
  });

  afterAll(async () => {
    await rep?.close();
  });

  it("shows the rep's customer analysis as the API gives it, and the quarter's sales performance", async () => {
    const element = page.locator('crm-customer-report');
    await expect.poll(() => element.locator('[part~="base"]').getAttribute('aria-busy'), POLL).toBe('false');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Reports');
    expect(report.customers).toBeGreaterThan(0);
    const segments = await element
      .locator('[part~="segments-table"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.segment));
    expect(segments).toEqual(report.segments.map((s) => s.segment));
    const atRisk = await element.locator('[part~="customer-link"]').allTextContents();
    expect(atRisk.map((name) => name.trim())).toEqual(report.atRisk.top.map((c) => c.name));
    const performance = page.locator('crm-performance-report');
    await expect.poll(() => performance.locator('[part~="base"]').getAttribute('aria-busy'), POLL).toBe('false');
    expect(errors).toEqual([]);
  });

  it("shows the rep's market analysis of the quarter as the API gives it, reached from the page's links", async () => {
    const market = page.locator('crm-market-report');
    await expect.poll(() => market.locator('[part~="base"]').getAttribute('aria-busy'), POLL).toBe('false');
    const links = await page.locator('nav.report-nav a').allTextContents();
    expect(links).toEqual(['Customer analysis', 'Sales performance', 'Market analysis']);
    await page.locator('nav.report-nav a[href="#market"]').click();
    await page.waitForURL(`${url}/reports#market`);
    // The quarter the element shows, asked of the API as the rep.
    const shown = await market.evaluate((element) => (element as unknown as { report: MarketReport }).report);
    const query = `from=${shown.from}&to=${shown.to}&compareFrom=${shown.compareFrom}&compareTo=${shown.compareTo}`;
    const expected = await rep!.api<MarketReport>(`/reports/market?${query}`);
    expect(shown.total).toEqual(expected.total);
    const names = await market.locator('[part~="funnel-table"] tbody th').allTextContents();
    expect(names.map((name) => name.trim())).toEqual(expected.campaigns.map((c) => c.name ?? 'No campaign'));
    expect(errors).toEqual([]);
  });

  it('opens a customer at risk on its own page', async () => {
    const [first] = report.atRisk.top;
    expect(first, 'the rep has a customer at risk').toBeDefined();
    await page.locator('crm-customer-report [part~="customer-link"]').first().click();
    await page.waitForURL(`${url}/customers/${first!.customerId}`);
    expect(errors).toEqual([]);
  });
});
