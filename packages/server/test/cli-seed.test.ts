// `crmkit seed` gives the sample members a known password only when asked (`--demo-passwords`):
// a known password on a real database would open it. Runs the command itself, on a fresh
// PostgreSQL database per case (when DATABASE_URL is set: the embedded database takes a minute
// to start in a child process here; the seeding code is the same on both).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { CRMKIT_FROM_SOURCE as CLI } from './support/cli.js';

const run = promisify(execFile);
const url = process.env.DATABASE_URL;

describe.runIf(url)('crmkit seed on postgres', () => {
  /** Seeds a fresh database with these arguments; answers what the sample members' passwords are. */
  async function seedFresh(args: string[]) {
    const name = `crmkit_cli_${Date.now().toString(36)}_${process.pid}`;
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    try {
      const { stdout } = await run(process.execPath, [...CLI, 'seed', ...args], {
        env: { ...process.env, DATABASE_URL: target.toString() },
      });
      const db = postgres(target.toString(), { max: 1 });
      const [row] =
        await db`select count(*)::int as members, count(password_hash)::int as with_password from crm.users`;
      await db.end();
      return { stdout, ...(row as { members: number; with_password: number }) };
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }

  it('leaves the sample members without a password by default', async () => {
    const seeded = await seedFresh([]);
    expect(seeded.members).toBeGreaterThan(0);
    expect(seeded.with_password).toBe(0);
    expect(seeded.stdout).toContain('--demo-passwords');
  }, 120_000);

  it('gives them the demo password with --demo-passwords', async () => {
    const seeded = await seedFresh(['--demo-passwords']);
    expect(seeded.with_password).toBe(seeded.members);
    expect(seeded.stdout).toContain('crmkit-demo');
  }, 120_000);
});
