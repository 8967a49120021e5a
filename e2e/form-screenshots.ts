// Screenshots of the create forms (<crm-record-form>) as they open from the demo's pages, for a look
// by eye: a new customer (with a duplicate warning), a new deal from the board, a new contact from
// the customer card, a support case from the card; in English (Acme's rep) and Traditional Chinese (Formosa's admin), light and
// dark, desktop and phone.
//   npx tsx e2e/form-screenshots.ts [output folder, default .screenshots/forms]
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, signIn } from './support/browser.js';
import { startDemo } from './support/demo.js';

const outDir = resolve(process.argv[2] ?? '.screenshots/forms');
const sizes = {
  desktop: { viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
} as const;
const users = { en: 'rep@acme.test', 'zh-Hant': 'admin@formosa.test' } as const;

/** Opens a form from a "New …" button and waits for its dialog. */
async function openForm(page: Page, button: string): Promise<void> {
  await page.locator(button).first().click();
  await page.locator('crm-record-form dialog[open]').waitFor();
  await page.waitForTimeout(300);
}

const dataDir = await mkdtemp(join(tmpdir(), 'crmkit-form-shots-'));
const demo = await startDemo({ dataDir, port: Number(process.env.PORT ?? 3918) });
const browser = await launchChromium();
try {
  await mkdir(outDir, { recursive: true });
  for (const [size, options] of Object.entries(sizes)) {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [lang, email] of Object.entries(users)) {
        const context = await browser.newContext({ ...options, colorScheme: scheme });
        const page = await context.newPage();
        await signIn(page, demo.url, email);
        const shot = async (name: string) => {
          const path = join(outDir, `${name}-${lang}-${size}-${scheme}.png`);
          await page.screenshot({ path });
          console.log(path);
        };

        await page.goto(`${demo.url}/customers`);
        await openForm(page, 'crm-customer-list [part~="create-button"]');
        // An existing customer's email: the form warns of the duplicate.
        const existing = await page.evaluate(async () => {
          const response = await fetch('/api/crm/customers?limit=1&sort=name');
          return ((await response.json()) as { items: { emails: string[] }[] }).items[0]!.emails[0] ?? '';
        });
        await page.locator('crm-record-form #field-emails').fill(existing);
        await page.locator('crm-record-form [part~="duplicates"]').waitFor({ timeout: 5000 });
        await shot('customer-form');
        await page.locator('crm-record-form [part~="submit-button"]').click();
        await page.locator('crm-record-form #field-name-error').waitFor();
        await shot('customer-form-errors');

        await page.goto(`${demo.url}/pipeline`);
        await openForm(page, 'crm-pipeline-board [part~="create-button"]');
        await shot('deal-form');

        await page.goto(`${demo.url}/customers`);
        await page.locator('crm-customer-list [role="option"]').first().click();
        await openForm(page, 'crm-customer-card [part~="create-button"]');
        await shot('contact-form');
        await page.keyboard.press('Escape');
        await openForm(page, 'crm-customer-card [part~="create-button"] >> nth=2');
        await shot('case-form');
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await demo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
