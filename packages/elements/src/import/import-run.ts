// An import as it streams back: the kit's NDJSON answer read line by line as it arrives.
import type {
  CrmClient,
  ImportError,
  ImportErrorPage,
  ImportJob,
  ImportJobPage,
  ImportPreview,
  ImportSummary,
  OnDuplicate,
  Problem,
} from '@crmkit/core';

/** A line of the answer: a failed row, progress after each transaction, or the summary (with why it stopped). */
export type ImportLine =
  ImportError | { progress: { rows: number; bytes: number } } | { summary: ImportSummary; problem?: Problem };

/** What the kit makes of the start of a file (`POST /imports/{resource}/preview`). */
export async function previewFile(client: CrmClient, resource: string, head: string, signal?: AbortSignal) {
  const response = await client.upload(`/imports/${resource}/preview`, head, { type: 'text/csv', signal });
  return (await response.json()) as ImportPreview;
}

/**
 * Sends a file to `POST /imports/{resource}` and hands each line of the answer to `onLine` as it
 * arrives. Rejects with an ApiError when the kit refuses the file, or an AbortError when cancelled.
 */
export async function runImport(
  client: CrmClient,
  resource: string,
  body: Blob,
  query: { map?: string; source?: string; dryRun?: boolean; onDuplicate?: OnDuplicate },
  onLine: (line: ImportLine) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await client.upload(`/imports/${resource}`, body, { type: 'text/csv', query, signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.trim()) onLine(JSON.parse(line) as ImportLine);
  }
  if (pending.trim()) onLine(JSON.parse(pending) as ImportLine);
}

/**
 * Starts an import job (`POST /imports/{resource}/jobs`): the file goes with its own header row
 * and each column's field as `columns`, so the kit remembers the mapping for the next such file.
 */
export async function startJob(
  client: CrmClient,
  resource: string,
  body: Blob,
  query: { columns: string; source?: string; onDuplicate?: OnDuplicate },
): Promise<ImportJob> {
  const response = await client.upload(`/imports/${resource}/jobs`, body, { type: 'text/csv', query });
  return (await response.json()) as ImportJob;
}

export const jobOf = (client: CrmClient, id: string) => client.request<ImportJob>('GET', `/import-jobs/${id}`);

export const cancelJob = (client: CrmClient, id: string) =>
  client.request<ImportJob>('POST', `/import-jobs/${id}/cancel`);

/** The newest import job of a resource that the caller sees, if it has not finished. */
export async function unfinishedJob(client: CrmClient, resource: string): Promise<ImportJob | undefined> {
  const page = await client.request<ImportJobPage>('GET', '/import-jobs', { query: { resource, limit: 1 } });
  const job = page.items[0];
  return job && (job.status === 'queued' || job.status === 'running') ? job : undefined;
}

/** Every failed row of a job, a page of 1,000 at a time. */
export async function jobFailures(client: CrmClient, id: string): Promise<ImportError[]> {
  const failures: ImportError[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await client.request<ImportErrorPage>('GET', `/import-jobs/${id}/errors`, {
      query: { limit: 1000, cursor: cursor ?? undefined },
    });
    failures.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return failures;
}
