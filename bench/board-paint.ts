// First paint of <crm-pipeline-board> in Chromium, with about 100 and about 10,000 open deals,
// against the kit on PostgreSQL; and the min+gzip size of the elements bundle.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx tsx bench/board-paint.ts \
//     [--orgs scale-144,scale-10000,scale-14362] [--runs 15] [--warmup 3]
//
// Each organization is a scale seed (`crmkit seed --scale N`: about 70 % of its N deals open);
// one that is missing is seeded first (scale-144 has about 100 open deals, scale-14362 about
// 10,000). The script starts its own kit on that database, with an `identify` that signs the
// page in as the organization's admin (a `bench=<slug>` cookie set with the page; the scale members
// have no passwords), serves a page that imports the whole elements bundle (esbuild, minified)
// and shows the board of the organization's pipeline, and loads it in a fresh browser context
// per run. "Painted" is the time from navigation start to the first frame after every open
// column shows its first cards (a MessageChannel task queued in the frame's requestAnimationFrame
// runs after that frame is painted). The first organization is the baseline of the ratio; the
// budget is at most 2x.
import { serve } from '@hono/node-server';
import { createCrm, type Caller, type CrmDatabase, type Role } from '@crmkit/server';
import { connectPostgres } from '@crmkit/server/postgres';
import { build } from 'esbuild';
import { Hono } from 'hono';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { seedScale } from '../packages/server/src/seed/scale.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5433/crmkit_bench');
  process.exit(1);
}
const slugs = flag('orgs', 'scale-144,scale-10000,scale-14362').split(',');
const runs = Number(flag('runs', '15'));
const warmup = Number(flag('warmup', '3'));

// ---------------------------------------------------------------------------------------------
// The bundle: every element, as `import '@crmkit/elements'` gives it, and single-component pages.

async function bundle(contents: string): Promise<{ code: string; min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    tsconfig: `${root}tsconfig.base.json`,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.text;
  return { code, min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const all = await bundle(`import './packages/elements/src/index.ts';`);
const boardOnly = await bundle(`import './packages/elements/src/pipeline-board/pipeline-board.ts';`);
const funnelOnly = await bundle(`import './packages/elements/src/funnel-chart/funnel-chart.ts';`);

// ---------------------------------------------------------------------------------------------
// The organizations, seeded if missing, and a kit that signs the page in as their admins.

const database: CrmDatabase = connectPostgres({ url, max: 4 });

interface Org {
  slug: string;
  pipelineId: string;
  caller: Caller;
  open: number;
  seededIn?: number;
}

async function rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return database.withSession((session) => session.query<T & Record<string, unknown>>(text, params));
}

async function org(slug: string): Promise<Org> {
  let seededIn: number | undefined;
  const find = () =>
    rows<{ id: string }>('select id from crm.organizations where slug = $1', [slug]).then((found) => found[0]);
  if (!(await find())) {
    const scale = /^scale-(\d+)$/.exec(slug);
    if (!scale) throw new Error(`No organization ${slug}, and it is not a scale seed (scale-N) to create`);
    const started = performance.now();
    await seedScale(database.db, { opportunities: Number(scale[1]) });
    seededIn = (performance.now() - started) / 1000;
  }
  const { id: orgId } = (await find())!;
  const [pipeline] = await rows<{ id: string }>(
    'select id from crm.pipelines where org_id = $1 and deleted_at is null order by is_default desc, created_at limit 1',
    [orgId],
  );
  const [admin] = await rows<{ id: string; role: Role }>(
    `select id, role from crm.users where org_id = $1 and role in ('owner', 'admin') and active order by email limit 1`,
    [orgId],
  );
  const [{ open }] = (await rows<{ open: string }>(
    `select count(*)::text as open from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
     where o.org_id = $1 and o.pipeline_id = $2 and o.deleted_at is null and s.kind = 'open'`,
    [orgId, pipeline!.id],
  )) as [{ open: string }];
  return {
    slug,
    pipelineId: pipeline!.id,
    caller: { orgId, userId: admin!.id, role: admin!.role },
    open: Number(open),
    seededIn,
  };
}

const orgs: Org[] = [];
for (const slug of slugs) orgs.push(await org(slug));
const callers = new Map(orgs.map((o) => [o.slug, o.caller]));

const page = (o: Org) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${o.slug}</title>
    <style>body { margin: 0; padding: 16px; font-family: system-ui, sans-serif; }</style>
  </head>
  <body>
    <crm-pipeline-board base-url="/api/crm" pipeline-id="${o.pipelineId}"
      style="--crm-board-height: 760px"></crm-pipeline-board>
    <script type="module">
      import '/elements.js';
      const board = document.querySelector('crm-pipeline-board');
      const defined = performance.now();
      const shown = () => {
        const columns = [...(board.shadowRoot?.querySelectorAll('crm-pipeline-column') ?? [])];
        return columns.length > 0 &&
          columns.every((c) => c.column && (c.column.cards.length === 0 || c.shadowRoot.querySelector('.card')));
      };
      const check = () => {
        if (!shown()) return requestAnimationFrame(check);
        // This frame has the cards: note the time once it is painted.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/board?'));
            window.__paint = {
              painted: performance.now(),
              defined,
              api: api ? api.responseEnd - api.startTime : null,
              cards: [...board.shadowRoot.querySelectorAll('crm-pipeline-column')]
                .reduce((n, c) => n + c.shadowRoot.querySelectorAll('.card').length, 0),
              loaded: [...board.shadowRoot.querySelectorAll('crm-pipeline-column')]
                .reduce((n, c) => n + c.column.cards.length, 0),
              count: [...board.shadowRoot.querySelectorAll('crm-pipeline-column')]
                .reduce((n, c) => n + c.column.figures.count, 0),
            };
          };
          channel.port2.postMessage(0);
        });
      };
      requestAnimationFrame(check);
    </script>
  </body>
