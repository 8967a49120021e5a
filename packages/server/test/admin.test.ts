// Provisioning by the host: what createOrganization accepts.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../src/admin.js';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';

describe.each(testDatabases())('createOrganization on $name', ({ get }) => {
  it('refuses a time zone PostgreSQL does not know, and creates nothing', async () => {
    const slug = `tz-${randomUUID()}`;
    // A 400 problem naming the field, as PATCH /organization answers it.
    await expect(
      createOrganization(get().db, { slug, name: 'Nowhere', timeZone: 'Mars/Olympus_Mons' }),
    ).rejects.toMatchObject({
      problem: { status: 400, errors: [{ path: 'timeZone', message: expect.stringMatching(/Unknown time zone/) }] },
    });
    const found = await rows(get().db, sql`select id from crm.organizations where slug = ${slug}`);
    expect(found).toEqual([]);
  });

  it('takes a known one', async () => {
    const org = await createOrganization(get().db, {
      slug: `tz-${randomUUID()}`,
      name: 'Taipei',
      timeZone: 'Asia/Taipei',
    });
    expect(org.timeZone).toBe('Asia/Taipei');
  });
});
