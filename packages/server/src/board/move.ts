import type { FieldError } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { Caller } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { requireRow, updateRecord } from '../resources/crud.js';
import type { Resource, Row } from '../resources/resource.js';
import { lockStage, opportunityResource } from '../resources/sales.js';
import { rows } from '../db/rows.js';

export interface MoveInput {
  stageId: string;
  afterId?: string;
  beforeId?: string;
  lostReason?: string | null;
}

interface Neighbour {
  id: string;
  stage_id: string;
  position: number;
  deleted_at: string | null;
}

/**
 * Moves a deal to a stage, between two cards of its column: a versioned write through the
 * opportunity resource's own update, so the stage's requirements, the stage history, the audit
 * log and the version work as for a PATCH. Only the position differs: it comes from the
 * neighbours instead of the bottom of the column. Reordering within a stage writes no history.
 */
export async function moveOpportunity(
  tx: Tx,
  caller: Caller,
  id: string,
  input: MoveInput,
  expectedVersion: number | undefined,
): Promise<Row> {
  // Lock the deal first, so that the checks below see what the update will change.
  const stored = await requireRow(tx, opportunityResource, caller.orgId, id, true);
  if (expectedVersion !== undefined && stored.version !== expectedVersion) {
    throw new ProblemError(
      412,
      `The ${id} record is at version ${String(stored.version)}, not ${expectedVersion}: someone changed it. Reload and apply your change again.`,
    );
  }
  if (stored.deletedAt) throw new ProblemError(409, 'This opportunity is in the trash: restore it first.');
  if (!(await lockStage(tx, caller.orgId, String(stored.pipelineId), input.stageId))) {
    throw validationProblem([{ path: 'stageId', code: 'not_found', message: 'Not a stage of this pipeline' }]);
  }
  const position = await placeBetween(tx, caller.orgId, id, input);
  // The position is part of the change, so a reorder within a stage is not an empty patch.
  const patch: Row = { stageId: input.stageId, position };
  if (input.lostReason !== undefined) patch.lostReason = input.lostReason;
  const moving: Resource = {
    ...opportunityResource,
    beforeWrite: async (deal, context) => ({
      ...((await opportunityResource.beforeWrite?.(deal, context)) ?? {}),
      position,
    }),
  } as Resource;
  return updateRecord(tx, moving, caller, id, patch, expectedVersion);
}

/** Strictly between two doubles, if there is a double there. */
function midpoint(lo: number, hi: number): number | undefined {
  const mid = lo + (hi - lo) / 2;
  return lo < mid && mid < hi ? mid : undefined;
}

/**
 * The position between the given neighbours (`afterId` comes just before the deal, `beforeId`
 * just after it); with one neighbour, next to it; with none, the bottom of the column. When
 * repeated moves into one gap have used up the doubles there, the cards around it are spread
 * out first (their order kept; positions are presentation, so this is not a new version of them).
 */
