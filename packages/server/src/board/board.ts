import type { Board, BoardCard, BoardColumn, BoardFigures, Stage } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Caller } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import {
  combineScopes,
  filterOwners,
  loadContext,
  scopeCondition,
  type BoardContext,
  summaryOwners,
  type OwnerScope,
} from './context.js';
import { addBucket, convertTotals, currencyTotals, type Bucket, type Rates } from './money.js';
import { rows } from '../db/rows.js';
import { all, big, num, uuidArray } from './sql.js';

export interface BoardFilterInput {
  ownerId?: string;
  teamId?: string;
  mine?: boolean;
  closeFrom?: string;
  closeTo?: string;
  tag?: string;
}

/** Owner scopes this small are read owner by owner through the owner index, in board order. */
const OWNER_BY_OWNER = 64;

interface Filters {
  scope: OwnerScope;
  /** The owners the filters alone ask for (null: no owner filter). */
  filtered: string[] | null;
  /** Conditions on the deals beyond their owner: close dates and customer tags. */
  dealConditions: SQL[];
  closeFrom?: string;
  closeTo?: string;
  tag?: string;
  /** Whether the tag's figures come from its summary and its cards from a test of each deal's customer (see tagCards). */
  tagBySummary: boolean;
}

async function resolveFilters(
  tx: Tx,
  caller: Caller,
  context: BoardContext,
  input: BoardFilterInput,
): Promise<Filters> {
  if (input.closeFrom && input.closeTo && input.closeFrom > input.closeTo) {
    throw validationProblem([{ path: 'closeTo', code: 'invalid_value', message: 'Is before closeFrom' }]);
  }
  const filtered = await filterOwners(tx, caller, input);
  const dealConditions: SQL[] = [];
  if (input.closeFrom) dealConditions.push(sql`o.expected_close_date >= ${input.closeFrom}::date`);
  if (input.closeTo) dealConditions.push(sql`o.expected_close_date <= ${input.closeTo}::date`);
  // Callers who see every deal read a tag's figures from its summary (not with close dates, which it
  // does not know); the others take the tagged customers they may see, and those customers' deals.
  const tagBySummary =
    Boolean(input.tag) && context.summaries.boardByTag && context.summaries.board && !input.closeFrom && !input.closeTo;
  if (input.tag && !tagBySummary)
    dealConditions.push(sql`o.customer_id = any(${uuidArray(await taggedCustomers(tx, input.tag))})`);
  return {
    scope: combineScopes(filtered, context.visible),
    filtered,
    dealConditions,
    closeFrom: input.closeFrom,
    closeTo: input.closeTo,
    tag: input.tag,
    tagBySummary,
  };
}

/**
 * The customers with the tag that the caller may see, found through the tags' index by
 * `crm.tagged_customers()` (migration 0012). Given as a list, the deals' condition is an equality
 * with a known set of ids: the planner sizes it exactly and tests it with a hash, so the board
 * keeps one plan whether the tag is rare or on a third of the customers.
 */
async function taggedCustomers(tx: Tx, tag: string): Promise<string[]> {
  const [row] = await rows<{ ids: string | null }>(
    tx,
    sql`select array_to_string(crm.tagged_customers(${tag}), ',') as ids`,
  );
  return row?.ids ? row.ids.split(',') : [];
}

interface FigureRow {
  stage_id: string;
  currency: string;
  count: string;
  sum: string;
  amount_default: string;
  weighted_override: string;
}

/**
 * Count, sum and weighted sum per stage and currency of the matching live deals: from a
 * maintained summary when the filters allow it (by owner, by close day for callers who see every
 * deal, by owner and close day for the others: rows per stage, owner or day, whatever the number
 * of deals), else aggregated from the deals themselves (a tag).
 */
