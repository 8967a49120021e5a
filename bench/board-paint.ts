// First paint of <crm-pipeline-board> in Chromium with about 100 and about 10,000 open deals, and what a
// move costs, against the real kit on PostgreSQL.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_paint npx tsx bench/board-paint.ts \
//     [--orgs scale-144,scale-14362] [--runs 15] [--warmup 3]
//
// Each organization is a scale seed (`crmkit seed --scale N`: about 70 % of its N deals open); one that
// is missing is seeded first, after migrating the database (scale-144 has about 100 open deals,
// scale-14362 about 10,000). The script starts the kit on that database with an `identify` that signs
// the page in as the organization's admin (a `bench=<slug>` cookie set with the page), and serves a page
// that loads the elements as they ship: dist/crmkit-elements.js from packages/elements/scripts/bundle.ts.
//
// Each run opens a fresh browser context, waits for the bundle to define the elements, then:
// - first paint: creates the <crm-pipeline-board> and times from its creation to the first frame
//   painted after every open column shows its first cards (a MessageChannel message posted in that
//   frame's requestAnimationFrame arrives once the frame is painted);
// - a move: picks up the first card of the first column with the keyboard (Space, →, Space, as a user
//   would), and counts which <crm-pipeline-column>s update from the drop until the board is quiet
//   (the kit confirmed the move and the two columns' figures were read again): the design wants only the
//   two columns the move touches to render. It times the drop to the frame that shows the card in its
//   new column, and to the last update. The card is then moved back the same way (measured too).
// Organizations take turns run by run, so that load from other processes falls on all of them alike.
// The first organization is the baseline of the ratio; the budget is at most 2x.
import { serve } from '@hono/node-server';
import { createCrm, migrate, type Caller, type CrmDatabase, type Role } from '@crmkit/server';
import { connectPostgres } from '@crmkit/server/postgres';
import { Hono } from 'hono';
import { chromium, type Page } from 'playwright-core';
import { chromiumOptions } from '../e2e/support/chromium.js';
import { bundleElements } from '../packages/elements/scripts/bundle.js';
import { seedScale } from '../packages/server/src/seed/scale.js';
import { databaseUrl, flag, loadAverage, machine, stats } from './lib.js';

const slugs = flag('orgs', 'scale-144,scale-14362').split(',');
const runs = Number(flag('runs', '15'));
const warmup = Number(flag('warmup', '3'));

const elements = await bundleElements();
const database: CrmDatabase = connectPostgres({ url: databaseUrl(), max: 4 });
await migrate(database);

// ---------------------------------------------------------------------------------------------
// The organizations, seeded if missing, and a kit that signs the page in as their admins.

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
  const find = async () => (await rows<{ id: string }>('select id from crm.organizations where slug = $1', [slug]))[0];
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
  const [counted] = await rows<{ open: string }>(
    `select count(*)::text as open from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
     where o.org_id = $1 and o.pipeline_id = $2 and o.deleted_at is null and s.kind = 'open'`,
    [orgId, pipeline!.id],
  );
  return {
    slug,
    pipelineId: pipeline!.id,
    caller: { orgId, userId: admin!.id, role: admin!.role },
    open: Number(counted!.open),
    seededIn,
  };
}

const orgs: Org[] = [];
for (const slug of slugs) orgs.push(await org(slug));
const callers = new Map(orgs.map((o) => [o.slug, o.caller]));

