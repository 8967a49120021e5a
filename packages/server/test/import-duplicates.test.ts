import { beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/http/logging.js';
import { ImportWorker } from '../src/imports/worker.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

const quiet: Logger = { info() {}, warn() {}, error() {} };

/**
 * Imports that meet a duplicate (`onDuplicate`): a customer or contact row with the email or phone
 * number of a stored record, or of an earlier row, is skipped, written onto that record, or created.
 */
describe.each(testDatabases())('import duplicates on $name', ({ get }) => {
  let kit: TestKit;
  const run = Date.now().toString(36);
  let serial = 0;
  /** A tag and a phone number no other test uses (phone numbers match on their last nine digits). */
  const fresh = () => {
    serial++;
    const digits = String((Date.now() % 1e7) * 100 + serial)
      .padStart(9, '0')
      .slice(-9);
    return {
      tag: `${run}-${serial}`,
      // The same number written two ways: with a country code and dashes, and with a trunk zero and spaces.
      phone: `+886 ${digits.slice(0, 1)} ${digits.slice(1, 5)}-${digits.slice(5)}`,
      phoneAgain: `(0${digits.slice(0, 1)}) ${digits.slice(1, 5)} ${digits.slice(5)}`,
    };
  };

  const importCsv = async (who: Member, resource: string, csv: string, query = '') => {
    const res = await kit.app.request(`/api/crm/imports/${resource}${query}`, {
      method: 'POST',
      body: csv,
      headers: { 'x-test-user': who.userId, 'content-type': 'text/csv' },
    });
    const text = await res.text();
    if (res.headers.get('content-type') !== 'application/x-ndjson')
      return { status: res.status, problem: JSON.parse(text) as Json, errors: [], summary: undefined };
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    return {
      status: res.status,
      problem: undefined,
      errors: lines.filter((l) => 'row' in l),
      summary: lines.at(-1)!.summary as Json,
    };
  };
  /** A CSV of rows with a name, an email and a phone column (cells may be empty). */
  const csvOf = (rows: [string, string, string][]) =>
    `Name,E-mail,Phone\r\n${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')}\r\n`;
  const map = 'map=' + encodeURIComponent('Name:name,E-mail:emails,Phone:phones');
  const create = async (who: Member, resource: string, body: Json) => {
    const res = await kit.send(who, 'POST', `/${resource}`, body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const read = async (resource: string, id: unknown) =>
    (await kit.send(kit.acme.users.admin, 'GET', `/${resource}/${String(id)}`)).body;
  const named = async (resource: string, tag: string) =>
    (
      (await kit.send(kit.acme.users.admin, 'GET', `/${resource}?q=${encodeURIComponent(tag)}&limit=100`)).body
        .items as Json[]
    ).filter((r) => String(r.name).includes(tag));

  beforeAll(async () => {
    kit = await createTestKit(get(), { imports: { runJobs: false } });
  });

  describe.each(['customers', 'contacts'])('%s', (resource) => {
    it('skips by default a row with a stored email (case and spaces aside) or phone (formatting aside), and counts it matched', async () => {
      const { admin } = kit.acme.users;
      const { tag, phone, phoneAgain } = fresh();
      const byEmail = await create(admin, resource, { name: `Stored ${tag} A`, emails: [`ann.${tag}@dup.test`] });
      const byPhone = await create(admin, resource, { name: `Stored ${tag} B`, phones: [phone] });
      const csv = csvOf([
        [`Row ${tag} 1`, ` ANN.${tag}@Dup.Test `, ''],
        [`Row ${tag} 2`, '', phoneAgain],
        [`Row ${tag} 3`, `new.${tag}@dup.test`, ''],
      ]);
      const result = await importCsv(admin, resource, csv, `?${map}`);
      expect(result.errors).toEqual([]);
      expect(result.summary).toEqual({
        rows: 3,
        created: 1,
        updated: 0,
        unchanged: 0,
        matched: 2,
        failed: 0,
        dryRun: false,
      });
      expect(await read(resource, byEmail.id)).toMatchObject({ name: `Stored ${tag} A`, version: 1 });
      expect(await read(resource, byPhone.id)).toMatchObject({ name: `Stored ${tag} B`, version: 1 });
      expect((await named(resource, tag)).map((r) => r.name).sort()).toEqual([
        `Row ${tag} 3`,
        `Stored ${tag} A`,
        `Stored ${tag} B`,
      ]);
    });

    it('updates the matched record with the filled cells (a new version and history entry), unchanged when nothing differs', async () => {
      const { admin } = kit.acme.users;
      const { tag, phone, phoneAgain } = fresh();
      const stored = await create(admin, resource, {
        name: `Stored ${tag}`,
        emails: [`bo.${tag}@dup.test`],
        phones: [phone],
      });
      // Matched by phone (written another way), with an email the record does not have yet.
      const first = await importCsv(
        admin,
        resource,
        csvOf([[`Renamed ${tag}`, `other.${tag}@dup.test`, phoneAgain]]),
        `?${map}&onDuplicate=update`,
      );
      expect(first.summary).toMatchObject({ rows: 1, created: 0, updated: 1, unchanged: 0, matched: 0, failed: 0 });
      const updated = await read(resource, stored.id);
      expect(updated).toMatchObject({ name: `Renamed ${tag}`, version: 2 });
      // The row's email is added to the record's own, not put in its place.
      expect(updated.emails).toEqual([`bo.${tag}@dup.test`, `other.${tag}@dup.test`]);
      const history = await kit.send(admin, 'GET', `/${resource}/${String(stored.id)}/history`);
      expect((history.body.items as Json[]).map((h) => h.action).sort()).toEqual(['create', 'update']);

      // The same row again, matched by email now: nothing to change.
      const again = await importCsv(
        admin,
        resource,
        csvOf([[`Renamed ${tag}`, `BO.${tag}@dup.test`, '']]),
        `?${map}&onDuplicate=update`,
      );
      expect(again.summary).toMatchObject({ rows: 1, created: 0, updated: 0, unchanged: 1, matched: 0, failed: 0 });
      expect(await read(resource, stored.id)).toMatchObject({ version: 2 });
    });

    it('creates the row anyway with onDuplicate=create', async () => {
      const { admin } = kit.acme.users;
      const { tag, phone } = fresh();
      const stored = await create(admin, resource, {
        name: `Stored ${tag}`,
        emails: [`cy.${tag}@dup.test`],
        phones: [phone],
      });
      const result = await importCsv(
        admin,
        resource,
        csvOf([
          [`Twin ${tag} 1`, `cy.${tag}@dup.test`, ''],
          [`Twin ${tag} 2`, '', phone],
        ]),
        `?${map}&onDuplicate=create`,
      );
      expect(result.summary).toMatchObject({ rows: 2, created: 2, updated: 0, matched: 0, failed: 0 });
      expect(await read(resource, stored.id)).toMatchObject({ name: `Stored ${tag}`, version: 1 });
      expect((await named(resource, tag)).length).toBe(3);
    });

    it('matches a row to the record an earlier row of the same file made', async () => {
      const { admin } = kit.acme.users;
      const { tag, phone, phoneAgain } = fresh();
      const rows: [string, string, string][] = [
        [`First ${tag}`, `di.${tag}@dup.test`, ''],
        [`Second ${tag}`, `DI.${tag}@dup.test`, ''],
        [`Third ${tag}`, '', phone],
        [`Fourth ${tag}`, '', phoneAgain],
      ];
      const skipped = await importCsv(admin, resource, csvOf(rows), `?${map}`);
      expect(skipped.summary).toMatchObject({ rows: 4, created: 2, updated: 0, matched: 2, failed: 0 });
      expect((await named(resource, tag)).map((r) => r.name).sort()).toEqual([`First ${tag}`, `Third ${tag}`]);

      // With update, a later row writes its cells onto the record the earlier row made (or found).
      const { tag: tag2, phone: phone2, phoneAgain: phoneAgain2 } = fresh();
      const updated = await importCsv(
        admin,
        resource,
        csvOf([
          [`First ${tag2}`, `ed.${tag2}@dup.test`, ''],
          [`Second ${tag2}`, `ed.${tag2}@dup.test`, phone2],
          [`Third ${tag2}`, '', phoneAgain2],
        ]),
        `?${map}&onDuplicate=update`,
      );
      expect(updated.summary).toMatchObject({ rows: 3, created: 1, updated: 2, matched: 0, failed: 0 });
      const [only] = await named(resource, tag2);
      expect(only).toMatchObject({ name: `Third ${tag2}`, emails: [`ed.${tag2}@dup.test`], version: 3 });
      expect((await named(resource, tag2)).length).toBe(1);
    });

    it('refuses a row with the email of one record and the phone of another, naming both, and writes the rest', async () => {
      const { admin } = kit.acme.users;
      const { tag, phone } = fresh();
      const one = await create(admin, resource, { name: `One ${tag}`, emails: [`fa.${tag}@dup.test`] });
      const other = await create(admin, resource, { name: `Other ${tag}`, phones: [phone] });
      for (const onDuplicate of ['skip', 'update']) {
        const result = await importCsv(
          admin,
          resource,
          csvOf([
            [`Both ${tag}`, `fa.${tag}@dup.test`, phone],
            [`Fine ${tag} ${onDuplicate}`, `fine.${onDuplicate}.${tag}@dup.test`, ''],
          ]),
          `?${map}&onDuplicate=${onDuplicate}`,
        );
        expect(result.summary).toMatchObject({ rows: 2, created: 1, updated: 0, matched: 0, failed: 1 });
        expect(result.errors).toHaveLength(1);
        const [error] = result.errors;
        expect(error).toMatchObject({ row: 2, status: 409, errors: [expect.objectContaining({ path: '(row)' })] });
        expect(error!.detail).toContain(String(one.id));
        expect(error!.detail).toContain(String(other.id));
      }
      expect(await read(resource, one.id)).toMatchObject({ name: `One ${tag}`, version: 1 });
      expect(await read(resource, other.id)).toMatchObject({ name: `Other ${tag}`, version: 1 });
    });

    it('matches and updates only records the importing rep can see', async () => {
      const { admin, rep } = kit.acme.users;
      const { tag, phone } = fresh();
      // The admin's own record, which the rep cannot see.
      const hidden = await create(admin, resource, {
        name: `Hidden ${tag}`,
        emails: [`gi.${tag}@dup.test`],
        phones: [phone],
        ownerId: admin.userId,
      });
      expect((await kit.send(rep, 'GET', `/${resource}/${String(hidden.id)}`)).status).toBe(404);
      const result = await importCsv(
        rep,
        resource,
        csvOf([[`Rep ${tag}`, `gi.${tag}@dup.test`, phone]]),
        `?${map}&onDuplicate=update`,
      );
      expect(result.summary).toMatchObject({ rows: 1, created: 1, updated: 0, matched: 0, failed: 0 });
      expect(await read(resource, hidden.id)).toMatchObject({ name: `Hidden ${tag}`, version: 1 });
      // The rep's own new record is theirs to match next time.
      const again = await importCsv(
        rep,
        resource,
        csvOf([[`Rep ${tag} again`, `gi.${tag}@dup.test`, '']]),
        `?${map}&onDuplicate=update`,
      );
      expect(again.summary).toMatchObject({ rows: 1, created: 0, updated: 1, failed: 0 });
      expect(await read(resource, hidden.id)).toMatchObject({ name: `Hidden ${tag}`, version: 1 });
    });

    it('changes nothing on a dry run, while counting what it would do', async () => {
      const { admin } = kit.acme.users;
      const { tag } = fresh();
      const stored = await create(admin, resource, { name: `Stored ${tag}`, emails: [`hu.${tag}@dup.test`] });
      const result = await importCsv(
        admin,
        resource,
        csvOf([
          [`Changed ${tag}`, `hu.${tag}@dup.test`, ''],
          [`New ${tag}`, `new.${tag}@dup.test`, ''],
        ]),
        `?${map}&onDuplicate=update&dryRun=true`,
      );
      expect(result.summary).toEqual({
        rows: 2,
        created: 1,
        updated: 1,
        unchanged: 0,
        matched: 0,
        failed: 0,
        dryRun: true,
      });
      expect(await read(resource, stored.id)).toMatchObject({ name: `Stored ${tag}`, version: 1 });
      expect((await named(resource, tag)).map((r) => r.name)).toEqual([`Stored ${tag}`]);
    });
  });

  it('refuses an unknown choice with a 400 on onDuplicate, and writes nothing', async () => {
    const { admin } = kit.acme.users;
    const { tag } = fresh();
    const result = await importCsv(admin, 'customers', csvOf([[`Never ${tag}`, '', '']]), `?${map}&onDuplicate=merge`);
    expect(result.status).toBe(400);
    expect(result.problem).toMatchObject({ errors: [expect.objectContaining({ path: 'onDuplicate' })] });
    expect(await named('customers', tag)).toEqual([]);
  });

  it('remembers the choice with a job, shows it, and applies it when the job runs', async () => {
    const { admin } = kit.acme.users;
    const { tag, phone, phoneAgain } = fresh();
    const stored = await create(admin, 'contacts', { name: `Stored ${tag}`, phones: [phone] });
    const start = async (query: string) => {
      const res = await kit.app.request(`/api/crm/imports/contacts/jobs?${map}${query}`, {
        method: 'POST',
        body: csvOf([[`Job ${tag}`, '', phoneAgain]]),
        headers: { 'x-test-user': admin.userId, 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(202);
      return (await res.json()) as Json;
    };
    const byDefault = await start('');
    expect(byDefault.onDuplicate).toBe('skip');
    const started = await start('&onDuplicate=update');
    expect(started.onDuplicate).toBe('update');
    const worker = new ImportWorker(Promise.resolve(get()), { leaseMs: 60_000, batchRows: 500 }, quiet);
    // Jobs run oldest first.
    expect(await worker.runOnce()).toBe(byDefault.id);
    expect(await worker.runOnce()).toBe(started.id);
    const skipped = (await kit.send(admin, 'GET', `/import-jobs/${String(byDefault.id)}`)).body;
    expect(skipped).toMatchObject({
      status: 'succeeded',
      onDuplicate: 'skip',
      summary: { matched: 1, updated: 0, created: 0 },
    });
    const done = (await kit.send(admin, 'GET', `/import-jobs/${String(started.id)}`)).body;
    expect(done).toMatchObject({
      status: 'succeeded',
      onDuplicate: 'update',
      summary: { updated: 1, matched: 0, created: 0 },
    });
    expect(await read('contacts', stored.id)).toMatchObject({ name: `Job ${tag}`, version: 2 });
  });
});