async function stageFigures(
  tx: Tx,
  caller: Caller,
  context: BoardContext,
  stages: Stage[],
  filters: Filters,
): Promise<Map<string, Map<string, Bucket>>> {
  const stageIds = uuidArray(stages.map((s) => s.id));
  let figures: FigureRow[];
  const byClose = Boolean(filters.closeFrom || filters.closeTo) && !filters.tag;
  // Everyone's deals by close day alone; else by owner and close day, for the owners in scope.
  const everyonesByClose = byClose && context.summaries.boardByClose && filters.filtered === null;
  const ownersByClose = byClose && !everyonesByClose && context.summaries.boardByOwnerClose;
  if (filters.tagBySummary) {
    figures = await rows<FigureRow>(
      tx,
      sql`select t.stage_id, t.currency, sum(t.deals)::text as count, sum(t.amount)::text as sum,
                 sum(t.amount_default)::text as amount_default, sum(t.weighted_override)::text as weighted_override
          from crm.stage_tag_totals t
          where ${all([
            sql`t.org_id = ${caller.orgId}`,
            sql`t.tag = ${filters.tag}`,
            sql`t.stage_id = any(${stageIds})`,
            summaryOwners(filters.scope),
          ])}
          group by t.stage_id, t.currency`,
    );
  } else if (everyonesByClose || ownersByClose) {
    const totals = everyonesByClose ? sql`crm.stage_close_totals` : sql`crm.stage_owner_close_totals`;
    figures = await rows<FigureRow>(
      tx,
      sql`select t.stage_id, t.currency, sum(t.deals)::text as count, sum(t.amount)::text as sum,
                 sum(t.amount_default)::text as amount_default, sum(t.weighted_override)::text as weighted_override
          from ${totals} t
          where ${all([
            sql`t.org_id = ${caller.orgId}`,
            sql`t.stage_id = any(${stageIds})`,
            filters.closeFrom ? sql`t.close_date >= ${filters.closeFrom}::date` : undefined,
            filters.closeTo ? sql`t.close_date <= ${filters.closeTo}::date` : undefined,
            ownersByClose ? summaryOwners(filters.scope) : undefined,
          ])}
          group by t.stage_id, t.currency`,
    );
  } else if (context.summaries.board && filters.dealConditions.length === 0) {
    const owners = summaryOwners(filters.scope);
    figures = await rows<FigureRow>(
      tx,
      sql`select t.stage_id, t.currency, sum(t.deals)::text as count, sum(t.amount)::text as sum,
                 sum(t.amount_default)::text as amount_default, sum(t.weighted_override)::text as weighted_override
          from crm.stage_totals t
          where ${all([sql`t.org_id = ${caller.orgId}`, sql`t.stage_id = any(${stageIds})`, owners])}
          group by t.stage_id, t.currency`,
    );
  } else {
    figures = await rows<FigureRow>(
      tx,
      sql`select o.stage_id, o.currency, count(*)::text as count, sum(o.amount)::text as sum,
                 coalesce(sum(o.amount) filter (where o.probability is null), 0)::text as amount_default,
                 coalesce(sum(o.amount::numeric * o.probability) filter (where o.probability is not null), 0)::text
                   as weighted_override
          from crm.opportunities o
          where ${all([
            sql`o.org_id = ${caller.orgId}`,
            sql`o.stage_id = any(${stageIds})`,
            sql`o.deleted_at is null`,
            scopeCondition(filters.scope),
            ...filters.dealConditions,
          ])}
          group by o.stage_id, o.currency`,
    );
  }
  const byStage = new Map<string, Map<string, Bucket>>();
  const probability = new Map(stages.map((s) => [s.id, s.probability]));
  for (const f of figures) {
    let buckets = byStage.get(f.stage_id);
    if (!buckets) byStage.set(f.stage_id, (buckets = new Map()));
    addBucket(buckets, {
      currency: f.currency,
      count: num(f.count),
      sum: big(f.sum),
      weightedCents: big(f.weighted_override) + big(f.amount_default) * BigInt(probability.get(f.stage_id) ?? 0),
    });
  }
  return byStage;
}

/** A column is walked in board order, testing each deal's customer, while one deal in this many has the tag. */
const COMMON_TAG = 64;

/**
 * Which stages' cards to read for a tag taken from its summary, and how. Stages without a tagged
 * deal are left out. If the tag is common in every other one (one deal in COMMON_TAG or more, by
 * the summaries), each column walks the board index and tests the deals' customers one by one
 * (`crm.customer_has_tag`): a page reads about COMMON_TAG × its size at most, however many
 * customers carry the tag. Else the few tagged customers are listed first, as for other callers.
 */
