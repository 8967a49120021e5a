// How long a finished import job keeps its file. The file (its chunks) is most of what a job stores,
// and once the job has ended nothing reads it again: a job resumes only while unfinished. So a job
// that ended more than `keepDays` ago loses its file, and keeps the rest: its summary, its
// mapping and its error report, which hold what the organization may still want to see.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inOrg, type Db } from '../db/database.js';
import { rows } from '../db/rows.js';
import { importJobChunks } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';

/** Days a finished job keeps its file, unless the host says otherwise (`createCrm({ jobs: { importFileDays } })`). */
export const IMPORT_FILE_DAYS = 30;

/** Jobs whose files one run deletes at most: a backlog is worked off over the next runs. */
const BATCH = 1000;

/** The system acting for an organization, as the kit's other jobs do. */
const systemCaller = (orgId: string): Caller => ({ orgId, userId: null, role: 'admin', via: 'api-key' });

/**
 * Deletes the files of the import jobs that ended (succeeded, failed or cancelled) more than
 * `keepDays` days before `now`, across organizations; answers how many jobs lost theirs. The jobs
 * are found as the tables' owner (its provisioning policy sees every organization) and each
 * organization's files deleted in a transaction of its own, as the other jobs write.
 */
export async function deleteExpiredImportFiles(
  db: Db,
  { now = new Date(), keepDays = IMPORT_FILE_DAYS }: { now?: Date; keepDays?: number } = {},
): Promise<{ jobs: number }> {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  const expired = await rows<{ org_id: string; id: string }>(
    db,
    sql`select j.org_id::text as org_id, j.id::text as id from crm.import_jobs j
        where j.status in ('succeeded', 'failed', 'cancelled') and j.finished_at < ${cutoff}::timestamptz
          and exists (select 1 from crm.import_job_chunks c where c.org_id = j.org_id and c.job_id = j.id)
        order by j.org_id, j.id
        limit ${BATCH}`,
  );
  const byOrg = new Map<string, string[]>();
  for (const job of expired) byOrg.set(job.org_id, [...(byOrg.get(job.org_id) ?? []), job.id]);
  for (const [orgId, ids] of byOrg) {
    await inOrg(db, systemCaller(orgId), (tx) =>
      tx.delete(importJobChunks).where(and(eq(importJobChunks.orgId, orgId), inArray(importJobChunks.jobId, ids))),
    );
  }
  return { jobs: expired.length };
}
