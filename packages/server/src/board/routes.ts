import {
  Board,
  BoardColumn,
  BoardColumnQuery,
  BoardQuery,
  Funnel,
  FunnelQuery,
  Id,
  Opportunity,
  OpportunityMove,
  Problem,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inOrg, readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { withIdempotency } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { expectedVersion } from '../resources/routes.js';
import { loadBoard, loadColumn } from './board.js';
import { funnelReport } from './funnel.js';
import { moveOpportunity } from './move.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const FILTERS = `Filters narrow together: \`ownerId\`, \`teamId\` (members of the team and of the teams under it, and
their managers), \`mine=true\` (the caller's own deals), \`closeFrom\`/\`closeTo\` (expected close date, inclusive;
deals without one are left out) and \`tag\` (a tag of the deal's customer). Only live deals (not in the trash) count,
and only those the caller may see: a rep sees their own deals, a manager those of their teams.`;

const FIGURES = `Each column carries \`count\`, and per currency (minor units, as decimal strings such as \`"123456"\`: sums
can exceed 2^53, the largest integer a JSON number carries exactly) \`sum\` and \`weighted\`: the sum of amount ×
effective probability / 100, where the effective probability is the deal's own \`probability\` when set, else the
stage's; \`weighted\` is rounded once, after summing. \`converted\` gives both in the organization's base currency
with its exchange rates (units of base currency per unit of the other currency); a currency without a rate is
listed in \`missingRates\` and left out of the converted sums. Conversion is exact (the rate as the decimal it is
written as) and rounded once, after summing. Figures cover every matching deal of the column,
not just the page of cards, and are exact at the time of the request.`;

const funnelDescription = `For the deals of one pipeline created in the period (\`from\`/\`to\`: days in the organization's
time zone, inclusive; a cohort by creation day, so a period's figures do not change as later periods' deals move), live
(not in the trash), and that the caller may see:

* **Steps** are the pipeline's open and won stages in stage order. Lost stages are not steps: a deal that was lost
  counts for the steps it reached before.
* A deal's **furthest step** is the step of highest position that it ever entered, according to its stage history.
* \`reached\`: deals whose furthest step is this step or a later one. A deal counts at most once per step; a deal that
  skipped a step still counts for it (it got further), and a deal that moved back still counts for the furthest step
  it reached.
* \`conversion\`: \`reached\` of the next step / \`reached\` of this step (null on the last step, or when no deal reached
  this step). \`overall\`: \`reached\` / \`reached\` of the first step (null when none reached the first step).
* \`dropOff\`: \`reached\` − \`reached\` of the next step: deals that got this far and no further, whether lost or still
  open (null on the last step).
* \`amount\`: the sum of the current amounts of the deals counted in \`reached\`, per currency (minor units, as a
  decimal string like the board's sums), and
  \`converted\` into the base currency as on the board.
* \`averageDaysInStage\`: for the deals that entered the stage, the total time each spent in it, averaged over those
  deals, in days. A visit lasts from its stage history row to the deal's next one; a visit still going on counts up to
  now. Null for won stages and for a stage no deal entered.
* \`deals\`: the deals of the period that have stage history (including those that only ever entered lost stages).

\`ownerId\` and \`teamId\` narrow to the deals of that owner or team.`;

export const boardRoutes = new OpenAPIHono<CrmEnv>();

boardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines/{id}/board',
    tags: ['Board'],
    summary: 'The board of a pipeline',
    description: `Every stage of the pipeline in order, with the figures of its deals and the first page of its cards, ordered by (position, id); fetch more of a column with its \`nextCursor\`.\n\n${FIGURES}\n\n${FILTERS}`,
    request: { params: z.object({ id: Id }), query: BoardQuery },
    responses: {
      200: json(Board, 'The board'),
      400: problem('A filter is not valid'),
      404: problem('No such pipeline in this organization'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const board = await readInOrg(c.var.crmDb, caller, (tx) =>
      loadBoard(tx, caller, c.req.valid('param').id, c.req.valid('query')),
    );
    return c.json(board, 200);
  },
);

boardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines/{id}/board/stages/{stageId}',
    tags: ['Board'],
    summary: 'One column of a board',
    description: `A stage with the figures of its deals and the page of cards after \`cursor\` (a \`nextCursor\` from the board or from this route), with the same filters as the board.\n\n${FIGURES}`,
    request: { params: z.object({ id: Id, stageId: Id }), query: BoardColumnQuery },
    responses: {
      200: json(BoardColumn, 'The column'),
      400: problem('A filter or the cursor is not valid'),
      404: problem('No such pipeline or stage in this organization'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const { id, stageId } = c.req.valid('param');
    const column = await readInOrg(c.var.crmDb, caller, (tx) =>
      loadColumn(tx, caller, id, stageId, c.req.valid('query')),
    );
    return c.json(column, 200);
  },
);

boardRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/opportunities/{id}/move',
    tags: ['Opportunities'],
    summary: 'Move a deal on the board',
    description: `Moves the deal into \`stageId\` (a stage of its pipeline; its own stage to reorder), between \`afterId\` (the card that will come just before it) and \`beforeId\` (the card just after it); with one of them, next to that card; with neither, to the bottom of the column. The stage's requirements apply (a 400 names each missing field, e.g. \`lostReason\`, which can be sent with the move). Entering another stage records stage history; reordering within a stage does not. Like a PATCH: a versioned write with an audit entry, a stale \`If-Match\` gets 412 and changes nothing, and the answer carries the new ETag. Honours \`Idempotency-Key\`.`,
    request: {
      params: z.object({ id: Id }),
      headers: z.object({
        'if-match': z.string().optional().describe('The ETag you read; a stale one gets 412 and changes nothing'),
        'idempotency-key': z.string().max(200).optional().describe('Replays the first response to a retried request'),
      }),
      body: { required: true, content: { 'application/json': { schema: OpportunityMove } } },
    },
    responses: {
      200: json(Opportunity, 'The moved opportunity'),
      400: problem('A field is not valid, or the stage requires a field the deal lacks'),
      403: problem('Viewers cannot move deals'),
      404: problem('No such opportunity'),
      409: problem('The deal is in the trash, or a neighbour left the column'),
      412: problem('The If-Match version is stale'),
      422: problem('The idempotency key was used for another request'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    if (caller.role === 'viewer') throw new ProblemError(403, 'Viewers can read but not change records.');
    const version = expectedVersion(c);
    const input = c.req.valid('json');
    const id = c.req.valid('param').id;
    const { status, body } = await inOrg(c.var.crmDb, caller, (tx) =>
      withIdempotency(tx, c, input, async () => ({
        status: 200,
        body: await moveOpportunity(tx, caller, id, input, version),
      })),
    );
    c.header('etag', `"${String(body.version)}"`);
    return c.json(body as z.infer<typeof Opportunity>, status as 200);
  },
);

boardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/funnel',
    tags: ['Reports'],
    summary: 'The sales funnel of a pipeline',
    description: funnelDescription,
    request: { query: FunnelQuery },
    responses: {
      200: json(Funnel, 'The funnel'),
      400: problem('A filter is not valid'),
      404: problem('No such pipeline in this organization'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const funnel = await readInOrg(c.var.crmDb, caller, (tx) => funnelReport(tx, caller, c.req.valid('query')));
    return c.json(funnel, 200);
  },
);