// The page: loads the bundle, counts the columns' updates, and creates the board when told to.
const page = (o: Org) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${o.slug}</title>
    <style>body { margin: 0; padding: 16px; font-family: system-ui, sans-serif; }</style>
  </head>
  <body>
    <script type="module">
      import '/crmkit-elements.js';
      await customElements.whenDefined('crm-pipeline-board');
      const Column = customElements.get('crm-pipeline-column');
      const updates = [];
      const update = Column.prototype.update;
      Column.prototype.update = function (changed) {
        updates.push({ stage: this.dataset.stage, at: performance.now(), keys: [...changed.keys()].map(String) });
        return update.call(this, changed);
      };
      // Requests in flight (but the live stream, which stays open), to know when a move is settled.
      let inFlight = 0;
      let lastAnswer = 0;
      const fetch = window.fetch;
      window.fetch = async (...args) => {
        const url = args[0] instanceof Request ? args[0].url : String(args[0]);
        if (url.endsWith('/events')) return fetch(...args);
        inFlight++;
        try {
          return await fetch(...args);
        } finally {
          inFlight--;
          lastAnswer = performance.now();
        }
      };
      // Registered before the board's own listener, so it sees the drop's keydown first.
      let keyAt = 0;
      window.addEventListener('keydown', () => (keyAt = performance.now()), true);
      let board;
      const columns = () => [...(board?.shadowRoot?.querySelectorAll('crm-pipeline-column') ?? [])];
      // Resolves once the frame after this one's requestAnimationFrame callbacks is painted.
      const afterPaint = () => new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      });
      // The first frame in which test() holds: when its rendering began, and when it was painted.
      const frameWhen = (test) => new Promise((resolve) => {
        const check = () => {
          if (!test()) return requestAnimationFrame(check);
          const frame = performance.now();
          afterPaint().then((painted) => resolve({ frame, painted }));
        };
        requestAnimationFrame(check);
      });
      window.bench = {
        async paint(pipelineId) {
          const created = performance.now();
          board = document.createElement('crm-pipeline-board');
          board.setAttribute('base-url', '/api/crm');
          board.setAttribute('pipeline-id', pipelineId);
          board.style.setProperty('--crm-board-height', '760px');
          document.body.append(board);
          const { frame, painted } = await frameWhen(() => {
            const shown = columns();
            return shown.length > 0 &&
              shown.every((c) => c.column && (c.column.cards.length === 0 || c.shadowRoot.querySelector('.card')));
          });
          const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/board?'));
          return {
            painted: painted - created,
            frame: frame - created,
            response: api ? api.responseEnd - created : null,
            columns: columns().length,
            cards: columns().reduce((n, c) => n + c.shadowRoot.querySelectorAll('.card').length, 0),
            loaded: columns().reduce((n, c) => n + c.column.cards.length, 0),
            count: columns().reduce((n, c) => n + c.column.figures.count, 0),
          };
        },
        /** Focuses a card (the first of column 'from' if no id) and says which columns a move touches. */
        focus(from, to, cardId) {
          const shown = columns();
          const card = cardId
            ? shown[from].shadowRoot.querySelector('.card[data-id="' + cardId + '"]')
            : shown[from].shadowRoot.querySelector('.card[data-id]');
          card.focus();
          updates.length = 0;
          return { cardId: card.dataset.id, from: shown[from].dataset.stage, to: shown[to].dataset.stage };
        },
        lifted: () => Boolean(board.shadowRoot.querySelector('.board.dragging')),
        /** After the drop: when the card showed in its new column, and the updates until all was quiet. */
        async settled(cardId, to, quietMs) {
          const dropped = keyAt;
          const target = columns().find((c) => c.dataset.stage === to);
          const { painted: shown } = await frameWhen(() =>
            Boolean(target.shadowRoot.querySelector('.card[data-id="' + cardId + '"]')),
          );
          const requests = () => performance.getEntriesByType('resource')
            .filter((e) => e.startTime >= dropped && /\\/move$|\\/board\\/stages\\//.test(e.name));
          // Quiet: the move has answered, no request is in flight, and nothing updated for quietMs.
          for (;;) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            const last = Math.max(dropped, lastAnswer, ...updates.map((u) => u.at));
            const answered = requests().some((e) => e.name.endsWith('/move'));
            if (answered && inFlight === 0 && performance.now() - last >= quietMs) break;
            if (performance.now() - dropped > 15000) throw new Error('The move did not settle within 15 s');
          }
          const after = updates.filter((u) => u.at >= dropped);
          return {
            shown: shown - dropped,
            settled: Math.max(0, ...after.map((u) => u.at - dropped)),
            requests: requests().map((e) => new URL(e.name).pathname.replace(/[0-9a-f-]{36}/g, ':id')),
            updates: after.map((u) => ({ stage: u.stage, keys: u.keys })),
          };
        },
      };
      window.benchReady = true;
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
  .get('/crmkit-elements.js', (c) => c.body(elements.code, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
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
// Chromium: a fresh context per run, the boards in turn.

interface Paint {
  /** From the element's creation: to the frame painted with the cards; */
  painted: number;
  /** to the start of that frame (the cards are in the DOM); */
  frame: number;
  /** to the end of the board request. */
  response: number | null;
  columns: number;
  cards: number;
  loaded: number;
  count: number;
}

interface Move {
  shown: number;
  settled: number;
  requests: string[];
  updates: { stage: string; keys: string[] }[];
  /** The card moved, and the stages the move touched. */
  cardId: string;
  from: string;
  to: string;
}

const browser = await chromium.launch(chromiumOptions());

interface BenchWindow {
  benchReady?: boolean;
  bench: {
    paint(pipelineId: string): Promise<Paint>;
    focus(from: number, to: number, cardId?: string): { cardId: string; from: string; to: string };
    lifted(): boolean;
    settled(cardId: string, to: string, quietMs: number): Promise<Omit<Move, 'cardId' | 'from' | 'to'>>;
  };
}

/** Moves a card from open column `from` to open column `to` with the keyboard, and measures the drop. */
async function move(tab: Page, from: number, to: number, cardId?: string): Promise<Move> {
  const touched = await tab.evaluate(([f, t, id]) => (window as unknown as BenchWindow).bench.focus(f, t, id), [
    from,
    to,
    cardId,
  ] as [number, number, string | undefined]);
  await tab.keyboard.press('Space');
  await tab.waitForFunction(() => (window as unknown as BenchWindow).bench.lifted());
  await tab.keyboard.press(to > from ? 'ArrowRight' : 'ArrowLeft');
  await tab.waitForTimeout(100);
  await tab.keyboard.press('Space');
  const result = await tab.evaluate(([id, stage]) => (window as unknown as BenchWindow).bench.settled(id, stage, 400), [
    touched.cardId,
    touched.to,
  ] as [string, string]);
  return { ...result, ...touched };
}

async function run(o: Org): Promise<{ paint: Paint; moves: Move[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  tab.on('pageerror', (error) => console.error(`${o.slug}: ${error.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error') console.error(`${o.slug}: ${m.text()}`);
  });
  tab.on('response', (r) => {
    if (r.status() >= 400) console.error(`${o.slug}: ${r.status()} ${r.url()}`);
  });
  try {
    await tab.goto(`http://127.0.0.1:${port}/board/${o.slug}`);
    await tab.waitForFunction(() => (window as unknown as BenchWindow).benchReady, null, { timeout: 60_000 });
    const paint = await tab.evaluate((id) => (window as unknown as BenchWindow).bench.paint(id), o.pipelineId);
    // Let the rest of the start (the owners' names, the live stream) finish before moving.
    await tab.waitForTimeout(500);
    const forth = await move(tab, 0, 1);
    const back = await move(tab, 1, 0, forth.cardId);
    return { paint, moves: [forth, back] };
  } finally {
    await context.close();
  }
}

const chromiumVersion = browser.version();
const loadBefore = loadAverage();
const results = new Map<string, { paint: Paint; moves: Move[] }[]>(orgs.map((o) => [o.slug, []]));
try {
  for (let i = 0; i < warmup + runs; i++) {
    for (const o of orgs) {
      const result = await run(o);
      if (i >= warmup) results.get(o.slug)!.push(result);
    }
    process.stdout.write(`\r${i + 1} of ${warmup + runs} rounds`);
  }
} finally {
  await browser.close();
  server.close();
  await database.close();
}
const loadAfter = loadAverage();

// ---------------------------------------------------------------------------------------------

const ms = (n: number) => `${n.toFixed(0)} ms`;
const medianOf = (values: number[]) => stats(values).median;

console.log(
  `\n\n${machine()}, Chromium ${chromiumVersion}, PostgreSQL via DATABASE_URL.\n` +
    `Elements: dist/crmkit-elements.js as built by packages/elements/scripts/bundle.ts, ` +
    `${(elements.gzipBytes / 1024).toFixed(1)} kB min+gzip.\n` +
    `${runs} runs per board after ${warmup} warm-up runs, a fresh browser context each; ` +
    `load average ${loadBefore} before, ${loadAfter} after.\n`,
);
for (const o of orgs) if (o.seededIn !== undefined) console.log(`Seeded ${o.slug} in ${o.seededIn.toFixed(1)} s.`);

console.log('First paint: from creating the element to the frame that shows every open column with its cards.\n');
console.log(
  '| board | open deals | painted, median | p95 | board answered, median | cards in the DOM by, median | columns | cards rendered | cards loaded | ÷ first (median) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const base = medianOf(results.get(orgs[0]!.slug)!.map((r) => r.paint.painted));
for (const o of orgs) {
  const paints = results.get(o.slug)!.map((r) => r.paint);
  const painted = stats(paints.map((p) => p.painted));
  console.log(
    `| ${o.slug} | ${o.open.toLocaleString('en')} | ${ms(painted.median)} | ${ms(painted.p95)} | ` +
      `${ms(medianOf(paints.map((p) => p.response ?? 0)))} | ${ms(medianOf(paints.map((p) => p.frame)))} | ` +
      `${medianOf(paints.map((p) => p.columns))} | ` +
      `${medianOf(paints.map((p) => p.cards))} | ${medianOf(paints.map((p) => p.loaded))} | ` +
      `${(painted.median / base).toFixed(2)}× |`,
  );
}

console.log(
  '\nA move (keyboard, first card of the first column to the second, and back): from the drop to the frame that ' +
    'shows the card in its new column, to the last column update; which columns updated meanwhile.\n',
);
console.log(
  '| board | moves | shown, median / p95 | settled, median / p95 | columns updated (max) | of them untouched | column updates per move (median / max) | requests per move |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
const reasons = new Map<string, number>();
for (const o of orgs) {
  const moves = results.get(o.slug)!.flatMap((r) => r.moves);
  const shown = stats(moves.map((m) => m.shown));
  const settled = stats(moves.map((m) => m.settled));
  const distinct = moves.map((m) => new Set(m.updates.map((u) => u.stage)).size);
  const untouched = moves.map((m) => new Set(m.updates.map((u) => u.stage).filter((s) => s !== m.from && s !== m.to)));
  for (const m of moves) {
    for (const u of m.updates) {
      const where = u.stage === m.from || u.stage === m.to ? 'touched' : 'untouched';
      const key = `${where}: ${u.keys.sort().join(', ')}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
  }
  const counts = moves.map((m) => m.updates.length);
  const requests = [...new Set(moves.map((m) => m.requests.sort().join(' + ')))];
  console.log(
    `| ${o.slug} | ${moves.length} | ${ms(shown.median)} / ${ms(shown.p95)} | ${ms(settled.median)} / ${ms(settled.p95)} | ` +
      `${Math.max(...distinct)} | ${Math.max(...untouched.map((s) => s.size))} | ${medianOf(counts)} / ${Math.max(...counts)} | ` +
      `${requests.join('; ')} |`,
  );
}
console.log('\nColumn updates after drops, by column and by the properties that changed:');
for (const [key, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${key}`);
