// An import as it streams back: the kit's NDJSON answer read line by line as it arrives.
import type { CrmClient, ImportError, ImportPreview, ImportSummary, Problem } from '@crmkit/core';

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
  query: { map?: string; source?: string; dryRun?: boolean },
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