async function tagCards(
  tx: Tx,
  caller: Caller,
  stages: Stage[],
  filters: Filters,
  figures: Map<string, Map<string, Bucket>>,
): Promise<{ stages: Stage[]; filters: Filters }> {
  if (!filters.tagBySummary) return { stages, filters };
  const count = (id: string) => [...(figures.get(id)?.values() ?? [])].reduce((n, b) => n + b.count, 0);
  const tagged = new Map(stages.map((s) => [s.id, count(s.id)]));
  const withTag = stages.filter((s) => tagged.get(s.id)! > 0);
  if (!withTag.length) return { stages: [], filters };
  const totals = await rows<{ stage_id: string; deals: string }>(
    tx,
    sql`select t.stage_id, sum(t.deals)::text as deals from crm.stage_totals t
        where ${all([
          sql`t.org_id = ${caller.orgId}`,
          sql`t.stage_id = any(${uuidArray(withTag.map((s) => s.id))})`,
          summaryOwners(filters.scope),
        ])}
        group by t.stage_id`,
  );
  const common = totals.every((t) => tagged.get(t.stage_id)! * COMMON_TAG >= num(t.deals));
  const condition = common
    ? sql`crm.customer_has_tag(o.customer_id, ${filters.tag})`
    : sql`o.customer_id = any(${uuidArray(await taggedCustomers(tx, filters.tag!))})`;
  return { stages: withTag, filters: { ...filters, dealConditions: [...filters.dealConditions, condition] } };
}

function figuresOf(buckets: Iterable<Bucket>, rates: Rates): BoardFigures {
  const list = [...buckets];
  return {
    count: list.reduce((n, b) => n + b.count, 0),
    totals: currencyTotals(list),
    converted: convertTotals(list, rates),
  };
}

interface CardRow {
  stage_id: string;
  id: string;
  name: string;
  customer_id: string;
  customer_name: string | null;
  amount: string;
  currency: string;
  owner_id: string | null;
  expected_close_date: string | null;
  probability: number | null;
  version: number;
  position: number;
}

/** Where a column's page starts: after the card at (position, id). */
function readCursor(cursor: string | undefined): { position: number; id: string } | undefined {
  if (!cursor) return undefined;
  const [position, id] = decodeCursor(cursor);
  if (typeof position !== 'number' || !Number.isFinite(position) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw validationProblem([{ path: 'cursor', code: 'invalid_format', message: 'Not a cursor this column gave out' }]);
  }
  return { position, id };
}

/**
 * One page of cards of each given stage in (position, id) order, in one query: each column is a
 * keyset scan of the board index, or, when the caller sees (or asks for) few owners, a merge of
 * one scan per owner of the owner-board index, which stays short however many deals others own.
 */
