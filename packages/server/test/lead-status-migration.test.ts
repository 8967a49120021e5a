import { describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { migrations } from '../src/db/migrations.gen.js';
import { openPglite } from '../src/db/pglite.js';

/**
 * Migration 0015 renames two lead statuses: leads stored before it keep their meaning
 * (contacted → working, unqualified → disqualified with a reason) and lose nothing else.
 */
describe('the lead status migration', () => {
  it('maps the old statuses onto the new ones, keeping the data', async () => {
    const database = await openPglite();
    try {
      const before = migrations.findIndex((m) => m.tag === '0016_leads');
      expect(before).toBeGreaterThan(0);
      await database.withSession(async (s) => {
        await s.exec(
          'create schema if not exists crm; create table if not exists crm.__migrations (tag text primary key, hash text not null, applied_at timestamptz not null default now())',
        );
        for (const m of migrations.slice(0, before)) {
          await s.exec('begin');
          for (const statement of m.statements) await s.exec(statement);
          await s.query('insert into crm.__migrations (tag, hash) values ($1, $2)', [m.tag, m.hash]);
          await s.exec('commit');
        }
        await s.exec(
          `insert into crm.organizations (id, slug, name) values ('01900000-0000-7000-8000-000000000001', 'old', 'Old')`,
        );
        for (const [i, status] of ['new', 'contacted', 'qualified', 'unqualified', 'converted'].entries()) {
          await s.query(
            `insert into crm.leads (org_id, id, name, email, status, score) values ('01900000-0000-7000-8000-000000000001', $1, $2, $3, $4, $5)`,
            [`01900000-0000-7000-8000-00000000010${i}`, `Lead ${status}`, `${status}@old.test`, status, i * 10],
          );
        }
      });
      expect((await migrate(database)).applied).toContain('0016_leads');
      const leads = await database.withSession((s) =>
        s.query<{ name: string; email: string; status: string; score: number; disqualified_reason: string | null }>(
          'select name, email, status::text as status, score, disqualified_reason from crm.leads order by id',
        ),
      );
      expect(leads).toEqual([
        { name: 'Lead new', email: 'new@old.test', status: 'new', score: 0, disqualified_reason: null },
        {
          name: 'Lead contacted',
          email: 'contacted@old.test',
          status: 'working',
          score: 10,
          disqualified_reason: null,
        },
        {
          name: 'Lead qualified',
          email: 'qualified@old.test',
          status: 'qualified',
          score: 20,
          disqualified_reason: null,
        },
        {
          name: 'Lead unqualified',
          email: 'unqualified@old.test',
          status: 'disqualified',
          score: 30,
          disqualified_reason: 'Unqualified (before lead statuses changed)',
        },
        {
          name: 'Lead converted',
          email: 'converted@old.test',
          status: 'converted',
          score: 40,
          disqualified_reason: null,
        },
      ]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
