// Takes PNG screenshots of built stories, to look at the components as a person would.
// Usage: build Storybook (npm run build:storybook), then
//   node stories/screenshots.mjs [story-id ...]
// It serves stories/dist on a local port with Python's http.server and writes stories/.screenshots/<id>.png.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

/** @type {typeof import('../e2e/support/chromium.ts')} */
const { chromiumOptions } = await tsImport('../e2e/support/chromium.ts', import.meta.url);

const DEFAULT_STORIES = [
  'components-customer-card--full',
  'components-customer-card--dark',
  'components-customer-card--traditional-chinese',
  'components-customer-card--compact',
];
const ids = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_STORIES;
const width = Number(process.env.WIDTH ?? 800);
const port = 6100 + Math.floor(Math.random() * 800);
const dist = fileURLToPath(new URL('./dist/', import.meta.url));
// Inside stories/ (ignored by git, like every .screenshots/ folder) so no other tool's cleanup meets it.
const out = fileURLToPath(new URL('./.screenshots/', import.meta.url));

const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'], {
  cwd: dist,
  stdio: 'ignore',
});
await mkdir(out, { recursive: true });
const browser = await chromium.launch(chromiumOptions());
try {
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const id of ids) {
    const page = await browser.newPage({ viewport: { width, height: 600 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => console.error(`${id}: ${error.message}`));
    page.on('crash', () => console.error(`${id}: the page crashed`));
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${id}&viewMode=story`);
    // Rendered, and settled: no element busy any more (except in the loading story, where that is the point).
    const loading = id.endsWith('--loading');
    await page
      .waitForFunction(
        (loading) => {
          const cards = [...document.querySelectorAll('*')].filter(
            (element) => element.localName.startsWith('crm-') && element.localName !== 'crm-provider',
          );
          const settled = (card) =>
            card.shadowRoot?.querySelector('[part~="base"]:not([aria-busy="true"]):not([part~="skeleton"])');
          return cards.length > 0 && (loading || cards.every(settled));
        },
        loading,
        { timeout: 60000 },
      )
      .catch(() => console.warn(`${id}: the story did not settle`));
    await page.waitForTimeout(200);
    // The story's box and a margin around it, so borders and shadows show whole.
    const box = await page.locator('#storybook-root').boundingBox();
    const margin = 12;
    const path = `${out}${id}${width === 800 ? '' : `-${width}`}.png`;
    await page.screenshot({
      path,
      fullPage: true,
      clip: box
        ? {
            x: Math.max(0, box.x - margin),
            y: Math.max(0, box.y - margin),
            width: Math.min(width, box.width + 2 * margin),
            height: box.height + 2 * margin,
          }
        : undefined,
    });
    console.log(path);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
