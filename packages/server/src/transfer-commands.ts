// `crmkit import` and `crmkit export`: the kit's CSV routes run in this process against the
// database, acting as a member of the organization (its first owner unless --as names one).
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { and, asc, eq, isNull } from 'drizzle-orm';
import Papa from 'papaparse';
import type { ImportJob } from '@crmkit/core';
import { findOrganization } from './admin.js';
import { createCrm } from './app.js';
import { inOrg, type CrmDatabase } from './db/database.js';
import { users } from './db/schema/index.js';
import type { Caller } from './http/env.js';

export const TRANSFER_USAGE = `  import RESOURCE FILE.csv --org SLUG [--source SYSTEM] [--map 'Header:field,…'] [--dry-run]
                          [--on-duplicate skip|update|create] [--errors ERRORS.csv] [--as EMAIL] [--job]
                          import a UTF-8 CSV into customers, contacts, leads, opportunities,
                          orders, activities or cases; with --source, rows are upserted by their
                          externalId column; a row with the email or phone of a customer, contact
                          or lead is skipped (default), updates it, or is created anyway, as
                          --on-duplicate says; failed rows go to --errors with the reasons;
                          --job stores the file as an import job and runs it (Ctrl-C cancels it;
                          a job cut short by a crash is resumed by any kit process)
  import --follow JOB_ID --org SLUG [--errors ERRORS.csv] [--as EMAIL]
                          follow an import job started elsewhere (the Integrations page, another
                          process) to its end, with the same progress bar; Ctrl-C stops following,
                          not the job
  export RESOURCE --org SLUG [--query 'tag=vip&sort=name'] [--out FILE.csv] [--as EMAIL]
                          export a list with its filters as CSV (to standard output by default)`;

/** The member a command acts as: the one with this email, else the organization's first owner. */
async function actingMember(database: CrmDatabase, org: string, email: string | undefined): Promise<Caller> {
  const { id: orgId } = await findOrganization(database.db, org);
  const [member] = await inOrg(database.db, { orgId }, (tx) =>
    tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(
        and(
          eq(users.orgId, orgId),
          eq(users.active, true),
          isNull(users.deletedAt),
          email ? eq(users.email, email) : eq(users.role, 'owner'),
        ),
      )
      .orderBy(asc(users.createdAt))
      .limit(1),
  );
  if (!member) throw new Error(email ? `No active member ${email} in ${org}.` : `${org} has no active owner.`);
  return { orgId, userId: member.id, role: member.role, via: 'host' } as Caller;
}

