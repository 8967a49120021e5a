// `crmkit import` and `crmkit export`, run as commands on PostgreSQL (when DATABASE_URL is set),
// as cli-org.test.ts runs `crmkit org`: the routes they drive are tested on both databases in
// transfer.test.ts.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRMKIT_FROM_SOURCE } from './support/cli.js';

const url = process.env.DATABASE_URL;

function crmkit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CRMKIT_FROM_SOURCE, ...args],
      { env: { ...process.env, DATABASE_URL: url ?? '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.runIf(url)('crmkit import and export on postgres', () => {
  it('imports a file as a job with a progress bar, and writes the error report', { timeout: 120_000 }, async () => {
    const slug = `cli-job-${randomUUID()}`;
    expect((await crmkit(['org', 'create', slug, '--name', 'CLI Jobs'])).code).toBe(0);
    const owner = ['org', 'add-member', slug, '--email', 'owner@cli.test', '--name', 'Owner', '--role', 'owner'];
    expect((await crmkit(owner)).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'crmkit-cli-'));
    const file = join(dir, 'customers.csv');
    const rows = Array.from({ length: 700 }, (_, i) => (i === 650 ? `B${i},,Tainan` : `B${i},Shop ${i},Taipei`));
    writeFileSync(file, `ID,Company,Region\n${rows.join('\n')}\n`);
    const errors = join(dir, 'errors.csv');
    const map = ['--map', 'ID:externalId,Company:name,Region:region', '--errors', errors];
    const imported = await crmkit(['import', 'customers', file, '--org', slug, '--source', 'shop', '--job', ...map]);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toMatch(/^Import job [0-9a-f-]{36}: 700 rows$/m);
    // The bar goes to standard error, as cli-progress writes it.
    expect(imported.stderr).toMatch(/Importing \[[^\]]*\] 100% \| 700\/700 rows \| \d+ rows\/s/);
    expect(JSON.parse(imported.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      status: 'succeeded',
      rows: 700,
      created: 699,
      failed: 1,
    });
    expect(readFileSync(errors, 'utf8')).toMatch(
      /^\uFEFFrow,reasons,ID,Company,Region\r\n652,"?name: [^\r]+,B650,,Tainan\r\n$/,
    );

    // Followed again from another process (as a job started on the Integrations page would be): its summary and errors.
    const jobId = /^Import job ([0-9a-f-]{36})/m.exec(imported.stdout)![1]!;
    const again = join(dir, 'errors-again.csv');
    const followed = await crmkit(['import', '--follow', jobId, '--org', slug, '--errors', again]);
    expect(followed.code).toBe(2);
    expect(JSON.parse(followed.stdout.trim().split('\n').at(-1)!)).toMatchObject({ status: 'succeeded', rows: 700 });
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(errors, 'utf8'));
    // Another organization's job, or none, is not found.
    const unknown = await crmkit(['import', '--follow', randomUUID(), '--org', slug]);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('404')]);
  });

  it('imports a file with an error file for its bad rows, and exports the list', { timeout: 120_000 }, async () => {
    const slug = `cli-${randomUUID()}`;
    expect((await crmkit(['org', 'create', slug, '--name', 'CLI Co'])).code).toBe(0);
    const owner = ['org', 'add-member', slug, '--email', 'owner@cli.test', '--name', 'Owner', '--role', 'owner'];
    expect((await crmkit(owner)).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'crmkit-cli-'));
    const file = join(dir, 'customers.csv');
    writeFileSync(file, 'ID,Company,Region\nA1,Formosa Tea,Taipei\nA2,,Tainan\nA3,=Evil,Hsinchu\n');
    const errors = join(dir, 'errors.csv');
    const imported = await crmkit(
      [
        'import',
        'customers',
        file,
        '--org',
        slug,
        '--source',
        'shop',
        '--map',
        'ID:externalId,Company:name,Region:region',
      ].concat(['--errors', errors]),
    );
    expect(imported.code).toBe(2); // some rows failed
    expect(JSON.parse(imported.stdout.trim().split('\n').at(-1)!)).toMatchObject({ rows: 3, created: 2, failed: 1 });
    expect(readFileSync(errors, 'utf8')).toMatch(/^row,error,ID,Company,Region\r\n3,"name: [^"]+",A2,,Tainan\r\n$/);

    const out = join(dir, 'export.csv');
    const exported = await crmkit(['export', 'customers', '--org', slug, '--query', 'sort=name', '--out', out]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'=Evil");
    expect(lines[2]).toContain('Formosa Tea');
    expect((await crmkit(['export', 'customers', '--org', slug, '--query', 'bogus=1'])).code).toBe(1);
  });

  it(
    'matches rows to contacts by email or phone, updating them with --on-duplicate update',
    { timeout: 120_000 },
    async () => {
      const slug = `cli-dup-${randomUUID()}`;
      expect((await crmkit(['org', 'create', slug, '--name', 'CLI Duplicates'])).code).toBe(0);
      const owner = ['org', 'add-member', slug, '--email', 'owner@cli.test', '--name', 'Owner', '--role', 'owner'];
      expect((await crmkit(owner)).code).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'crmkit-cli-'));
      const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
      const summary = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      const first = file('first.csv', 'Name,E-mail,Phone\nMei Lin,mei@cli.test,+886 2 2345-6789\n');
      const map = ['--map', 'Name:name,E-mail:emails,Phone:phones'];
      expect(summary((await crmkit(['import', 'contacts', first, '--org', slug, ...map])).stdout)).toMatchObject({
        created: 1,
      });

      const again = file('again.csv', 'Name,E-mail,Phone\nMei Lin (Taipei),,(02) 2345 6789\n');
      const skipped = await crmkit(['import', 'contacts', again, '--org', slug, ...map]);
      expect(summary(skipped.stdout)).toMatchObject({ rows: 1, created: 0, matched: 1 });
      const updated = await crmkit(['import', 'contacts', again, '--org', slug, '--on-duplicate', 'update', ...map]);
      expect(summary(updated.stdout)).toMatchObject({ rows: 1, created: 0, updated: 1, matched: 0 });
      const job = await crmkit([
        'import',
        'contacts',
        first,
        '--org',
        slug,
        '--job',
        '--on-duplicate',
        'create',
        ...map,
      ]);
      expect(summary(job.stdout)).toMatchObject({ status: 'succeeded', created: 1, matched: 0 });

      const exported = await crmkit(['export', 'contacts', '--org', slug, '--query', 'sort=name']);
      expect(exported.stdout).toContain('Mei Lin (Taipei)');
      expect(exported.stdout.match(/mei@cli\.test/g)).toHaveLength(2);

      const refused = await crmkit(['import', 'contacts', again, '--org', slug, '--on-duplicate', 'merge', ...map]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('onDuplicate');
    },
  );
});
