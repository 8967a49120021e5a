// The packages in hosts that are not this repository: packed, installed from their tarballs into a
// throwaway folder (support/workspace.ts), and run as the hosts in this folder — Hono in plain
// JavaScript (on PostgreSQL and on the embedded PGlite), Express, Vite + React 19, Vite + Vue 3, and a
// plain page on another origin with an embed token (also one through the autoloader) — each showing a customer card and the board in
// headless Chromium, with a deal moved from the keyboard that the kit keeps. PostgreSQL databases are
// fresh, one per host, on the server at DATABASE_URL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startProcess, type RunningProcess } from '../support/process.js';
import { definedElements, seed, showsAndMoves } from './support/check.js';
import { guideCommands } from './support/docs.js';
import { hostEnv, prepareHosts } from './support/workspace.js';

const SESSION_SECRET = randomBytes(32).toString('base64url');
const STAFF_PASSWORD = randomBytes(12).toString('base64url');
const OWNER_PASSWORD = randomBytes(12).toString('base64url');
const ADA = 'ada@north.example';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('The host test needs DATABASE_URL: a PostgreSQL server to create its databases on.');
const run = `${process.pid}_${Date.now().toString(36)}`;
const databases = ['hono', 'express'].map((kind) => `crmkit_host_${kind}_${run}`);
const urlOf = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).href;

let dir: string;
let browser: Browser;
const running: RunningProcess[] = [];
const timings: Record<string, number> = {};

/** Starts a host's command in its folder and waits for the URL it prints. */
async function start(name: string, cwd: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = await startProcess({ command: 'node', args, cwd, env: hostEnv(env), ready, name });
  running.push(child);
  return child.match[1]!;
}
const listening = /Listening on (http:\/\/\S+)/;
const viteBin = () => join(dir, 'node_modules/vite/bin/vite.js');
/** `vite preview` of a built app, its /api/crm forwarded to the kit at `crmHost`. */
const preview = async (kind: string, crmHost: string) =>
  start(
    `vite preview (${kind})`,
    join(dir, kind),
    [viteBin(), 'preview', '--port', String(await freePort()), '--strictPort'],
    { CRM_HOST: crmHost },
    /Local:\s+(http:\/\/\S+?)\/?\s/,
  );

