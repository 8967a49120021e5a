// The demo's forecast page as a sales manager uses it (on the demo shared by the e2e files): signs
// in as Acme's manager, reads the quarter's forecast of their team against quota, checks it against
// the API, and follows a member's pipeline figure to the pipeline page, its board filtered to them.
import type { Forecast, PerformanceReport, WinRates } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const MANAGER = 'manager@acme.test';
const POLL = { timeout: 15_000, interval: 100 };

describe('the forecast page', () => {
  let manager: DemoSession | undefined;
  let page: Page;
  let forecast: Forecast;
  let errors: string[];

  beforeAll(async () => {
    manager = await demoSession(MANAGER);
    ({ page, errors } = manager);
    forecast = await manager.api<Forecast>('/reports/forecast?period=quarter');
    await page.goto(`${manager.url}/forecast`);
  });

  afterAll(async () => {
    await manager?.close();
  });

  it("shows the manager's team and its members against quota, as the API gives them", async () => {
    await expect.poll(() => page.locator('crm-forecast [part~="base"]').getAttribute('aria-busy'), POLL).toBe('false');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Forecast');
    // The manager manages one team: it and its members, each with the sample's quota.
    expect(forecast.teams.map((team) => team.name)).toEqual(['East Coast']);
    expect(forecast.members.length).toBeGreaterThanOrEqual(3);
    expect(forecast.members.every((member) => member.quota !== null)).toBe(true);
    const names = await page.locator('crm-forecast tbody th .name').allTextContents();
    expect(names).toEqual(['East Coast', ...forecast.members.map((m) => m.name), 'Total']);
    expect(errors).toEqual([]);
  });

  it("shows the quarter's sales performance of the manager's sellers beside it, as the API gives it", async () => {
    const report = page.locator('crm-performance-report');
    await expect.poll(() => report.locator('[part~="base"]').getAttribute('aria-busy'), POLL).toBe('false');
    // The quarter before the forecast's, as the element compares with it.
    const start = new Date(`${forecast.from}T00:00:00Z`);
    const before = (months: number, day: number) =>
      new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, day)).toISOString().slice(0, 10);
    const query = new URLSearchParams({
      from: forecast.from,
      to: forecast.to,
      compareFrom: before(-3, 1),
      compareTo: before(0, 0),
    });
    const performance = await manager!.api<PerformanceReport>(`/reports/performance?${query}`);
    expect(performance.members.length).toBeGreaterThan(0);
    const names = await report.locator('tbody th .name').allTextContents();
    expect(names).toEqual([
      ...performance.members.map((m) => m.name),
      ...performance.teams.map((team) => team.name),
      ...(names.includes('No owner') ? ['No owner'] : []),
      'Total',
    ]);
    expect(errors).toEqual([]);
  });

  it("shows the pipeline's win rates of the manager's team beside the stages' probabilities, as the API gives them", async () => {
    const element = page.locator('crm-win-rates');
    await element.scrollIntoViewIfNeeded();
    await expect.poll(() => element.locator('[part~="base"]').getAttribute('aria-busy'), POLL).toBe('false');
    const rates = await manager!.api<WinRates>('/reports/win-rates');
    expect(await element.locator('[part~="table"] tbody th').allTextContents()).toEqual([
      ...rates.stages.map((s) => s.name),
      'Total',
    ]);
    // The manager's team only: the members of the forecast's team with deals.
    const members = await element.locator('[part~="members"] tbody th').allTextContents();
    expect(members).toEqual(rates.owners.map((o) => o.name));
    const team = new Set(forecast.members.map((m) => m.ownerId));
    expect(rates.owners.every((o) => team.has(o.ownerId))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('opens the pipeline filtered to a member and the quarter from one of their figures', async () => {
    const member = forecast.members.find((m) => m.pipeline.count > 0) ?? forecast.members[0]!;
    await page.locator(`crm-forecast tr[data-key="member:${member.ownerId}"] button.figure`).nth(3).click();
    await page.waitForURL(/\/pipeline\?/);
    const board = page.locator('crm-pipeline-board');
    expect(await board.getAttribute('owner-id')).toBe(member.ownerId);
    expect(await board.getAttribute('close-from')).toBe(forecast.from);
    expect(await board.getAttribute('close-to')).toBe(forecast.to);
    expect(errors).toEqual([]);
  });
});
