// `crmkit jobs run-once`, run as a command. The run itself on PostgreSQL only (when DATABASE_URL
// is set), as the other commands' tests: the embedded database takes a minute to start in a child
// process here, and what it runs is tested on both databases in reassign.test.ts.
import { execFile } from 'node:child_process';
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

describe('crmkit jobs', () => {
  it('refuses a job it does not know, before touching a database', { timeout: 60_000 }, async () => {
    const { code, stderr } = await crmkit(['jobs', 'run-twice']);
    expect(code).toBe(1);
    expect(stderr).toContain('Usage: crmkit jobs run-once');
  });

  it.runIf(url)('runs the scheduled jobs once and says what they did', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await crmkit(['jobs', 'run-once']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Re-assigned \d+ untouched leads?/);
    expect(stdout).toMatch(/Took \d+ forecast snapshots? of this week\./);
    // The week's snapshots are taken: a second run has none left to take.
    const again = await crmkit(['jobs', 'run-once']);
    expect(again.stdout).toContain('Took 0 forecast snapshots of this week.');
  });
});
