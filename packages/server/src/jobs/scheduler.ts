import type { CrmDatabase } from '../db/database.js';
import type { Logger } from '../http/logging.js';
import { takeForecastSnapshots } from '../forecast/take-snapshots.js';
import { deleteExpiredImportFiles, IMPORT_FILE_DAYS } from '../imports/retention.js';
import { reassignUntouchedLeads } from '../leads/reassign.js';

/** `createCrm({ jobs })`: the kit's scheduled jobs in this process. */
export interface JobOptions {
  /**
   * How often to run the jobs, in ms: re-assign leads left untouched (assignment rules'
   * `reassignAfterHours`), take the week's forecast snapshots where missing, and delete the
   * files of import jobs that ended more than `importFileDays` ago;
   * `false` turns it off (e.g. a host that runs `crmkit jobs run-once` from cron instead).
   * Default 60000 on Node; off on other runtimes (a browser on PGlite, a worker that sleeps).
   */
  reassignEveryMs?: number | false;
  /**
   * Days a finished import job keeps its file (its summary and error report stay); default 30.
   * `crmkit jobs run-once` keeps the default.
   */
  importFileDays?: number;
}

/** Whether this is Node (or a runtime that acts like it, with long-lived processes). */
const onNode = () => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * Runs the kit's jobs on a timer. Each run reads what is due from the database, so nothing is
 * lost when the process stops, and runs from several processes share the work (see
 * `reassignUntouchedLeads`): any number of processes may schedule them. One run at a time per
 * process: the next is timed from the end of the last, and the timer never holds the process open.
 */
export class JobScheduler {
  readonly #everyMs: number | undefined;
  readonly #importFileDays: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly database: Promise<CrmDatabase>,
    options: JobOptions | false | undefined,
    private readonly logger: Logger,
  ) {
    const every = options === false ? false : (options?.reassignEveryMs ?? (onNode() ? 60_000 : false));
    this.#everyMs = every === false ? undefined : Math.max(1000, every);
    this.#importFileDays = Math.max(0, (options === false ? undefined : options?.importFileDays) ?? IMPORT_FILE_DAYS);
  }

  /** Whether a job is scheduled in this process. */
  get enabled(): boolean {
    return this.#everyMs !== undefined;
  }

  start(): void {
    if (this.enabled && !this.#stopped && !this.#timer) this.#schedule();
  }

  /** No further runs; waits for a run in progress (one batch transaction at a time, each short). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.#run().finally(() => {
        this.#running = undefined;
        if (!this.#stopped) this.#schedule();
      });
    }, this.#everyMs);
    // A host's process ends when its own work does: a pending run is no reason to stay.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async #run(): Promise<void> {
    try {
      const { db } = await this.database;
      const result = await reassignUntouchedLeads(db);
      if (result.reassigned > 0) this.logger.info({ job: 'reassign', ...result }, 'leads re-assigned');
      const snapshots = await takeForecastSnapshots(db);
      if (snapshots.taken > 0)
        this.logger.info({ job: 'forecast-snapshots', ...snapshots }, 'forecast snapshots taken');
      const files = await deleteExpiredImportFiles(db, { keepDays: this.#importFileDays });
      if (files.jobs > 0) this.logger.info({ job: 'import-files', ...files }, 'expired import files deleted');
    } catch (error) {
      this.logger.error({ err: error }, 'scheduled job failed');
    }
  }
}
