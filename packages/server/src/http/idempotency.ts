import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Tx } from '../db/database.js';
import { idempotencyKeys } from '../db/schema/index.js';
import type { CrmEnv } from './env.js';
import { ProblemError } from './problem.js';

export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Runs a POST once per `Idempotency-Key`: the same key with the same request replays the first
 * response; the same key with another request is a 422. The key is claimed in the request's own
 * transaction, so a concurrent retry waits for the first attempt and then replays it, and a
 * failed attempt leaves no claim behind.
 */
export async function withIdempotency(
  tx: Tx,
  c: Context<CrmEnv>,
  input: unknown,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const key = c.req.header('idempotency-key');
  if (!key) return run();
  const orgId = c.var.crmCaller.orgId;
  const requestHash = encodeHexLowerCase(
    sha256(new TextEncoder().encode(JSON.stringify([c.req.method, c.req.path, c.var.crmCaller.userId, input]))),
  );
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ orgId, key, requestHash, status: 0 })
    .onConflictDoNothing()
    .returning();
  if (claimed.length === 0) {
    const [first] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
    if (!first || first.requestHash !== requestHash) {
      throw new ProblemError(422, 'This Idempotency-Key was used for a different request.');
    }
    return { status: first.status, body: first.body as Record<string, unknown> };
  }
  const response = await run();
  await tx
    .update(idempotencyKeys)
    .set({ status: response.status, body: response.body })
    .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
  return response;
}
