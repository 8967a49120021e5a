// Screenshots of the demo as two users see it, on a desktop and on a phone, for a look by eye:
//   npx tsx e2e/screenshots.ts [output folder, default .screenshots]
// Starts the demo on a fresh embedded database (port PORT, default 3917) and stops it after.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, signIn } from './support/browser.js';
import { startDemo } from './support/demo.js';

const outDir = resolve(process.argv[2] ?? '.screenshots');
const devices = {
  desktop: { viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, colorScheme: 'light' },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, colorScheme: 'light' },
  'desktop-dark': { viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, colorScheme: 'dark' },
} as const;
const users = { acme: 'rep@acme.test', formosa: 'admin@formosa.test' } as const;

const dataDir = await mkdtemp(join(tmpdir(), 'crmkit-shots-'));
const demo = await startDemo({ dataDir, port: Number(process.env.PORT ?? 3917) });
const browser = await launchChromium();
try {
  await mkdir(outDir, { recursive: true });
  for (const [device, options] of Object.entries(devices)) {
    const shot = async (page: import('playwright-core').Page, name: string) => {
      // Let the components finish loading before the picture. Not "network idle": the activity
      // log keeps its live stream (/events) open.
      await page.waitForLoadState('load');
      await page.waitForFunction(
        () =>
          ![...document.querySelectorAll('*')].some((element) =>
            element.shadowRoot?.querySelector('[part~="skeleton"], [aria-busy="true"]'),
          ),
      );
      await page.evaluate(() => document.fonts.ready);
      const path = join(outDir, `${name}-${device}.png`);
      await page.screenshot({ path, fullPage: true });
      console.log(path);
    };
    for (const [org, email] of Object.entries(users)) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`${org}/${device}: ${error.message}`));
      if (org === 'acme') {
        await page.goto(`${demo.url}/login`);
        await shot(page, 'login');
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill('not-the-password');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('alert').waitFor();
        await shot(page, 'login-error');
      }
      await signIn(page, demo.url, email);
      const rows = page.locator('crm-customer-list').getByRole('listbox').getByRole('option');
      await rows.first().waitFor();
      await shot(page, `${org}-customers-empty`);
      await rows.nth(1).click();
      await page.locator('crm-customer-card').waitFor();
      await page.locator('crm-activity-log').getByRole('article').first().waitFor();
      await shot(page, `${org}-customers`);
      await page.locator('#detail-open').click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await shot(page, `${org}-customer`);
      await page.goto(`${demo.url}/customers/00000000-0000-7000-8000-000000000000`);
      await shot(page, `${org}-customer-missing`);
      await page.goto(`${demo.url}/forecast`);
      await page.locator('crm-forecast').locator('tbody tr').first().waitFor();
      await shot(page, `${org}-forecast`);
      await page.goto(`${demo.url}/reports`);
      await page.locator('crm-customer-report').locator('[part~="segments-table"] tbody tr').first().waitFor();
      await shot(page, `${org}-reports`);
      await page.goto(`${demo.url}/pipeline`);
      await page.locator('crm-pipeline-board').locator('.card').first().click();
      await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      await page.locator('crm-opportunity-card').locator('[part~="stage-path"]').waitFor();
      await shot(page, `${org}-deal`);
      await page.goto(`${demo.url}/leads`);
      await page.locator('crm-lead-inbox').locator('[part~="count"]').first().waitFor();
      await shot(page, `${org}-leads`);
      await page.locator('crm-lead-inbox').locator('[part~="convert-button"]').first().click();
      await page.locator('crm-lead-inbox').locator('dialog[open]').waitFor();
      await shot(page, `${org}-leads-convert`);
      await page.goto(`${demo.url}/cases`);
      const queue = page.locator('crm-case-list');
      await queue.locator('[part~="count"]').first().waitFor();
      await shot(page, `${org}-cases`);
      // The first status that holds a case, and its first case's page.
      for (const status of ['new', 'open', 'pending', 'resolved', 'closed']) {
        if (await queue.locator('[part~="subject"]').count()) break;
        await queue.locator(`[part~="tab"][data-status="${status}"]`).click();
        await queue.locator('[part~="base"][aria-busy="false"]').waitFor();
      }
      await queue.locator('[part~="subject"]').first().click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.locator('crm-case-card').locator('[part~="status-path"]').waitFor();
      await shot(page, `${org}-case`);
      await page.goto(`${demo.contactUrl}${org === 'acme' ? '/' : '/formosa'}`);
      await page.locator('crm-lead-form').locator('form').waitFor();
      await shot(page, `${org}-contact`);
      await page.goto(`${demo.url}/my-day`);
      await page.locator('crm-task-list').locator('[part~="base"][aria-busy="false"]').waitFor();
      await shot(page, `${org}-my-day`);
      await page.goto(`${demo.url}/trash`);
      await page.locator('crm-trash').locator('[part~="base"][aria-busy="false"]').waitFor();
      await shot(page, `${org}-trash`);
      // The integrations, for an admin (Formosa's user): webhook endpoints and the CSV import.
      if (org === 'formosa') {
        await page.goto(`${demo.url}/integrations`);
        await page.locator('crm-webhooks').locator('[part~="base"][aria-busy="false"]').waitFor();
        await shot(page, `${org}-integrations`);
      }
      // The first saved segment: its rules with their count, and its customers.
      await page.goto(`${demo.url}/segments`);
      await page.locator('.segment-nav li:nth-child(2) a').click();
      await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
      await page.locator('crm-segment-builder').locator('[part~="count"][data-state="counted"]').waitFor();
      await shot(page, `${org}-segment`);
      await page.goto(`${demo.url}/shop`);
      await shot(page, `${org}-shop`);
      if (email.startsWith('admin@')) {
        await page.goto(`${demo.url}/ledger`);
        await shot(page, `${org}-ledger`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