/** Runs `crmkit import|export …`; answers the exit code. */
export async function runTransferCommand(database: CrmDatabase, argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      source: { type: 'string' },
      map: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'on-duplicate': { type: 'string' },
      errors: { type: 'string' },
      query: { type: 'string' },
      out: { type: 'string' },
      as: { type: 'string' },
      job: { type: 'boolean' },
      follow: { type: 'string' },
    },
  });
  const [command, resource, file] = positionals;
  const following = command === 'import' && values.follow !== undefined;
  if (!values.org || (!following && (!resource || (command === 'import' && !file)))) {
    console.error(`Usage:\n${TRANSFER_USAGE}`);
    return 1;
  }
  const caller = await actingMember(database, values.org, values.as);
  const crm = createCrm({ database, identify: () => caller });
  const send = (path: string, init?: RequestInit) => crm.request(path, init);
  if (following) {
    const res = await send(`/import-jobs/${encodeURIComponent(values.follow!)}`);
    if (!res.ok) return failed(await res.text());
    return followJob(send, (await res.json()) as ImportJob, values.errors, { cancelOnInterrupt: false });
  }
  if (command === 'export') {
    const res = await send(`/exports/${resource}?${values.query ?? ''}`);
    if (!res.ok || !res.body) return failed(await res.text());
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) out.write(chunk);
    if (values.out) await new Promise((done) => (out as ReturnType<typeof createWriteStream>).end(done));
    return 0;
  }
  const query = new URLSearchParams();
  if (values.source) query.set('source', values.source);
  if (values.map) query.set('map', values.map);
  if (values['dry-run']) query.set('dryRun', 'true');
  // Checked by the route, whose 400 names the choices.
  if (values['on-duplicate']) query.set('onDuplicate', values['on-duplicate']);
  if (values.job) return importAsJob(send, `/imports/${resource}/jobs?${query}`, file!, values.errors);
  const res = await send(`/imports/${resource}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(file!)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  if (!res.ok || !res.body) return failed(await res.text());
  return report(res.body, statSync(file!).size, values.errors);
}

function failed(problem: string): number {
  console.error(problem);
  return 1;
}

/** Follows an import's answer: a progress bar by bytes read, failed rows to the error file, the summary. */
async function report(body: ReadableStream<Uint8Array>, size: number, errorsFile: string | undefined): Promise<number> {
  const bar = new SingleBar(
    {
      format: 'Importing [{bar}] {percentage}% | {rows} rows | {rps} rows/s | {duration_formatted}',
      noTTYOutput: true,
    },
    Presets.shades_classic,
  );
  bar.start(size, 0, { rows: 0, rps: 0 });
  const started = performance.now();
  const errors = errorsFile ? createWriteStream(errorsFile) : undefined;
  let wroteHeader = false;
  let outcome = 0;
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, end)) as Record<string, unknown>;
      buffer = buffer.slice(end + 1);
      if ('progress' in line) {
        const { rows, bytes } = line.progress as { rows: number; bytes: number };
        bar.update(bytes, { rows, rps: Math.round(rows / ((performance.now() - started) / 1000)) });
      } else if ('row' in line && errors) {
        const cells = line.cells as Record<string, string>;
        if (!wroteHeader) errors.write(Papa.unparse([['row', 'error', ...Object.keys(cells)]]) + '\r\n');
        wroteHeader = true;
        const why = (line.errors as { path: string; message: string }[] | undefined)?.map(
          (e) => `${e.path}: ${e.message}`,
        );
        const reason = why?.join('; ') ?? (line.detail as string | undefined) ?? `status ${line.status as number}`;
        errors.write(Papa.unparse([[line.row, reason, ...Object.values(cells)]], { escapeFormulae: true }) + '\r\n');
      } else if ('summary' in line) {
        bar.update(size);
        bar.stop();
        console.log(JSON.stringify(line.summary));
        if ('problem' in line) outcome = failed(JSON.stringify(line.problem));
        else if ((line.summary as { failed: number }).failed) outcome = 2;
      }
    }
  }
  if (errors) await new Promise((done) => errors.end(done));
  return outcome;
}

type Send = (path: string, init?: RequestInit) => Response | Promise<Response>;

/**
 * `import --job`: stores the file as an import job, which the kit's worker in this process runs,
 * and follows it (see {@link followJob}); Ctrl-C cancels the job (the batches committed stay).
 */
async function importAsJob(send: Send, path: string, file: string, errorsFile: string | undefined): Promise<number> {
  const res = await send(path, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-file-name': file.split(/[\\/]/).pop()! },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  if (res.status !== 202) return failed(await res.text());
  return followJob(send, (await res.json()) as ImportJob, errorsFile, { cancelOnInterrupt: true });
}

/**
 * Follows an import job to its end with a progress bar (rows, percent, rows per second as the job
 * reports them), then prints its summary and writes its failed rows to the error file. Ctrl-C
 * cancels the job when this command started it, and only stops following one started elsewhere.
 */
async function followJob(
  send: Send,
  started: ImportJob,
  errorsFile: string | undefined,
  { cancelOnInterrupt }: { cancelOnInterrupt: boolean },
): Promise<number> {
  let job = started;
  console.log(`Import job ${job.id}: ${job.rowsTotal} rows`);
  const bar = new SingleBar(
    { format: 'Importing [{bar}] {percentage}% | {value}/{total} rows | {rps} rows/s', noTTYOutput: true },
    Presets.shades_classic,
  );
  bar.start(job.rowsTotal, job.summary.rows, { rps: job.rowsPerSecond });
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    if (cancelOnInterrupt) void send(`/import-jobs/${job.id}/cancel`, { method: 'POST' });
  };
  process.once('SIGINT', interrupt);
  try {
    while ((job.status === 'queued' || job.status === 'running') && !(interrupted && !cancelOnInterrupt)) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = (await (await send(`/import-jobs/${job.id}`)).json()) as ImportJob;
      bar.update(job.summary.rows, { rps: job.rowsPerSecond });
    }
  } finally {
    process.off('SIGINT', interrupt);
    bar.stop();
  }
  console.log(JSON.stringify({ status: job.status, ...job.summary }));
  if (errorsFile && job.summary.failed) {
    const report = await send(`/import-jobs/${job.id}/errors?format=csv`);
    const out = createWriteStream(errorsFile);
    for await (const chunk of report.body as unknown as AsyncIterable<Uint8Array>) out.write(chunk);
    await new Promise((done) => out.end(done));
  }
  if (job.status !== 'succeeded') return failed(JSON.stringify(job.problem ?? { status: job.status }));
  return job.summary.failed ? 2 : 0;
}