</html>`;

// The host's own sign-in, as far as the benchmark needs one: the page's cookie names the organization.
const crm = createCrm({
  database,
  identify: (c) => callers.get(/(?:^|;\s*)bench=([^;]+)/.exec(c.req.header('cookie') ?? '')?.[1] ?? '') ?? null,
});
const host = new Hono()
  .route('/api/crm', crm)
  .get('/favicon.ico', (c) => c.body(null, 204))
  .get('/elements.js', (c) => c.body(all.code, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/board/:slug', (c) => {
    const o = orgs.find((x) => x.slug === c.req.param('slug'));
    if (!o) return c.notFound();
    c.header('set-cookie', `bench=${o.slug}; Path=/; HttpOnly; SameSite=Strict`);
    return c.html(page(o));
  });
const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };

// ---------------------------------------------------------------------------------------------
// Chromium: a fresh context per run, small and large boards in turn.

interface Sample {
  painted: number;
  defined: number;
  api: number | null;
  cards: number;
  loaded: number;
  count: number;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});

async function measure(o: Org): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  tab.on('pageerror', (error) => console.error(`${o.slug}: ${error.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error') console.error(`${o.slug}: ${m.text()}`);
  });
  tab.on('response', (r) => {
    if (r.status() >= 400) console.error(`${o.slug}: ${r.status()} ${r.url()}`);
  });
  await tab.goto(`http://127.0.0.1:${port}/board/${o.slug}`);
  await tab.waitForFunction(() => (window as unknown as { __paint?: unknown }).__paint, null, { timeout: 60_000 });
  const sample = await tab.evaluate(() => (window as unknown as { __paint: Sample }).__paint);
  await context.close();
  return sample;
}

const chromiumVersion = browser.version();
const samples = new Map<string, Sample[]>(orgs.map((o) => [o.slug, []]));
try {
  for (let i = 0; i < warmup + runs; i++) {
    for (const o of orgs) {
      const sample = await measure(o);
      if (i >= warmup) samples.get(o.slug)!.push(sample);
    }
  }
} finally {
  await browser.close();
  server.close();
  await database.close();
}

// ---------------------------------------------------------------------------------------------

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

const cpus = os.cpus();
console.log(
  `\n${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ` +
    `Chromium ${chromiumVersion}, ` +
    `PostgreSQL via DATABASE_URL; ${runs} runs per board after ${warmup} warm-up runs, a fresh browser context each.\n`,
);
for (const o of orgs) if (o.seededIn !== undefined) console.log(`Seeded ${o.slug} in ${o.seededIn.toFixed(1)} s.`);
console.log(
  '| Board | Open deals | Painted (median) | p95 | Board request (median) | Cards in the DOM | Cards loaded | vs first |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const base = median(samples.get(orgs[0]!.slug)!.map((s) => s.painted));
for (const o of orgs) {
  const list = samples.get(o.slug)!;
  const painted = median(list.map((s) => s.painted));
  console.log(
    `| ${o.slug} | ${o.open.toLocaleString('en')} | ${ms(painted)} | ${ms(p95(list.map((s) => s.painted)))} | ` +
      `${ms(median(list.map((s) => s.api ?? 0)))} | ${median(list.map((s) => s.cards))} | ${median(list.map((s) => s.loaded))} | ` +
      `${(painted / base).toFixed(2)}× |`,
  );
}
console.log('\n| Bundle | min | min+gzip |');
console.log('| --- | ---: | ---: |');
console.log(`| All elements (\`import '@crmkit/elements'\`), with Lit | ${kB(all.min)} | ${kB(all.gzip)} |`);
console.log(`| \`<crm-pipeline-board>\` alone | ${kB(boardOnly.min)} | ${kB(boardOnly.gzip)} |`);
console.log(`| \`<crm-funnel-chart>\` alone | ${kB(funnelOnly.min)} | ${kB(funnelOnly.gzip)} |`);