async function stageCards(
  tx: Tx,
  caller: Caller,
  stages: Stage[],
  filters: Filters,
  limit: number,
  after?: { position: number; id: string },
): Promise<Map<string, { cards: BoardCard[]; nextCursor: string | null }>> {
  const stageIds = uuidArray(stages.map((s) => s.id));
  const base = (ownerCondition: SQL | undefined) =>
    all([
      sql`o.org_id = ${caller.orgId}`,
      sql`o.stage_id = s.id`,
      sql`o.deleted_at is null`,
      ownerCondition,
      after ? sql`(o.position, o.id) > (${after.position}::float8, ${after.id}::uuid)` : undefined,
      ...filters.dealConditions,
    ]);
  const columns = sql`o.id, o.name, o.customer_id, o.amount, o.currency, o.owner_id, o.expected_close_date,
                      o.probability, o.version, o.position`;
  const page = (where: SQL) =>
    sql`select ${columns} from crm.opportunities o where ${where} order by o.position, o.id limit ${limit + 1}`;

  const { owners, unowned } = filters.scope;
  let source: SQL;
  if (owners !== null && owners.length <= OWNER_BY_OWNER) {
    const parts = [
      sql`select x.* from unnest(${uuidArray(owners)}) as ow(id)
          cross join lateral (${page(base(sql`o.owner_id = ow.id`))}) x`,
    ];
    if (unowned) parts.push(sql`select y.* from (${page(base(sql`o.owner_id is null`))}) y`);
    source = sql`select z.* from (${sql.join(parts, sql` union all `)}) z order by z.position, z.id limit ${limit + 1}`;
  } else {
    source = page(base(scopeCondition(filters.scope)));
  }
  const found = await rows<CardRow>(
    tx,
    sql`select s.id as stage_id, c.id, c.name, c.customer_id, cu.name as customer_name, c.amount::text as amount,
               c.currency, c.owner_id, c.expected_close_date::text as expected_close_date, c.probability, c.version,
               c.position
        from unnest(${stageIds}) as s(id)
        cross join lateral (${source}) c
        left join crm.customers cu on cu.org_id = ${caller.orgId} and cu.id = c.customer_id
        order by s.id, c.position, c.id`,
  );
  const probability = new Map(stages.map((s) => [s.id, s.probability]));
  const out = new Map<string, { cards: BoardCard[]; nextCursor: string | null }>();
  for (const stage of stages) out.set(stage.id, { cards: [], nextCursor: null });
  for (const r of found) {
    const column = out.get(r.stage_id)!;
    if (column.cards.length === limit) {
      const last = column.cards.at(-1)!;
      column.nextCursor = encodeCursor([last.position, last.id]);
      continue;
    }
    column.cards.push({
      id: r.id,
      name: r.name,
      customerId: r.customer_id,
      customerName: r.customer_name,
      amount: num(r.amount),
      currency: r.currency,
      ownerId: r.owner_id,
      expectedCloseDate: r.expected_close_date,
      probability: r.probability,
      effectiveProbability: r.probability ?? probability.get(r.stage_id) ?? 0,
      version: r.version,
      position: r.position,
    });
  }
  return out;
}

export interface BoardQueryInput extends BoardFilterInput {
  limit: number;
}

/** The board of a pipeline: every stage in order with its figures and first page of cards. */
export async function loadBoard(tx: Tx, caller: Caller, pipelineId: string, query: BoardQueryInput): Promise<Board> {
  const context = await loadContext(tx, caller, pipelineId);
  const filters = await resolveFilters(tx, caller, context, query);
  const figures = await stageFigures(tx, caller, context, context.stages, filters);
  const read = await tagCards(tx, caller, context.stages, filters, figures);
  const cards = await stageCards(tx, caller, read.stages, read.filters, query.limit);
  const everything = new Map<string, Bucket>();
  for (const buckets of figures.values()) for (const b of buckets.values()) addBucket(everything, b);
  return {
    pipelineId: context.pipeline.id,
    name: context.pipeline.name,
    lostReasons: context.pipeline.lostReasons,
    baseCurrency: context.rates.base,
    ...figuresOf(everything.values(), context.rates),
    stages: context.stages.map((stage) => column(stage, figures.get(stage.id), cards.get(stage.id), context.rates)),
  };
}

function column(
  stage: Stage,
  buckets: Map<string, Bucket> | undefined,
  page: { cards: BoardCard[]; nextCursor: string | null } | undefined,
  rates: Rates,
): BoardColumn {
  return { ...stage, ...figuresOf(buckets?.values() ?? [], rates), ...(page ?? { cards: [], nextCursor: null }) };
}

export interface ColumnQueryInput extends BoardQueryInput {
  cursor?: string;
}

/** One column of the board: the stage's figures and the page of cards after the cursor. */
export async function loadColumn(
  tx: Tx,
  caller: Caller,
  pipelineId: string,
  stageId: string,
  query: ColumnQueryInput,
): Promise<BoardColumn> {
  const after = readCursor(query.cursor);
  const context = await loadContext(tx, caller, pipelineId);
  const stage = context.stages.find((s) => s.id === stageId);
  if (!stage) throw new ProblemError(404, 'No stage with this id in this pipeline.');
  const filters = await resolveFilters(tx, caller, context, query);
  const figures = await stageFigures(tx, caller, context, [stage], filters);
  const read = await tagCards(tx, caller, [stage], filters, figures);
  const cards = await stageCards(tx, caller, read.stages, read.filters, query.limit, after);
  return column(stage, figures.get(stage.id), cards.get(stage.id), context.rates);
}
