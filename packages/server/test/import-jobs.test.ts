import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import type { Logger } from '../src/http/logging.js';
import { deleteExpiredImportFiles } from '../src/imports/retention.js';
import { ImportWorker } from '../src/imports/worker.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

const quiet: Logger = { info() {}, warn() {}, error() {} };

/** CSV imports as stored jobs: `POST /imports/{resource}/jobs`, the worker, progress, cancel, the error report. */
describe.each(testDatabases())('import jobs on $name', ({ get }) => {
  let kit: TestKit;
  const run = Date.now().toString(36);
  // The kit runs no jobs itself: each test drives a worker of its own, as another process would.
  const worker = () => new ImportWorker(Promise.resolve(get()), { leaseMs: 60_000, batchRows: 500 }, quiet);

  const startJob = async (who: Member, resource: string, csv: string | Uint8Array, query = '') => {
    const res = await kit.app.request(`/api/crm/imports/${resource}/jobs${query}`, {
      method: 'POST',
      body: csv as BodyInit,
      headers: { 'x-test-user': who.userId, 'content-type': 'text/csv' },
    });
    return { status: res.status, body: (await res.json()) as Json, location: res.headers.get('location') };
  };
  const job = async (who: Member, id: string) => (await kit.send(who, 'GET', `/import-jobs/${id}`)).body;
  const customersNamed = async (prefix: string) =>
    rows<{ name: string; n: number }>(
      get().db,
      sql`select name, count(*)::int as n from crm.customers
          where org_id = ${kit.acme.id} and name like ${prefix + '%'} and deleted_at is null group by name`,
    );
  /** A CSV of `count` customers; every hundredth row (from the eighth) has no name and a bad size. */
  const customersCsv = (tag: string, count: number) => {
    const lines = Array.from({ length: count }, (_, i) =>
      i % 100 === 7 ? `${tag}-${i},,x${i}@jobs.test,huge` : `${tag}-${i},${tag} ${i},c${i}@jobs.test,1-10`,
    );
    return `\uFEFFShop ID,Company,E-mail,Size\r\n${lines.join('\r\n')}\r\n`;
  };
  const mapping = '?source=shop&map=' + encodeURIComponent('Shop ID:externalId,Company:name,E-mail:emails,Size:size');

  beforeAll(async () => {
    kit = await createTestKit(get(), { imports: { runJobs: false } });
  });

  it('stores the file and answers 202 with the queued job, then the worker reports exactly the bad rows', async () => {
    const { admin } = kit.acme.users;
    const tag = `full-${run}`;
    const started = await startJob(admin, 'customers', customersCsv(tag, 1200), mapping);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      resource: 'customers',
      status: 'queued',
      rowsTotal: 1200,
      percent: 0,
      headers: ['Shop ID', 'Company', 'E-mail', 'Size'],
      columns: ['externalId', 'name', 'emails', 'size'],
      summary: { rows: 0, failed: 0 },
    });
    expect(started.location).toBe(`/api/crm/import-jobs/${started.body.id as string}`);
    // Nothing is written before a worker runs it.
    expect(await customersNamed(tag)).toEqual([]);

    expect(await worker().runOnce()).toBe(started.body.id);
    const done = await job(admin, started.body.id as string);
    expect(done).toMatchObject({
      status: 'succeeded',
      percent: 100,
      summary: { rows: 1200, created: 1188, updated: 0, unchanged: 0, matched: 0, failed: 12, dryRun: false },
      problem: null,
    });
    expect(done.rowsPerSecond).toBeGreaterThan(0);
    expect(done.finishedAt).toEqual(expect.any(String));
    expect((await customersNamed(tag)).length).toBe(1188);

    const errors = await kit.send(admin, 'GET', `/import-jobs/${started.body.id as string}/errors?limit=1000`);
    const failed = (errors.body.items as Json[]).map((e) => e.row);
    expect(failed).toEqual(Array.from({ length: 12 }, (_, k) => k * 100 + 7 + 2));
    expect((errors.body.items as Json[])[0]).toMatchObject({
      status: 400,
      cells: { 'Shop ID': `${tag}-7`, Company: '', Size: 'huge' },
      errors: [expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'size' })],
    });
    // Paged by line.
    const first = await kit.send(admin, 'GET', `/import-jobs/${started.body.id as string}/errors?limit=10`);
    expect((first.body.items as Json[]).length).toBe(10);
    const next = await kit.send(
      admin,
      'GET',
      `/import-jobs/${started.body.id as string}/errors?limit=10&cursor=${first.body.nextCursor as string}`,
    );
    expect((next.body.items as Json[])[0]!.row).toBe(1009);

    const csv = await kit.request(admin, 'GET', `/import-jobs/${started.body.id as string}/errors?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte-order mark, for spreadsheets
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('row,reasons,Shop ID,Company,E-mail,Size');
    expect(lines.length).toBe(13);
    expect(lines[1]).toMatch(new RegExp(`^9,"?name: .*,${tag}-7,,x7@jobs.test,huge$`));
  }, 90_000);

  it("deletes a finished job's file once its days are up, keeping its summary and error report", async () => {
    const { admin } = kit.acme.users;
    const chunks = async (id: string) =>
      (
        await rows<{ n: number }>(
          get().db,
          sql`select count(*)::int as n from crm.import_job_chunks where org_id = ${kit.acme.id} and job_id = ${id}`,
        )
      )[0]!.n;
    const old = await startJob(admin, 'customers', customersCsv(`old-${run}`, 150), mapping);
    const recent = await startJob(admin, 'customers', customersCsv(`recent-${run}`, 150), mapping);
    const queued = await startJob(admin, 'customers', customersCsv(`queued-${run}`, 150), mapping);
    const [oldId, recentId, queuedId] = [old, recent, queued].map((started) => started.body.id as string) as [
      string,
      string,
      string,
    ];
    await worker().runOnce();
    await worker().runOnce();
    // The first ended 31 days ago, the second a day ago; the third never ran.
    await get().db.execute(sql`update crm.import_jobs set finished_at = now() - interval '31 days'
      where org_id = ${kit.acme.id} and id = ${oldId}`);
    await get().db.execute(sql`update crm.import_jobs set finished_at = now() - interval '1 day'
      where org_id = ${kit.acme.id} and id = ${recentId}`);
    expect(await chunks(oldId)).toBeGreaterThan(0);

    expect(await deleteExpiredImportFiles(get().db, { keepDays: 30 })).toEqual({ jobs: 1 });
    expect([await chunks(oldId), (await chunks(recentId)) > 0, (await chunks(queuedId)) > 0]).toEqual([0, true, true]);
    expect(await job(admin, oldId)).toMatchObject({ status: 'succeeded', summary: { rows: 150, failed: 2 } });
    const errors = await kit.send(admin, 'GET', `/import-jobs/${oldId}/errors`);
    expect((errors.body.items as Json[]).map((e) => e.row)).toEqual([9, 109]);
    // Nothing is left to delete.
    expect(await deleteExpiredImportFiles(get().db, { keepDays: 30 })).toEqual({ jobs: 0 });
    // (The queued job is cancelled, so that the next tests' workers take their own.)
    expect((await kit.send(admin, 'POST', `/import-jobs/${queuedId}/cancel`)).status).toBe(200);
  });

  it('resumes a job whose worker died at the last committed batch, and writes each row once', async () => {
    const { admin } = kit.acme.users;
    const tag = `resume-${run}`;
    const { body } = await startJob(admin, 'customers', customersCsv(tag, 1200), mapping);
    const id = body.id as string;
    // The first worker commits two batches, then its process "dies" holding the lease.
    expect(await worker().runOnce({ dieAfterBatches: 2 })).toBe(id);
    expect(await job(admin, id)).toMatchObject({ status: 'running', summary: { rows: 1000 }, percent: 83.3 });
    // Another worker leaves the job alone while the lease holds…
    expect(await worker().runOnce()).toBeUndefined();
    // …and takes it over once the lease has lapsed.
    await get().db.execute(sql`update crm.import_jobs set lease_until = now() - interval '1 second' where id = ${id}`);
    expect(await worker().runOnce()).toBe(id);
    expect(await job(admin, id)).toMatchObject({
      status: 'succeeded',
      summary: { rows: 1200, created: 1188, failed: 12 },
    });
    const written = await customersNamed(tag);
    expect(written.length).toBe(1188);
    expect(written.every((r) => r.n === 1)).toBe(true);
    const errors = await kit.send(admin, 'GET', `/import-jobs/${id}/errors?limit=100`);
    expect((errors.body.items as Json[]).map((e) => e.row)).toEqual(Array.from({ length: 12 }, (_, k) => k * 100 + 9));
  }, 90_000);

  it('cancels a queued job before it starts, and a running one at its next batch', async () => {
    const { admin } = kit.acme.users;
    const queued = await startJob(admin, 'customers', customersCsv(`cq-${run}`, 10), mapping);
    const cancelled = await kit.send(admin, 'POST', `/import-jobs/${queued.body.id as string}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', summary: { rows: 0 } });
    expect(await worker().runOnce()).toBeUndefined();
    expect(await customersNamed(`cq-${run}`)).toEqual([]);
    expect((await kit.send(admin, 'POST', `/import-jobs/${queued.body.id as string}/cancel`)).status).toBe(409);

    const tag = `cr-${run}`;
    const running = await startJob(admin, 'customers', customersCsv(tag, 1000), mapping);
    const id = running.body.id as string;
    await worker().runOnce({ dieAfterBatches: 1 });
    expect((await kit.send(admin, 'POST', `/import-jobs/${id}/cancel`)).body).toMatchObject({
      status: 'cancelled',
      summary: { rows: 500 },
    });
    await get().db.execute(sql`update crm.import_jobs set lease_until = now() - interval '1 second' where id = ${id}`);
    expect(await worker().runOnce()).toBeUndefined();
    expect((await customersNamed(tag)).length).toBe(495);
  }, 90_000);

  it('keeps the batches committed before a cancel, and nothing of the batch in flight', async () => {
    const { admin } = kit.acme.users;
    const tag = `cf-${run}`;
    const { body } = await startJob(admin, 'customers', customersCsv(tag, 600), mapping);
    const id = body.id as string;
    // Cancelled between the claim and the first batch's commit: the batch finds the job no longer its own.
    const claimed = worker().runOnce();
    await kit.send(admin, 'POST', `/import-jobs/${id}/cancel`);
    await claimed;
    const after = await job(admin, id);
    expect(after.status).toBe('cancelled');
    const written = (await customersNamed(tag)).length;
    expect(written).toBe(Math.round(((after.summary as Json).rows as number) * 0.99));
  });

  it('dry-runs a job: every row checked, the failed ones reported, nothing written', async () => {
    const { admin } = kit.acme.users;
    const tag = `dry-${run}`;
    const { body } = await startJob(admin, 'customers', customersCsv(tag, 300), mapping + '&dryRun=true');
    expect(body).toMatchObject({ dryRun: true });
    await worker().runOnce();
    expect(await job(admin, body.id as string)).toMatchObject({
      status: 'succeeded',
      summary: { rows: 300, created: 297, failed: 3, dryRun: true },
    });
    expect(await customersNamed(tag)).toEqual([]);
  });

  it("keeps each organization's jobs to itself, and each member to the jobs they may see", async () => {
    const { admin, rep, viewer } = kit.acme.users;
    const { body } = await startJob(admin, 'customers', customersCsv(`vis-${run}`, 5), mapping);
    const id = body.id as string;
    await kit.send(admin, 'POST', `/import-jobs/${id}/cancel`);
    const other = kit.globex.users.owner;
    expect((await kit.send(other, 'GET', `/import-jobs/${id}`)).status).toBe(404);
    expect((await kit.send(other, 'POST', `/import-jobs/${id}/cancel`)).status).toBe(404);
    expect((await kit.send(other, 'GET', `/import-jobs/${id}/errors`)).status).toBe(404);
    expect(((await kit.send(other, 'GET', '/import-jobs')).body.items as Json[]).map((j) => j.id)).not.toContain(id);
    // A rep sees the jobs they started, not an admin's.
    expect((await kit.send(rep, 'GET', `/import-jobs/${id}`)).status).toBe(404);
    const own = await startJob(rep, 'customers', customersCsv(`rep-${run}`, 3), mapping);
    const list = (await kit.send(rep, 'GET', '/import-jobs?resource=customers')).body.items as Json[];
    expect(list.map((j) => j.id)).toEqual([own.body.id]);
    await kit.send(rep, 'POST', `/import-jobs/${own.body.id as string}/cancel`);
    expect(((await kit.send(admin, 'GET', '/import-jobs?limit=100')).body.items as Json[]).map((j) => j.id)).toEqual(
      expect.arrayContaining([id, own.body.id]),
    );
    // Viewers import nothing.
    expect((await startJob(viewer, 'customers', customersCsv(`v-${run}`, 3), mapping)).status).toBe(403);
    expect((await kit.send(admin, 'GET', '/import-jobs/not-an-id')).status).toBe(400);
    expect((await kit.send(admin, 'GET', '/import-jobs?status=paused')).body.errors).toEqual([
      expect.objectContaining({ path: 'status' }),
    ]);
  });

  it('refuses hostile files with a clear 400 or 413 and stores nothing', async () => {
    const { admin } = kit.acme.users;
    const count = async () =>
      (
        await rows<{ n: number }>(
          get().db,
          sql`select count(*)::int as n from crm.import_jobs where org_id = ${kit.acme.id}`,
        )
      )[0]!.n;
    const before = await count();
    const big5 = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xa4, 0xa4, 0xa4, 0xe5, 0x0a]); // "name\n中文" in Big5
    const refusals: [string | Uint8Array, string, number, RegExp][] = [
      [big5, '', 400, /not UTF-8/],
      ['name\r\n', '', 400, /no rows/],
      ['', '', 400, /empty/],
      [`name\n${'a,'.repeat(1_000_000)}a\n`, '', 400, /more than 500 columns/],
      [`name,notes\n"Acme,"open quote\nnext\n`, '', 400, /malformed|longer/],
    ];
    for (const [csv, query, status, detail] of refusals) {
      const res = await startJob(admin, 'customers', csv, query);
      expect(res.status).toBe(status);
      expect(res.body.detail).toMatch(detail);
    }
    const mapped = await startJob(admin, 'customers', 'Company,Colour\nAcme,red\n', '?map=Company:name,Colour:hue');
    expect(mapped.status).toBe(400);
    expect(mapped.body.errors).toEqual([expect.objectContaining({ path: 'map.Colour', code: 'unknown_field' })]);
    const listed = await startJob(admin, 'customers', 'Company,Colour\nAcme,red\n', '?columns=["name","name"]');
    expect(listed.body.errors).toEqual([expect.objectContaining({ path: 'columns.1', code: 'invalid_value' })]);
    const both = await startJob(admin, 'customers', 'Company\nAcme\n', '?columns=["name"]&map=Company:name');
    expect(both.body.errors).toEqual([expect.objectContaining({ path: 'columns' })]);
    expect((await startJob(admin, 'widgets', 'name\nx\n')).status).toBe(400);
    expect(await count()).toBe(before);

    const small = await createTestKit(get(), { imports: { runJobs: false }, maxBulkBytes: 1000 });
    const res = await small.app.request('/api/crm/imports/customers/jobs', {
      method: 'POST',
      body: `name\n${'x'.repeat(2000)}\n`,
      headers: { 'x-test-user': small.acme.users.admin.userId, 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(413);
  });

  it('fails a job, never leaves it stuck, when its member may no longer write', async () => {
    const { rep2 } = kit.acme.users;
    const { body } = await startJob(rep2, 'customers', customersCsv(`gone-${run}`, 20), mapping);
    await get().db.execute(sql`update crm.users set active = false where id = ${rep2.userId}`);
    try {
      await worker().runOnce();
      const [row] = await rows<{ status: string; problem: Json }>(
        get().db,
        sql`select status, problem from crm.import_jobs where id = ${body.id as string}`,
      );
      expect(row).toMatchObject({ status: 'failed', problem: { status: 403 } });
      expect(await customersNamed(`gone-${run}`)).toEqual([]);
    } finally {
      await get().db.execute(sql`update crm.users set active = true where id = ${rep2.userId}`);
    }
  });

  it('remembers the mapping of a header row for the next preview', async () => {
    const { admin } = kit.acme.users;
    const header = `Kundenname ${run},Mail,Notiz`;
    const preview = async () => {
      const res = await kit.app.request('/api/crm/imports/customers/preview', {
        method: 'POST',
        body: `${header}\nAcme,a@acme.test,x\n`,
        headers: { 'x-test-user': admin.userId, 'content-type': 'text/csv' },
      });
      return (await res.json()) as Json;
    };
    expect(await preview()).toMatchObject({ map: [null, null, null], remembered: false });
    const columns = encodeURIComponent(JSON.stringify(['name', 'emails', null]));
    const started = await startJob(admin, 'customers', `${header}\nAcme ${run},a@acme.test,x\n`, `?columns=${columns}`);
    expect(started.status).toBe(202);
    await kit.send(admin, 'POST', `/import-jobs/${started.body.id as string}/cancel`);
    expect(await preview()).toMatchObject({ map: ['name', 'emails', null], remembered: true });
    // Per organization: another one's preview of the same header suggests nothing.
    const res = await kit.app.request('/api/crm/imports/customers/preview', {
      method: 'POST',
      body: `${header}\nAcme,a@acme.test,x\n`,
      headers: { 'x-test-user': kit.globex.users.admin.userId, 'content-type': 'text/csv' },
    });
    expect(await res.json()).toMatchObject({ remembered: false });
  });

  it('runs jobs in the kit process by itself, woken by the upload', async () => {
    const auto = await createTestKit(get(), { imports: { pollMs: 50 } });
    try {
      const { admin } = auto.acme.users;
      const res = await auto.app.request(`/api/crm/imports/customers/jobs${mapping}`, {
        method: 'POST',
        body: customersCsv(`auto-${run}`, 600),
        headers: { 'x-test-user': admin.userId, 'content-type': 'text/csv' },
      });
      const { id } = (await res.json()) as { id: string };
      let status = 'queued';
      for (let i = 0; i < 200 && !['succeeded', 'failed'].includes(status); i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = String((await auto.send(admin, 'GET', `/import-jobs/${id}`)).body.status);
      }
      expect(status).toBe('succeeded');
    } finally {
      await auto.shutdown();
    }
  });
});