/** Runs a command to its end, `input` on its standard input; fails on a non-zero exit. */
function exec(cwd: string, args: string[], env: Record<string, string>, input = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0]!, args.slice(1), { cwd, env: hostEnv(env) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(input);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')}: ${code}\n${output}`))));
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function timed<T>(label: string, work: Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work;
  timings[label] = Math.round(performance.now() - started);
  return result;
}

/** A fresh browser context (its own cookies) for one host, closed with the test. */
async function withContext(fn: (context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  context.on('weberror', (error) => errors.push(error.error().message));
  try {
    await fn(context);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  } finally {
    await context.close();
  }
}

/** Signs in to the Hono host through its own form, as a person would. */
async function signInToHono(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(ADA);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await Promise.all([page.waitForURL(`${url}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

/**
 * Starts the shop on another origin (shop/server.mjs) for the Hono host's organization: its admin allows the
 * shop's origin and sets the embed secret through the admin route. Answers the admin's page, the kit's API and
 * the shop's origin.
 */
async function startBackOfficeShop(context: BrowserContext) {
  const page = await signInToHono(context, hono.pg);
  const api = `${hono.pg}/api/crm`;
  const port = await freePort();
  const shopOrigin = `http://127.0.0.1:${port}`;
  const secret = randomBytes(48).toString('base64');
  const changed = await context.request.patch(`${api}/organization`, {
    data: { allowedOrigins: [shopOrigin], embedSecret: secret },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  const session = await (await context.request.get(`${api}/auth/session`)).json();
  const shop = await start(
    'shop',
    join(dir, 'shop'),
    ['server.mjs'],
    {
      PORT: String(port),
      SHOP_ORIGIN: shopOrigin,
      CRM_URL: hono.pg,
      CRM_EMBED_SECRET: secret,
      CRM_ORG_ID: session.organization.id,
      CRM_USER_ID: session.user.id,
    },
    listening,
  );
  expect(shop).toBe(shopOrigin);
  return { page, api, shopOrigin };
}

/** What the Vite apps import, one entry per element: their bundles define these and no other element. */
const BUNDLED = ['crm-provider', 'crm-customer-card', 'crm-pipeline-board'];

let hono: { pg: string; pglite: string };
let express: string;
let apps: { react: string; vue: string };

beforeAll(async () => {
  const started = performance.now();
  dir = await mkdtemp(join(tmpdir(), 'crmkit-hosts-'));
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const [prepared] = await Promise.all([
    prepareHosts(dir),
    (async () => {
      for (const name of databases) await admin.unsafe(`create database ${name}`);
    })(),
  ]);
  await admin.end();
  timings['npm pack'] = Math.round(prepared.packMs);
  timings['npm install'] = Math.round(prepared.installMs);

  const honoEnv = { SESSION_SECRET, STAFF_PASSWORD, PORT: '0' };
  const expressDb = { DATABASE_URL: urlOf(databases[1]!) };
  const [honoPg, honoPglite, expressUrl] = await Promise.all([
    timed(
      'hono on PostgreSQL',
      start(
        'hono (PostgreSQL)',
        join(dir, 'hono'),
        ['server.mjs'],
        { ...honoEnv, DATABASE_URL: urlOf(databases[0]!) },
        listening,
      ),
    ),
    timed(
      'hono on PGlite',
      start(
        'hono (PGlite)',
        join(dir, 'hono'),
        ['server.mjs'],
        { ...honoEnv, CRMKIT_DATA_DIR: join(dir, 'pglite') },
        listening,
      ),
    ),
    timed(
      'express, with getting-started steps 2 and 3',
      (async () => {
        // Steps 2 and 3 of docs/getting-started.md as written there, from the folder the packages are
        // installed in (`--no`: never fetch a `crmkit` from the registry instead).
        for (const [npx, ...args] of guideCommands(['2.', '3.'])) {
          const password = args.includes('--password-stdin') ? `${OWNER_PASSWORD}\n` : '';
          await exec(dir, [npx!, '--no', ...args], expressDb, password);
        }
        return start('express', join(dir, 'express'), ['server.mjs'], { ...expressDb, PORT: '0' }, listening);
      })(),
    ),
    timed('vite build (react)', exec(join(dir, 'react'), ['node', viteBin(), 'build'], {})),
    timed('vite build (vue)', exec(join(dir, 'vue'), ['node', viteBin(), 'build'], {})),
    launchChromium().then((b) => (browser = b)),
  ]);
  hono = { pg: honoPg, pglite: honoPglite };
  express = expressUrl;
  const [react, vue] = await Promise.all([preview('react', hono.pg), preview('vue', express)]);
  apps = { react, vue };
  timings['ready'] = Math.round(performance.now() - started);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(running.map((child) => child.stop()));
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  for (const name of databases) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  if (dir) await rm(dir, { recursive: true, force: true });
  console.log(
    Object.entries(timings)
      .map(([label, ms]) => `${label}: ${(ms / 1000).toFixed(1)} s`)
      .join('\n'),
  );
});

// One host a test, one after another (at once, they only wait longer for two cores): each with its own
// browser context, data and sign-in.
describe('hosts outside this repository, installed from the packed tarballs', () => {
  it.each(['pg', 'pglite'] as const)('a Hono host in plain JavaScript (%s) signs in through identify', async (db) => {
    await withContext(async (context) => {
      const page = await signInToHono(context, hono[db]);
      const api = `${hono[db]}/api/crm`;
      const seeded = await seed(context.request, api, `Hono ${db}`);
      await page.goto(`${hono[db]}/?customer=${seeded.customer.id}`);
      await showsAndMoves(page, context.request, api, seeded);
    });
  });

  it('an Express host mounts the kit through the Node adapter, with the kit’s own sign-in', async () => {
    await withContext(async (context) => {
      const page = await context.newPage();
      await page.goto(express);
      await page.getByLabel('Email').fill('you@acme.example');
      await page.getByLabel('Password').fill(OWNER_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('crm-provider:not([hidden])').waitFor({ state: 'attached' });
      const api = `${express}/api/crm`;
      const seeded = await seed(context.request, api, 'Express');
      await page.goto(`${express}/?customer=${seeded.customer.id}`);
      await showsAndMoves(page, context.request, api, seeded);
    });
  });

  it('a Vite + React 19 app bundles single-element entries, its kit on the Hono host', async () => {
    const app = apps.react;
    await withContext(async (context) => {
      // Signed in to the host on localhost: the cookie goes to the app's server on localhost too.
      const page = await signInToHono(context, hono.pg);
      const api = `${app}/api/crm`;
      const seeded = await seed(context.request, api, 'React');
      await page.goto(`${app}/?customer=${seeded.customer.id}`);
      await showsAndMoves(page, context.request, api, seeded);
      expect(await definedElements(page)).toEqual(BUNDLED);
    });
  });

  it('a Vite + Vue 3 app bundles single-element entries, its kit on the Express host', async () => {
    const app = apps.vue;
    await withContext(async (context) => {
      const api = `${app}/api/crm`;
      const login = await context.request.post(`${api}/auth/login`, {
        data: { email: 'you@acme.example', password: OWNER_PASSWORD },
      });
      expect(login.status()).toBe(200);
      const seeded = await seed(context.request, api, 'Vue');
      const page = await context.newPage();
      await page.goto(`${app}/?customer=${seeded.customer.id}`);
      await showsAndMoves(page, context.request, api, seeded);
      expect(await definedElements(page)).toEqual(BUNDLED);
    });
  });

  it('a plain page on another origin loads the browser build from the kit with an embed token', async () => {
    await withContext(async (context) => {
      const { page, api, shopOrigin } = await startBackOfficeShop(context);
      const seeded = await seed(context.request, api, 'Shop');
      await page.goto(`${shopOrigin}/?customer=${seeded.customer.id}`);
      await showsAndMoves(page, context.request, api, seeded);
    });
  });

  it('a plain page on another origin shows a customer card through the autoloader, loading only its code', async () => {
    await withContext(async (context) => {
      const { page, api, shopOrigin } = await startBackOfficeShop(context);
      const seeded = await seed(context.request, api, 'Autoloaded');
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(`${shopOrigin}/customer?customer=${seeded.customer.id}`);
      const name = page.locator('crm-customer-card').getByRole('heading', { name: seeded.customer.name, exact: true });
      await name.waitFor();
      // From the kit's site, beside the autoloader: its own file, the provider's and the card's, shared parts.
      const files = requested
        .filter((url) => url.startsWith(`${hono.pg}/crmkit/`))
        .map((url) => url.slice(`${hono.pg}/crmkit/`.length));
      expect(files).toEqual(expect.arrayContaining(['crmkit-autoloader.js', 'crmkit-autoloader.provider.js']));
      expect(files).toContain('crmkit-autoloader.customer-card.js');
      expect(files.filter((file) => !file.startsWith('crmkit-autoloader.'))).toEqual([]);
      expect(files).not.toContain('crmkit-autoloader.pipeline-board.js');
      expect(await definedElements(page)).toEqual(['crm-provider', 'crm-customer-card']);
      // The board's file is there, had the page shown a board.
      const board = await context.request.get(`${hono.pg}/crmkit/crmkit-autoloader.pipeline-board.js`);
      expect(board.status()).toBe(200);
    });
  });

  it('a visitor on another origin sends the lead form of a plain page, with no sign-in and no cookies', async () => {
    await withContext(async (context) => {
      // The admin sets up a form for the shop's contact page (the kit's own sign-in, on the Hono host).
      await signInToHono(context, hono.pg);
      const api = `${hono.pg}/api/crm`;
      const port = await freePort();
      const shopOrigin = `http://127.0.0.1:${port}`;
      const created = await context.request.post(`${api}/lead-forms`, {
        data: {
          name: 'Shop contact page',
          fields: [
            { name: 'name', label: 'Your name', required: true },
            { name: 'email', label: 'Email', required: true },
          ],
          thankYouText: 'Thanks, the shop will call you.',
          allowedOrigins: [shopOrigin],
          minFillSeconds: 0,
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const form = (await created.json()) as { publicKey: string };
      await start(
        'shop',
        join(dir, 'shop'),
        ['server.mjs'],
        { PORT: String(port), SHOP_ORIGIN: shopOrigin, CRM_URL: hono.pg },
        listening,
      );
      // A visitor's own browser: nothing of the admin's session.
      const visitor = await browser.newContext();
      try {
        const page = await visitor.newPage();
        await page.goto(`${shopOrigin}/contact?form=${form.publicKey}&utm_source=expo`);
        const name = `Shop visitor ${Date.now().toString(36)}`;
        await page.getByLabel('Your name').fill(name);
        await page.getByLabel('Email').fill('visitor@shop.example');
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByText('Thanks, the shop will call you.').waitFor();
        const leads = await context.request.get(`${api}/leads?q=${encodeURIComponent(name)}`);
        const { items } = (await leads.json()) as { items: { attribution: Record<string, string> }[] };
        expect(items).toHaveLength(1);
        expect(items[0]!.attribution).toMatchObject({ utmSource: 'expo' });
        expect(items[0]!.attribution.landingPage).toContain(shopOrigin);
      } finally {
        await visitor.close();
      }
    });
  });
});