async function placeBetween(tx: Tx, orgId: string, dealId: string, input: MoveInput): Promise<number> {
  const { stageId, afterId, beforeId } = input;
  const errors: FieldError[] = [];
  if (afterId === dealId) errors.push({ path: 'afterId', code: 'invalid_value', message: 'Is the deal being moved' });
  if (beforeId === dealId) errors.push({ path: 'beforeId', code: 'invalid_value', message: 'Is the deal being moved' });
  if (afterId && afterId === beforeId)
    errors.push({ path: 'beforeId', code: 'invalid_value', message: 'Is the same card as afterId' });
  if (errors.length) throw validationProblem(errors);

  const ids = [afterId, beforeId].filter((x): x is string => Boolean(x));
  const found = ids.length
    ? await rows<Neighbour>(
        tx,
        sql`select id, stage_id, position, deleted_at::text from crm.opportunities
            where org_id = ${orgId} and id in (${sql.join(
              ids.map((x) => sql`${x}::uuid`),
              sql`, `,
            )})`,
      )
    : [];
  const neighbour = (key: 'afterId' | 'beforeId', nid: string | undefined) => {
    if (!nid) return undefined;
    const n = found.find((r) => r.id === nid);
    if (!n) throw validationProblem([{ path: key, code: 'not_found', message: 'No such opportunity' }]);
    if (n.deleted_at || n.stage_id !== stageId) {
      throw new ProblemError(409, 'That card is no longer in this column: reload the column and move again.', {
        errors: [{ path: key, code: 'invalid_value', message: 'Not in this stage' }],
      });
    }
    return n;
  };
  const after = neighbour('afterId', afterId);
  const before = neighbour('beforeId', beforeId);
  if (
    after &&
    before &&
    (after.position > before.position || (after.position === before.position && after.id > before.id))
  ) {
    throw validationProblem([
      { path: 'beforeId', code: 'invalid_value', message: 'Comes before afterId in the column' },
    ]);
  }

  const column = sql`org_id = ${orgId} and stage_id = ${stageId} and deleted_at is null and id <> ${dealId}`;
  const next = async (from: Neighbour) =>
    (
      await rows<{ position: number }>(
        tx,
        sql`select position from crm.opportunities where ${column}
            and (position, id) > (${from.position}::float8, ${from.id}::uuid) order by position, id limit 1`,
      )
    )[0]?.position;
  const previous = async (from: Neighbour) =>
    (
      await rows<{ position: number }>(
        tx,
        sql`select position from crm.opportunities where ${column}
            and (position, id) < (${from.position}::float8, ${from.id}::uuid) order by position desc, id desc limit 1`,
      )
    )[0]?.position;

  if (!after && !before) {
    const [last] = await rows<{ position: number | null }>(
      tx,
      sql`select max(position) as position from crm.opportunities where ${column}`,
    );
    // The bottom, by the same clock as a deal that changes stage (sales.ts), so that deals moved
    // later still land below; past the last card should a position be ahead of the clock.
    const now = Date.now() / 1000;
    return last?.position == null || last.position < now ? now : last.position + 1;
  }
  const lo = after ? after.position : ((await previous(before!)) ?? before!.position - 1);
  const hi = before ? before.position : ((await next(after!)) ?? after!.position + 1);
  return midpoint(lo, hi) ?? spread(tx, orgId, dealId, stageId, (after ?? before)!, Boolean(after));
}

/**
 * Makes room next to a card whose neighbours leave no double in between: takes a window of the
 * column around it, widening it until its bounds leave room, and spaces the window's cards out
 * evenly, leaving a slot for the deal right after (or before) the card. Returns that slot.
 */
async function spread(
  tx: Tx,
  orgId: string,
  dealId: string,
  stageId: string,
  anchor: Neighbour,
  dealAfterAnchor: boolean,
): Promise<number> {
  const column = sql`org_id = ${orgId} and stage_id = ${stageId} and deleted_at is null and id <> ${dealId}`;
  const key = sql`(${anchor.position}::float8, ${anchor.id}::uuid)`;
  for (let width = 16; ; width *= 4) {
    // The cards up to and including the anchor, and those after it, each with one more as a bound.
    const upTo = await rows<{ id: string; position: number }>(
      tx,
      sql`select id, position from crm.opportunities where ${column} and (position, id) <= ${key}
          order by position desc, id desc limit ${width + 1}`,
    );
    const past = await rows<{ id: string; position: number }>(
      tx,
      sql`select id, position from crm.opportunities where ${column} and (position, id) > ${key}
          order by position, id limit ${width + 1}`,
    );
    const lowBound = upTo.length > width ? upTo.pop()!.position : undefined;
    const highBound = past.length > width ? past.pop()!.position : undefined;
    const window = [...upTo.reverse(), ...past];
    const slot = upTo.length - (dealAfterAnchor ? 0 : 1); // index in `window` the deal goes before
    const count = window.length + 1;
    const lo = lowBound ?? window[0]!.position - count;
    const hi = highBound ?? window.at(-1)!.position + count;
    const positions = Array.from({ length: count }, (_, i) => lo + ((hi - lo) * (i + 1)) / (count + 1));
    const room = positions.every((p, i) => p > (i ? positions[i - 1]! : lo)) && positions.at(-1)! < hi;
    const exhausted = lowBound === undefined && highBound === undefined;
    if (!room && !exhausted) continue;
    if (!room) throw new ProblemError(409, 'This column has no room left between these cards; try another place.');
    const cards = window.map((card, i) => ({ id: card.id, position: positions[i < slot ? i : i + 1]! }));
    await tx.execute(
      sql`update crm.opportunities o set position = v.position
          from (values ${sql.join(
            cards.map((c) => sql`(${c.id}::uuid, ${c.position}::float8)`),
            sql`, `,
          )}) as v(id, position)
          where o.org_id = ${orgId} and o.id = v.id`,
    );
    return positions[slot]!;
  }
}
