// How <crm-customer-list> scrolls through 100,000 customers: the real kit on an in-memory PGlite
// (the sample organizations plus N extra customers in Acme), the elements bundled with esbuild,
// driven in headless Chromium with playwright-core. Reports first rows, frame times while
// scrolling, long tasks, rows in the DOM, paging stalls, heap growth, search latency, and the
// minified+gzipped size of the elements bundle.
//
//   npx tsx bench/customer-list-scroll.ts [--customers 100000] [--seconds 8]
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createCrm, migrate, seedSample, type Caller, type Role } from '@crmkit/server';
import { openPglite } from '@crmkit/server/pglite';
import { getRequestListener } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import { chromium } from 'playwright-core';
import { chromiumOptions } from '../e2e/support/chromium.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CUSTOMERS = arg('customers', 100_000);
const SECONDS = arg('seconds', 8);
const root = fileURLToPath(new URL('..', import.meta.url));

const t0 = performance.now();
const database = await openPglite();
await migrate(database);
await seedSample(database.db);
const [acme] = await database.withSession((s) =>
  s.query<{ org_id: string; id: string; role: Role }>(
    `select org_id, id, role from crm.users where email = 'admin@acme.test'`,
  ),
);
if (!acme) throw new Error('no sample admin');
// Extra customers in batches, with names, emails, phones, regions and owners spread out.
const BATCH = 20_000;
for (let done = 0; done < CUSTOMERS; done += BATCH) {
  const n = Math.min(BATCH, CUSTOMERS - done);
  await database.withSession((s) =>
    s.exec(`
      insert into crm.customers (org_id, id, name, emails, phones, region, lifecycle_stage, owner_id, tags, created_at, updated_at)
      select u.org_id,
        (lpad(to_hex(1700000000000 + g), 12, '0') || '7' || substr(md5(g::text), 1, 3) || '8' || substr(md5(g::text), 5, 15))::uuid,
        (array['Acme','Blue','Cedar','Delta','Echo','Falcon','Granite','Harbor','Iris','Juniper'])[1 + g % 10]
          || ' ' || (array['Trading','Foods','Logistics','Labs','Supply','Studio','Motors','Clinic'])[1 + (g / 10) % 8]
          || ' ' || g,
        array['buyer' || g || '@bench.example'],
        array['+1 555 ' || lpad((g % 10000)::text, 4, '0')],
        (array['Northeast','Southeast','Midwest','Southwest','West'])[1 + g % 5],
        (array['lead','prospect','customer','customer','evangelist','churned'])[1 + g % 6]::crm.lifecycle_stage,
        u.id,
        case when g % 7 = 0 then array['key-account'] else '{}' end,
        now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
      from generate_series(${done + 1}, ${done + n}) g
      cross join (select org_id, id from crm.users where email = 'rep@acme.test') u;`),
  );
  process.stdout.write(`\rseeded ${done + n} customers`);
}
await database.withSession((s) => s.exec('analyze crm.customers'));
console.log(`\nkit ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const caller: Caller = { orgId: acme.org_id, userId: acme.id, role: acme.role };
const app = new Hono().route('/api/crm', createCrm({ database, identify: () => caller }));
const kit = getRequestListener(app.fetch);

// The elements as a host would ship them: one minified bundle.
const bundle = await build({
  entryPoints: [`${root}packages/elements/src/index.ts`],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  target: 'es2022',
  tsconfig: `${root}tsconfig.json`,
  conditions: ['@crmkit/source'],
  legalComments: 'none',
});
const js = bundle.outputFiles[0]!.contents;
console.log(
  `elements bundle: ${(js.length / 1024).toFixed(1)} kB min, ${(gzipSync(js).length / 1024).toFixed(1)} kB min+gzip`,
);

const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title>
<style>body{font-family:system-ui;margin:16px;color-scheme:light}</style>
<crm-provider base-url="/api/crm"><crm-customer-list style="height:640px"></crm-customer-list></crm-provider>
<script type="module" src="/app.js"></script></html>`;
const server = createServer((req, res) => {
  if (req.url?.startsWith('/api/crm')) return void kit(req, res);
  if (req.url === '/app.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return void res.end(js);
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(page);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;

const browser = await chromium.launch(chromiumOptions());
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const start = Date.now();
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction(() =>
    document.querySelector('crm-customer-list')?.shadowRoot?.querySelector('[role="option"]'),
  );
  console.log(`first rows: ${Date.now() - start} ms after navigation`);
  if (process.argv.includes('--probe')) {
    await tab.evaluate(`(() => {
      const C = customElements.get('crm-customer-list');
      const update = C.prototype.update;
      window.__updates = [];
      C.prototype.update = function (changed) { const t = performance.now(); update.call(this, changed); window.__updates.push(performance.now() - t); };
      new PerformanceObserver((l) => l.getEntries().forEach((e) => console.log('longtask', e.duration.toFixed(0), JSON.stringify(e.attribution?.map((a) => a.containerType + ':' + a.name))))).observe({ type: 'longtask' });
    })()`);
    tab.on('console', (m) => console.log('  page:', m.text()));
  }

  // In-page code as plain JavaScript text: tsx would otherwise add helpers the page does not have.
  const SCROLL = `(async ({ pxPerFrame, ms }) => new Promise((resolve) => {
    const list = document.querySelector('crm-customer-list');
    const box = list.shadowRoot.querySelector('[part~="list"]');
    const heapBefore = performance.memory ? performance.memory.usedJSHeapSize : 0;
    const loadedBefore = list.customers.length;
    const frames = [];
    const longTasks = [];
    const observer = new PerformanceObserver((entries) => longTasks.push(...entries.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    let maxOptions = 0;
    let stalls = 0;
    const begin = performance.now();
    let last = begin;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      // At the end of what is loaded while more exist: the user would wait here.
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 2 && list.hasMore) stalls++;
      box.scrollTop += pxPerFrame;
      maxOptions = Math.max(maxOptions, list.shadowRoot.querySelectorAll('[role="option"]').length);
      if (now - begin < ms) return requestAnimationFrame(step);
      observer.disconnect();
      const sorted = frames.slice(1).sort((a, b) => a - b);
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      resolve({
        frames: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1],
        over50ms: sorted.filter((f) => f > 50).length,
        longTasks: longTasks.length, longTaskMs: longTasks.reduce((a, b) => a + b, 0),
        maxOptions, stalls,
        rowsLoaded: list.customers.length - loadedBefore, totalLoaded: list.customers.length,
        heapGrowthMB: ((performance.memory ? performance.memory.usedJSHeapSize : 0) - heapBefore) / 1048576,
      });
    };
    requestAnimationFrame(step);
  }))`;
  const SEARCH = `(async (q) => {
    const list = document.querySelector('crm-customer-list');
    const t = performance.now();
    list.search = q;
    await list.updateComplete;
    await new Promise((resolve) => {
      const check = () => {
        const busy = list.shadowRoot.querySelector('[part~="list"][aria-busy="true"]');
        if (!busy && (list.shadowRoot.querySelector('[part~="empty"]') || list.customers.length)) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    return { ms: performance.now() - t, found: list.customers.length };
  })`;
  type ScrollResult = Record<string, number>;
  const scroll = (pxPerFrame: number) =>
    tab.evaluate(`${SCROLL}(${JSON.stringify({ pxPerFrame, ms: SECONDS * 1000 })})`) as Promise<ScrollResult>;

  // Where the main thread's time goes while scrolling, from Chromium's own counters.
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Performance.enable');
  const counters = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  for (const [label, px] of [
    ['reading pace (8 px/frame)', 8],
    ['flinging (60 px/frame)', 60],
    ['dragging the thumb (400 px/frame)', 400],
  ] as const) {
    const before = await counters();
    const r = await scroll(px);
    const after = await counters();
    const perFrame = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / r.frames!;
    console.log(
      `${label}: ${r.frames} frames, p50 ${r.p50!.toFixed(1)} ms, p95 ${r.p95!.toFixed(1)} ms, max ${r.max!.toFixed(0)} ms, ` +
        `${r.over50ms} over 50 ms; long tasks ${r.longTasks} (${r.longTaskMs!.toFixed(0)} ms); ` +
        `rows in DOM ≤ ${r.maxOptions}; +${r.rowsLoaded} rows (${r.totalLoaded} loaded); ` +
        `frames at the loaded end ${r.stalls}; heap +${r.heapGrowthMB!.toFixed(1)} MB`,
    );
    console.log(
      `  per frame: script ${perFrame('ScriptDuration').toFixed(1)} ms, style ${perFrame('RecalcStyleDuration').toFixed(1)} ms, ` +
        `layout ${perFrame('LayoutDuration').toFixed(1)} ms, all tasks ${perFrame('TaskDuration').toFixed(1)} ms`,
    );
  }

  // Search across all of them, from setting the text to the rows shown.
  // Beside each, the same request straight to the kit: what of the time is the kit's.
  const API = `(async (q) => {
    const t = performance.now();
    await (await fetch('/api/crm/customers?limit=50&sort=name&q=' + encodeURIComponent(q))).json();
    return performance.now() - t;
  })`;
  for (const q of ['falcon labs 7', 'buyer4242@', '555 0042', 'zzzz-no-match']) {
    const { ms, found } = (await tab.evaluate(`${SEARCH}(${JSON.stringify(q)})`)) as { ms: number; found: number };
    const api = (await tab.evaluate(`${API}(${JSON.stringify(q)})`)) as number;
    console.log(
      `search "${q}": ${ms.toFixed(0)} ms to rows (${found}${found === 50 ? '+' : ''} found); ` +
        `the same GET alone ${api.toFixed(0)} ms`,
    );
  }
  if (process.argv.includes('--probe'))
    console.log('list updates (ms):', await tab.evaluate(`window.__updates.map((u) => u.toFixed(1)).join(' ')`));
  const page = (await tab.evaluate(`${API}('')`)) as number;
  console.log(`a page of 50 without search: ${page.toFixed(0)} ms`);
} finally {
  await browser.close();
  server.close();
  await database.close();
}
