import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from './support/demo.js';
import { launchChromium, signIn, apiSession } from './support/browser.js';

const demo = await startDemo({ dataDir: mkdtempSync(join(tmpdir(), 'shots-')), port: 0 });
const url = demo.url;
const cookie = await apiSession(url, 'admin@acme.test');
const api = async (path: string, method = 'GET') => {
  const res = await fetch(`${url}/api/crm${path}`, { method, headers: { cookie, origin: url } });
  return res.json() as Promise<any>;
};
const deals = await api('/opportunities?limit=5');
const deal = deals.items[0];
await api(`/opportunities/${deal.id}`, 'DELETE');
const browser = await launchChromium();
for (const [w, h, name] of [[1280, 900, 'wide'], [420, 900, 'narrow']] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await signIn(page, url, 'admin@acme.test');
  await page.goto(`${url}/deals/${deal.id}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shot-trashed-deal-${name}.png`, fullPage: false });
  await page.close();
}
await browser.close();
await demo.stop();
