// `crmkit org …` and `crmkit migrate --print-sql`, run as commands. The org commands run on
// PostgreSQL only (when DATABASE_URL is set): the embedded database takes a minute to start in a
// child process here, and the code they call is the same on both (organization.test.ts).
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrations } from '../src/db/migrations.gen.js';
import { CRMKIT_FROM_SOURCE } from './support/cli.js';

const url = process.env.DATABASE_URL;

/** Runs the command with `input` on its standard input; answers its exit code and output. */
function crmkit(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...CRMKIT_FROM_SOURCE, ...args],
      { env: { ...process.env, DATABASE_URL: url ?? '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

describe('crmkit migrate --print-sql', () => {
  it('prints every migration without touching a database', { timeout: 60_000 }, async () => {
    const { code, stdout } = await crmkit(['migrate', '--print-sql']);
    expect(code).toBe(0);
    for (const m of migrations) expect(stdout).toContain(`-- ${m.tag}\nbegin;`);
  });
});

describe.runIf(url)('crmkit org on postgres', () => {
  it('creates an organization, sets its settings, adds a member, and refuses bad input field by field', async () => {
    const slug = `cli-${randomUUID()}`;
    const created = await crmkit([
      'org',
      'create',
      slug,
      '--name',
      'CLI Co',
      '--locale',
      'zh-Hant',
      '--currency',
      'TWD',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ slug, name: 'CLI Co', locale: 'zh-Hant', baseCurrency: 'TWD' });

    const secret = randomBytes(48).toString('base64');
    const set = await crmkit(
      ['org', 'set', slug, '--origin', 'https://shop.example.com', '--rate', 'USD=32.5', '--embed-secret-stdin'],
      `${secret}\n`,
    );
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      allowedOrigins: ['https://shop.example.com'],
      exchangeRates: { USD: 32.5 },
      embedSecretSet: true,
    });
    expect(set.stdout).not.toContain(secret);

    const weak = await crmkit(['org', 'set', slug, '--embed-secret-stdin', '--time-zone', 'Mars/Base'], 'password\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/embedSecret: At least 32 characters/);
    const zone = await crmkit(['org', 'set', slug, '--time-zone', 'Mars/Base']);
    expect(zone.stderr).toMatch(/timeZone: Unknown time zone/);

    const member = await crmkit([
      'org',
      'add-member',
      slug,
      '--email',
      'Owner@CLI.test',
      '--name',
      'Owner',
      '--role',
      'owner',
    ]);
    expect(member.code, member.stderr).toBe(0);
    expect(member.stdout).toContain('owner@cli.test (owner)');

    const shown = await crmkit(['org', 'show', slug]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ slug, timeZone: 'UTC', version: 2 });
    expect((await crmkit(['org', 'show', `no-${slug}`])).stderr).toMatch(/No organization/);
  }, 180_000);

  it("sets the fiscal year's first month, and refuses anything but a month number", async () => {
    const slug = `cli-${randomUUID()}`;
    const created = await crmkit(['org', 'create', slug, '--name', 'Fiscal Co', '--fiscal-year-start', '4']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ slug, fiscalYearStartMonth: 4 });
    for (const bad of ['April', '13', '0']) {
      const refused = await crmkit(['org', 'set', slug, '--fiscal-year-start', bad]);
      expect(refused.code, bad).toBe(1);
      expect(refused.stderr).toMatch(/fiscalYearStartMonth: /);
    }
    const set = await crmkit(['org', 'set', slug, '--fiscal-year-start', '7']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ fiscalYearStartMonth: 7, version: 2 });
  }, 180_000);

  it('sets the first day of the week, and refuses anything but a weekday number', async () => {
    const slug = `cli-${randomUUID()}`;
    const created = await crmkit(['org', 'create', slug, '--name', 'Week Co', '--week-start', '7']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ slug, weekStartsOn: 7 });
    for (const bad of ['mon', '8', '0']) {
      const refused = await crmkit(['org', 'set', slug, '--week-start', bad]);
      expect(refused.code, bad).toBe(1);
      expect(refused.stderr).toMatch(/weekStartsOn: /);
    }
    const set = await crmkit(['org', 'set', slug, '--week-start', '6']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ weekStartsOn: 6, version: 2 });
    expect(JSON.parse((await crmkit(['org', 'show', slug])).stdout)).toMatchObject({ weekStartsOn: 6 });
  }, 180_000);
});
