import type { BulkResult, Problem } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { inOrg, readInOrg, type CrmDatabase, type Db, type Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { importJobErrors } from '../db/schema/index.js';
import { isMemberChange, toProblem } from '../http/db-errors.js';
import type { Caller, CallerVia, Role } from '../http/env.js';
import type { Logger } from '../http/logging.js';
import { ProblemError } from '../http/problem.js';
import { csvRows } from '../integration/csv.js';
import { customColumns, emptySummary, errorLine, rowItem, tally } from '../integration/import-rows.js';
import { upsertResources } from '../integration/upsert-routes.js';
import { CHUNK_SIZE, chunksOf, planOnce, writeChunk, type Item } from '../integration/writer.js';
import { json, type JobRow } from './jobs.js';

/** `createCrm({ imports })`: how this process runs import jobs. */
export interface ImportJobOptions {
  /** Run queued import jobs in this process (several processes may: they share the work). Default on. */
  runJobs?: boolean;
  /** How long a worker holds a job without committing a batch before another may take it over, in ms. Default 60000. */
  leaseMs?: number;
  /** How often to look for jobs while some are unfinished, in ms. Default 2000. */
  pollMs?: number;
  /**
   * Rows written (and committed) per batch. Default 500 on PostgreSQL; 100 on PGlite, which runs
   * one transaction at a time, so that requests are not held up long behind a batch.
   */
  batchRows?: number;
}

/**
 * Lets the event loop run (requests, timers) before the next batch. PGlite answers without I/O, so
 * a worker that went from batch to batch on promises alone would hold the process's (or the
 * browser tab's) event loop until the whole job was done.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Claims in a row without a committed batch after which a job is failed rather than tried again. */
const MAX_ATTEMPTS = 3;

/** Stops a batch whose job is no longer this worker's (cancelled, or taken over): its transaction rolls back. */
class JobLost extends Error {}

/** Rolls a dry run's batch back while keeping its results. */
class Discarded extends Error {
  constructor(readonly results: BulkResult[]) {
    super('discarded');
  }
}

/**
 * Claims the oldest job that is queued, or running under a lapsed lease (its worker died), in one
 * statement; `SKIP LOCKED` lets workers of several processes claim at once without taking the
 * same job. Runs as the kit's own role, across organizations, as the webhook worker does.
 */
async function claim(db: Db, token: string, leaseMs: number): Promise<JobRow | undefined> {
  const [row] = await rows<JobRow>(
    db,
    sql`update crm.import_jobs j
        set status = 'running', lease_token = ${token}, lease_until = now() + make_interval(secs => ${leaseMs / 1000}),
            attempts = j.attempts + 1, started_at = coalesce(j.started_at, now()), updated_at = now()
        from (select org_id, id from crm.import_jobs
              where status in ('queued', 'running') and (lease_until is null or lease_until < now())
              order by created_at limit 1
              for update skip locked) due
        where j.org_id = due.org_id and j.id = due.id
        returning j.*`,
  );
  return row;
}

/** Ends a job this worker holds: succeeded, failed (with why), or given back for another worker. */
async function finish(db: Db, job: JobRow, token: string, end: 'succeeded' | 'failed' | 'release', problem?: Problem) {
  await inOrg(db, { orgId: job.org_id }, (tx) =>
    tx.execute(
      end === 'release'
        ? sql`update crm.import_jobs set lease_until = null, lease_token = null, updated_at = now()
              where org_id = ${job.org_id} and id = ${job.id} and lease_token = ${token} and status = 'running'`
        : sql`update crm.import_jobs
              set status = ${end}, problem = ${problem ? JSON.stringify(problem) : null}::jsonb, finished_at = now(),
                  updated_at = now(), lease_until = null, lease_token = null
              where org_id = ${job.org_id} and id = ${job.id} and lease_token = ${token} and status = 'running'`,
    ),
  );
}

/** The job's stored file as text, a piece at a time, each read in a short transaction of its own. */
async function* fileText(db: Db, job: JobRow): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for (let seq = 0; ; seq++) {
    const [piece] = await readInOrg(db, { orgId: job.org_id }, (tx) =>
      rows<{ data: Uint8Array }>(
        tx,
        sql`select data from crm.import_job_chunks where org_id = ${job.org_id} and job_id = ${job.id} and seq = ${seq}`,
      ),
    );
    if (!piece) break;
    yield decoder.decode(piece.data, { stream: true });
  }
  yield decoder.decode();
}

