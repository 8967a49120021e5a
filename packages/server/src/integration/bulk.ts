import { BULK_MAX_RECORDS, BulkRecord, type BulkResult, type BulkSummary, type FieldError } from '@crmkit/core';
import type { Context } from 'hono';
import { callerAllows } from '../auth/roles.js';
import { inOrg } from '../db/database.js';
import type { Caller, CrmEnv } from '../http/env.js';
import { protoKeyError, protoKeyPath } from '../http/json-keys.js';
import { fieldErrors, ProblemError, validationProblem } from '../http/problem.js';
import { writeRefusal } from '../resources/routes.js';
import { jsonValues, textChunks, type JsonItem } from './body.js';
import { parseUpsertBody } from './upsert.js';
import { upsertResources } from './upsert-routes.js';
import { stoppedBy, streamOf } from './stream.js';
import { chunksOf, planOnce, refusal, writeChunk, writeInChunks, type Item } from './writer.js';

/** Field errors of a record's `data`, at their path below the record. */
const underData = (errors: FieldError[] = []) => errors.map((e) => ({ ...e, path: `data.${e.path}` }));

/** One value of a bulk body as an operation, or the result that refuses it. */
export function bulkItem(index: number, item: JsonItem, caller: Caller): Item {
  if ('error' in item) {
    return {
      refused: { index, status: 400, errors: [{ path: '(record)', code: 'invalid_format', message: item.error }] },
    };
  }
  const protoKey = protoKeyPath(item.value);
  if (protoKey) return { refused: { index, status: 400, errors: [protoKeyError(protoKey)] } };
  const parsed = BulkRecord.safeParse(item.value);
  if (!parsed.success) return { refused: { index, status: 400, errors: fieldErrors(parsed.error, item.value) } };
  const { resource: path, source, externalId, version, data } = parsed.data;
  const resource = upsertResources.find((r) => r.path === path)!;
  const refused = writeRefusal(caller.role, resource);
  if (refused) return { refused: refusal(index, refused) };
  // `/bulk` passes the request-level scope check (see SCOPE_FILTERED): each record is checked here.
  if (!callerAllows(caller, resource.path, 'write')) {
    const detail = `This token does not allow write access to ${resource.path}.`;
    return { refused: { index, status: 403, detail } };
  }
  if ((source === undefined) !== (externalId === undefined)) {
    const missing = source === undefined ? 'source' : 'externalId';
    const message = 'An upsert names both the system (source) and its id (externalId); a create names neither';
    return { refused: { index, status: 400, errors: [{ path: missing, code: 'required', message }] } };
  }
  try {
    const key = source === undefined ? undefined : { source, externalId: externalId! };
    const input = key ? parseUpsertBody(resource, data) : { create: createBody(resource, data), patch: {} };
    return {
      operation: { index, resource, key, input, condition: { version }, onDuplicate: bulkOnDuplicate(resource) },
    };
  } catch (error) {
    const result = refusal(index, error);
    return { refused: { ...result, errors: underData(result.errors) } };
  }
}

/**
 * What a bulk create does with a duplicate: a lead is matched to the open lead it duplicates, as
 * lead capture does; other records are created as sent (an import chooses, with `onDuplicate`).
 */
const bulkOnDuplicate = (resource: (typeof upsertResources)[number]) => (resource.path === 'leads' ? 'skip' : 'create');

function createBody(resource: (typeof upsertResources)[number], data: unknown) {
  const parsed = resource.schemas.create.safeParse(data);
  if (!parsed.success) throw validationProblem(fieldErrors(parsed.error, data));
  return parsed.data as Record<string, unknown>;
}

/** The records of a bulk request as items, refusing the request past {@link BULK_MAX_RECORDS}. */
async function* bulkItems(c: Context<CrmEnv>, maxBytes: number): AsyncGenerator<Item> {
  const caller = c.var.crmCaller;
  let index = 0;
  for await (const value of jsonValues(c.req.header('content-type'), textChunks(c.req.raw.body, maxBytes))) {
    if (index === BULK_MAX_RECORDS) {
      throw new ProblemError(413, `A bulk request carries at most ${BULK_MAX_RECORDS} records.`);
    }
    yield bulkItem(index++, value, caller);
  }
}

type Counts = BulkSummary['summary'];

function count(counts: Counts, result: BulkResult) {
  counts.records++;
  if (result.status >= 400) counts.failed++;
  else counts[result.action ?? 'created']++;
}

const emptyCounts = (): Counts => ({
  records: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  matched: 0,
  failed: 0,
  committed: true,
});

/** Thrown to roll back an all-or-nothing request that had a failed record. */
class RolledBack extends Error {}

/**
 * All or nothing: every record in one transaction, rolled back when any fails. Answers the
 * results once committed, or a 422 naming each failed record's errors (`{index}.data.{field}`).
 */
export async function atomicBulk(c: Context<CrmEnv>, maxBytes: number): Promise<Response> {
  const caller = c.var.crmCaller;
  // Results are small (a status and an id), and at most BULK_MAX_RECORDS of them.
  const results: BulkResult[] = [];
  try {
    await inOrg(c.var.crmDb, caller, async (tx) => {
      await planOnce(tx);
      for await (const chunk of chunksOf(bulkItems(c, maxBytes)))
        results.push(...(await writeChunk(tx, caller, chunk)));
      if (results.some((r) => r.status >= 400)) throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    const failed = results.filter((r) => r.status >= 400);
    throw new ProblemError(422, `${failed.length} of ${results.length} records failed: nothing was written.`, {
      errors: failed.flatMap(({ index, status, detail, errors }) =>
        errors?.length
          ? errors.map((e) => ({ ...e, path: `${index}.${e.path}` }))
          : [{ path: String(index), code: status === 404 ? 'not_found' : 'invalid_value', message: detail ?? '' }],
      ),
    });
  }
  const counts = emptyCounts();
  const lines = results.map((r) => (count(counts, r), JSON.stringify(r) + '\n'));
  lines.push(JSON.stringify({ summary: counts } satisfies BulkSummary) + '\n');
  return new Response(lines.join(''), { headers: { 'content-type': 'application/x-ndjson' } });
}

/**
 * Each chunk of records in a transaction of its own, its results streamed once it commits, and
 * a summary line last. A request that stops early (past the record or byte limit, a broken
 * array) keeps the chunks already committed and says why in the summary's `problem`; a problem
 * found before the first results are sent is answered as a problem document instead.
 */
export async function streamedBulk(c: Context<CrmEnv>, maxBytes: number): Promise<Response> {
  const caller = c.var.crmCaller;
  const batches = writeInChunks(c.var.crmDb, caller, bulkItems(c, maxBytes));
  const first = await batches.next();
  const counts = emptyCounts();
  const lines = async function* (): AsyncGenerator<string> {
    try {
      for (let batch = first; !batch.done; batch = await batches.next()) {
        for (const result of batch.value) {
          count(counts, result);
          yield JSON.stringify(result) + '\n';
        }
      }
      yield JSON.stringify({ summary: counts } satisfies BulkSummary) + '\n';
    } catch (error) {
      yield JSON.stringify({ summary: counts, problem: stoppedBy(c, error) } satisfies BulkSummary) + '\n';
    }
  };
  return streamOf(lines(), 'application/x-ndjson');
}