export interface RunOptions {
  /** Test hook: return after this many committed batches, keeping the lease, as a process that died would. */
  dieAfterBatches?: number;
}

/**
 * Runs import jobs in this process: claims one, writes its rows in batches (each row as
 * the streamed import writes it, as the member who started the job), and commits each batch with
 * the job's progress and the batch's failed rows in one transaction, renewing its lease. A job
 * resumed after a restart skips the rows already committed; a cancelled or taken-over job's
 * batch in flight rolls back. The worker idles (no queries) while no job is unfinished, and wakes
 * when one is created or looked at.
 */
export class ImportWorker {
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #batchRows: number | undefined;
  #loop: Promise<void> | undefined;
  #stopping = false;

  constructor(
    private readonly database: Promise<CrmDatabase>,
    options: ImportJobOptions,
    private readonly logger: Logger,
  ) {
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#pollMs = options.pollMs ?? 2000;
    this.#batchRows = options.batchRows;
  }

  /** Looks for work unless already at it: a job was created, looked at, or the process started. */
  wake(): void {
    if (this.#loop || this.#stopping) return;
    this.#loop = this.#run().finally(() => (this.#loop = undefined));
  }

  /** Stops after the batch in flight and gives the job back, so another process resumes it at once. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#loop;
  }

  async #run(): Promise<void> {
    try {
      const { db } = await this.database;
      while (!this.#stopping) {
        if ((await this.runOnce()) !== undefined) continue;
        // Nothing to claim: wait while another process's jobs are unfinished (to take over if it dies).
        const [open] = await rows(db, sql`select 1 from crm.import_jobs where status in ('queued', 'running') limit 1`);
        if (!open) return;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#pollMs);
          (timer as { unref?: () => void }).unref?.();
        });
      }
    } catch (error) {
      // The next wake (a job created or looked at, a restart) tries again.
      this.logger.error({ err: error }, 'import jobs stopped');
    }
  }

  /** Claims one job and runs it; resolves to its id, or undefined when none was due. Tests call it. */
  async runOnce(options: RunOptions = {}): Promise<string | undefined> {
    const { db, kind } = await this.database;
    const token = uuidv7();
    const job = await claim(db, token, this.#leaseMs);
    if (!job) return undefined;
    if (job.attempts > MAX_ATTEMPTS) {
      await finish(db, job, token, 'failed', {
        type: 'about:blank',
        title: 'Internal error',
        status: 500,
        detail: `The import stopped ${MAX_ATTEMPTS} times at row ${job.rows_done} and was given up.`,
      });
      return job.id;
    }
    try {
      const batchRows = this.#batchRows ?? (kind === 'pglite' ? 100 : CHUNK_SIZE);
      const end = await this.#runJob(db, job, token, { ...options, batchRows });
      if (end !== 'lost') await finish(db, job, token, end);
    } catch (error) {
      const problem = isMemberChange(error)
        ? new ProblemError(403, 'The member who started the import is no longer active with the role they had.')
        : toProblem(error);
      if (problem instanceof ProblemError) {
        await finish(db, job, token, 'failed', problem.problem);
      } else {
        // The database away, a bug: let another attempt resume from the last committed batch.
        this.logger.error({ err: error, importJob: job.id }, 'import job batch failed');
        await finish(db, job, token, 'release').catch(() => {});
      }
    }
    return job.id;
  }

  async #runJob(
    db: Db,
    job: JobRow,
    token: string,
    options: RunOptions & { batchRows: number },
  ): Promise<'succeeded' | 'release' | 'lost'> {
    const resource = upsertResources.find((r) => r.path === job.resource)!;
    const caller: Caller = {
      orgId: job.org_id,
      userId: job.created_by,
      role: job.role as Role,
      via: job.via as CallerVia,
    };
    const headers = json(job.headers);
    const columns = json(job.columns);
    const custom = await customColumns(db, caller, resource);
    const gone = columns.find((f) => f?.startsWith('customFields.') && !custom.has(f.slice(13)));
    if (gone) throw new ProblemError(409, `The custom field of a column (${gone}) was deleted.`);
    const rowsAtStart = job.rows_done;
    const started = performance.now();
    const cells = new Map<number, string[]>();
    const items = async function* (): AsyncGenerator<Item> {
      let index = 0;
      const parsed = csvRows(fileText(db, job));
      await parsed.next(); // the header row
      for await (const row of parsed) {
        // Rows committed before a restart are read past, not written again.
        if (index >= rowsAtStart) {
          cells.set(index, row);
          yield rowItem(
            resource,
            columns,
            custom,
            row,
            index,
            { source: job.source, onDuplicate: job.on_duplicate },
            headers.length,
          );
        }
        index++;
      }
    };
    let done = rowsAtStart;
    let batches = 0;
    for await (const chunk of chunksOf(items(), options.batchRows)) {
      await yieldToEventLoop();
      if (this.#stopping) return 'release';
      const write = async (tx: Tx) => {
        await planOnce(tx);
        return writeChunk(tx, caller, chunk);
      };
      // A dry run's writes roll back in a transaction of their own; its report commits after.
      const dryResults = job.dry_run
        ? await inOrg(db, caller, async (tx) => {
            throw new Discarded(await write(tx));
          }).catch((error: unknown) => {
            if (error instanceof Discarded) return error.results;
            throw error;
          })
        : undefined;
      const committed = await inOrg(db, caller, async (tx) => {
        const results = dryResults ?? (await write(tx));
        const counts = emptySummary(job.dry_run);
        const failures = results.filter((result) => tally(counts, result));
        if (failures.length) {
          await tx.insert(importJobErrors).values(
            failures.map((result) => ({
              orgId: job.org_id,
              jobId: job.id,
              row: result.index + 2,
              error: errorLine(result, headers, cells.get(result.index) ?? []),
            })),
          );
        }
        const seconds = Math.max((performance.now() - started) / 1000, 0.001);
        const rate = (done + counts.rows - rowsAtStart) / seconds;
        // Only while the job is still this worker's and at the row this batch starts from.
        const [mine] = await rows(
          tx,
          sql`update crm.import_jobs
              set rows_done = rows_done + ${counts.rows}, created = created + ${counts.created},
                  updated = updated + ${counts.updated}, unchanged = unchanged + ${counts.unchanged},
                  matched = matched + ${counts.matched}, failed = failed + ${counts.failed},
                  rows_per_second = ${rate}, attempts = 0, updated_at = now(),
                  lease_until = now() + make_interval(secs => ${this.#leaseMs / 1000})
              where org_id = ${job.org_id} and id = ${job.id} and lease_token = ${token}
                and status = 'running' and rows_done = ${done}
              returning id`,
        );
        if (!mine) throw new JobLost();
        return counts.rows;
      }).catch((error: unknown) => {
        if (error instanceof JobLost) return undefined;
        throw error;
      });
      if (committed === undefined) return 'lost';
      for (const key of chunk.map((item) => ('operation' in item ? item.operation.index : item.refused.index))) {
        cells.delete(key);
      }
      done += committed;
      if (options.dieAfterBatches !== undefined && ++batches >= options.dieAfterBatches) return 'lost';
    }
    return 'succeeded';
  }
}
