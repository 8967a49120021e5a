import { OPEN_LEAD_STATUSES, type FieldError, type Stage } from '@crmkit/core';
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { campaigns, leads, opportunities, pipelines, stageHistory, stages } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { assignLead } from '../leads/assignment.js';
import { emailKey, openLeadsMatching, phoneKey } from '../leads/matching.js';
import { when } from './customers.js';
import { syncPrimaryContact } from './deal-primary-contact.js';
import { defineResource, type Row } from './resource.js';

export const campaignResource = defineResource({
  path: 'campaigns',
  entity: 'campaign',
  tag: 'Campaigns',
  table: campaigns,
  sorts: { name: campaigns.name, startsOn: campaigns.startsOn, createdAt: campaigns.createdAt },
  search: sql`lower(${campaigns.name})` as never,
  filters: (q) => [when(q.channel as string, (v) => eq(campaigns.channel, v))],
  beforeWrite: (values) => {
    const errors: FieldError[] = [];
    if (values.budgetAmount != null && !values.budgetCurrency)
      errors.push({ path: 'budgetCurrency', code: 'required', message: 'Give the budget a currency' });
    if (values.startsOn && values.endsOn && String(values.endsOn) < String(values.startsOn))
      errors.push({ path: 'endsOn', code: 'invalid_value', message: 'Ends before it starts' });
    if (errors.length) throw validationProblem(errors);
  },
});

export const leadResource = defineResource({
  path: 'leads',
  entity: 'lead',
  tag: 'Leads',
  table: leads,
  sorts: { name: leads.name, score: leads.score, createdAt: leads.createdAt },
  search: leads.search,
  filters: (q) => [
    when(q.status as string, (v) => eq(leads.status, v as 'new')),
    when(q.open as boolean, (v) =>
      v ? inArray(leads.status, [...OPEN_LEAD_STATUSES]) : notInArray(leads.status, [...OPEN_LEAD_STATUSES]),
    ),
    when(q.ownerId as string, (v) => eq(leads.ownerId, v)),
    when(q.unassigned as boolean, (v) => (v ? isNull(leads.ownerId) : isNotNull(leads.ownerId))),
    when(q.createdBefore as string, (v) => lt(leads.createdAt, new Date(v))),
    when(q.campaignId as string, (v) => eq(leads.campaignId, v)),
    when(q.externalId as string, (v) => eq(leads.externalId, v)),
  ],
  /**
   * A disqualified lead needs its reason; a converted lead stays converted (conversion is final
   * and made only by `POST /leads/{id}/convert`). A new lead without an owner gets one from the
   * organization's assignment rules, with the rule and the reason on the lead; an owner changed
   * by a write is no longer the rule's choice.
   */
  beforeWrite: async (lead, { tx, caller, before }) => {
    if (before?.status === 'converted' && lead.status !== 'converted')
      throw new ProblemError(409, 'This lead is converted: its status can no longer change.', {
        errors: [{ path: 'status', code: 'invalid_value', message: 'A converted lead stays converted' }],
      });
    if (lead.status === 'disqualified' && !lead.disqualifiedReason)
      throw validationProblem([
        { path: 'disqualifiedReason', code: 'required', message: 'Say why the lead is disqualified' },
      ]);
    if (before) {
      // The kit's own re-assignment writes its reason with the owner; any other change of owner is by hand.
      const byHand = before.ownerId !== lead.ownerId && before.assignmentReason === lead.assignmentReason;
      return byHand ? assignedByHand(lead.ownerId) : undefined;
    }
    if (lead.ownerId) return;
    return ((await assignLead(tx, caller.orgId, lead)) as Row | null) ?? undefined;
  },
  /** An imported lead with an open lead's email or phone number is that lead, not a twin. */
  duplicateOf: async (tx, caller, creates) =>
    (
      await openLeadsMatching(
        tx,
        caller.orgId,
        creates.map((create) => ({ email: create.email as string | null, phone: create.phone as string | null })),
      )
    ).map((lead) => (lead ? [lead] : [])),
  duplicateKeys: (create) => {
    const email = emailKey(create.email as string | null);
    const phone = phoneKey(create.phone as string | null);
    return [...(email ? [`email:${email}`] : []), ...(phone ? [`phone:${phone}`] : [])];
  },
});

/**
 * A change of owner by a write, not by a rule: the rule that chose the previous owner no longer
 * explains the lead's owner, so its id and reason go (history keeps them).
 */
function assignedByHand(ownerId: unknown): Row {
  return ownerId
    ? { assignmentRuleId: null, assignmentReason: 'assigned by hand', assignedAt: new Date() }
    : { assignmentRuleId: null, assignmentReason: null, assignedAt: null };
}

/** A pipeline's live stages in order. */
export async function pipelineStages(tx: Tx, orgId: string, pipelineId: string): Promise<Stage[]> {
  const rows = await tx
    .select()
    .from(stages)
    .where(and(eq(stages.orgId, orgId), eq(stages.pipelineId, pipelineId), isNull(stages.deletedAt)))
    .orderBy(asc(stages.position));
  return rows.map(toStage);
}

function toStage({ id, name, position, probability, kind, requires }: typeof stages.$inferSelect): Stage {
  return { id, name, position, probability, kind, requires: requires as Stage['requires'] };
}

/**
 * A live stage of the pipeline, locked until the transaction ends (FOR SHARE), so that a deal
 * written into it cannot race a pipeline change removing it: {@link syncStages} locks the stages
 * it removes before it looks for deals in them, so one of the two waits for the other and then
 * sees what it did. Undefined when the pipeline has no such live stage.
 */
export async function lockStage(tx: Tx, orgId: string, pipelineId: string, stageId: string) {
  const [row] = await tx
    .select()
    .from(stages)
    .where(
      and(eq(stages.orgId, orgId), eq(stages.id, stageId), eq(stages.pipelineId, pipelineId), isNull(stages.deletedAt)),
    )
    .for('share');
  return row && toStage(row);
}

type StageInput = { id?: string; name: string; probability: number; kind: Stage['kind']; requires: Stage['requires'] };

/**
 * Makes a pipeline's stages the given list: listed stages keep their id and take their new
 * place, new ones are added, and stages left out go to the trash unless deals are still in them.
 */
async function syncStages(tx: Tx, orgId: string, pipelineId: string, wanted: StageInput[]) {
  const current = await pipelineStages(tx, orgId, pipelineId);
  const errors: FieldError[] = [];
  wanted.forEach((s, i) => {
    if (s.id && !current.some((c) => c.id === s.id))
      errors.push({ path: `stages.${i}.id`, code: 'not_found', message: 'Not a stage of this pipeline' });
  });
  if (!wanted.some((s) => s.kind === 'open'))
    errors.push({ path: 'stages', code: 'invalid_value', message: 'A pipeline needs at least one open stage' });
  if (errors.length) throw validationProblem(errors);

  const keep = wanted.flatMap((s) => (s.id ? [s.id] : []));
  const dropped = current.filter((c) => !keep.includes(c.id)).map((c) => c.id);
  if (dropped.length) {
    // Lock the stages first: a deal write entering one of them either finished before (and is
    // counted below) or waits, then finds the stage gone (see lockStage).
    await tx
      .select({ id: stages.id })
      .from(stages)
      .where(and(eq(stages.orgId, orgId), inArray(stages.id, dropped)))
      .orderBy(asc(stages.id))
      .for('update');
    const [inUse] = await tx
      .select({ n: count() })
      .from(opportunities)
      .where(
        and(eq(opportunities.orgId, orgId), inArray(opportunities.stageId, dropped), isNull(opportunities.deletedAt)),
      );
    if (inUse!.n > 0) throw new ProblemError(409, 'Move the deals out of a stage before removing it.');
    await tx
      .update(stages)
      .set({ deletedAt: sql`now()`, version: sql`${stages.version} + 1`, updatedAt: sql`now()` })
      .where(
        and(
          eq(stages.orgId, orgId),
          eq(stages.pipelineId, pipelineId),
          notInArray(stages.id, keep.length ? keep : [uuidv7()]),
        ),
      );
  }
  for (const [position, s] of wanted.entries()) {
    const values = { name: s.name, probability: s.probability, kind: s.kind, requires: s.requires, position };
    if (s.id) {
      await tx
        .update(stages)
        .set({ ...values, version: sql`${stages.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(stages.orgId, orgId), eq(stages.id, s.id)));
    } else {
      await tx.insert(stages).values({ ...values, orgId, id: uuidv7(), pipelineId });
    }
  }
}

export const pipelineResource = defineResource({
  path: 'pipelines',
  entity: 'pipeline',
  tag: 'Pipelines',
  table: pipelines,
  sorts: { name: pipelines.name, createdAt: pipelines.createdAt },
  search: sql`lower(${pipelines.name})` as never,
  writeRoles: ['owner', 'admin'],
  virtualFields: ['stages'],
  toApi: async (row, tx) => ({ stages: await pipelineStages(tx, String(row.orgId), String(row.id)) }),
  afterWrite: async (row, { tx, caller, before, input }) => {
    if (!before || input.stages !== undefined)
      await syncStages(tx, caller.orgId, String(row.id), row.stages as StageInput[]);
    if (row.isDefault) {
      // One default pipeline per organization.
      await tx
        .update(pipelines)
        .set({ isDefault: false })
        .where(
          and(
            eq(pipelines.orgId, caller.orgId),
            eq(pipelines.isDefault, true),
            sql`${pipelines.id} <> ${String(row.id)}`,
          ),
        );
    }
  },
});

/** What a stage asks of a deal that enters it, as field errors. */
function unmetRequirements(stage: Stage, deal: Row): FieldError[] {
  return stage.requires
    .filter(
      (field) =>
        deal[field] === null ||
        deal[field] === undefined ||
        deal[field] === '' ||
        (field === 'amount' && deal[field] === 0),
    )
    .map((field) => ({ path: field, code: 'required', message: `Required to move into ${stage.name}` }));
}

export const opportunityResource = defineResource({
  path: 'opportunities',
  entity: 'opportunity',
  tag: 'Opportunities',
  table: opportunities,
  sorts: {
    name: opportunities.name,
    amount: opportunities.amount,
    expectedCloseDate: opportunities.expectedCloseDate,
    createdAt: opportunities.createdAt,
    updatedAt: opportunities.updatedAt,
  },
  search: opportunities.search,
  filters: (q) => [
    when(q.customerId as string, (v) => eq(opportunities.customerId, v)),
    when(q.pipelineId as string, (v) => eq(opportunities.pipelineId, v)),
    when(q.stageId as string, (v) => eq(opportunities.stageId, v)),
    when(q.ownerId as string, (v) => eq(opportunities.ownerId, v)),
    when(q.campaignId as string, (v) => eq(opportunities.campaignId, v)),
    when(q.forecastCategory as string, (v) => eq(opportunities.forecastCategory, v as 'pipeline')),
    when(q.closeFrom as string, (v) => gte(opportunities.expectedCloseDate, v)),
    when(q.closeTo as string, (v) => lte(opportunities.expectedCloseDate, v)),
    when(q.externalId as string, (v) => eq(opportunities.externalId, v)),
  ],
  /** The stage must be one of the pipeline's; entering it sets the stage time and the close. */
  beforeWrite: async (deal, { tx, caller, before }) => {
    const stageChanged = !before || deal.stageId !== before.stageId || deal.pipelineId !== before.pipelineId;
    if (!stageChanged) return;
    const stage = await lockStage(tx, caller.orgId, String(deal.pipelineId), String(deal.stageId));
    if (!stage)
      throw validationProblem([{ path: 'stageId', code: 'not_found', message: 'Not a stage of this pipeline' }]);
    const unmet = unmetRequirements(stage, deal);
    if (unmet.length) throw validationProblem(unmet);
    // A deal taken back out of a won or lost stage is forecast again, as a new deal is.
    const reopened = before?.closedAt != null && stage.kind === 'open';
    return {
      pipelineId: deal.pipelineId,
      ...enterStage(stage, before ? 'bottom' : 'top'),
      ...(reopened ? { forecastCategory: 'pipeline' } : {}),
    };
  },
  /**
   * A deal comes back from the trash in its stage; when that stage was removed meanwhile, in its
   * pipeline's first open stage (as a deal moved there), rather than in a stage no board shows.
   * Refusing would leave the user no way out: a trashed deal cannot be moved before it is restored.
   */
  beforeTrash: async (deal, trashed, { tx, caller }) => {
    const pipelineId = String(deal.pipelineId);
    if (trashed || (await lockStage(tx, caller.orgId, pipelineId, String(deal.stageId)))) return;
    const open = (await pipelineStages(tx, caller.orgId, pipelineId)).find((stage) => stage.kind === 'open');
    const stage = open && (await lockStage(tx, caller.orgId, pipelineId, open.id));
    if (!stage) {
      throw new ProblemError(409, 'Its stage was removed and its pipeline has no open stage to restore it into.', {
        errors: [{ path: 'stageId', code: 'not_found', message: 'Not a stage of this pipeline any more' }],
      });
    }
    await recordStageChange(tx, caller, String(deal.id), String(deal.stageId), stage.id);
    return enterStage(stage, 'bottom');
  },
  afterWrite: async (deal, { tx, caller, before }) => {
    // The deal's contactId is its primary contact; its contact rows follow (deal-primary-contact.ts).
    if (before ? deal.contactId !== before.contactId : deal.contactId)
      await syncPrimaryContact(tx, caller.orgId, String(deal.id), (deal.contactId as string | null) ?? null);
    if (before && deal.stageId === before.stageId) return;
    await recordStageChange(
      tx,
      caller,
      String(deal.id),
      (before?.stageId as string | undefined) ?? null,
      String(deal.stageId),
    );
  },
});

/**
 * What entering a stage sets on a deal: the stage, its time, the close, and a place in the column.
 * A new deal goes to the top, where whoever created it sees it on the column's first page however
 * long the column; a deal that changes stage goes to the bottom. Both by the clock (the newest new
 * deal above the others, the latest arrival below them), so no other card's position is read.
 */
function enterStage(stage: Stage, place: 'top' | 'bottom'): Row {
  const closed = stage.kind !== 'open';
  const now = Date.now() / 1000;
  return {
    stageId: stage.id,
    stageEnteredAt: new Date(),
    closedAt: closed ? new Date() : null,
    position: place === 'top' ? -now : now,
    ...(closed ? { forecastCategory: stage.kind === 'won' ? 'closed' : 'omitted' } : {}),
  };
}

/** A deal's move from one stage to another (from none: created) in its stage history. */
async function recordStageChange(tx: Tx, caller: Caller, dealId: string, from: string | null, to: string) {
  await tx.insert(stageHistory).values({
    orgId: caller.orgId,
    id: uuidv7(),
    opportunityId: dealId,
    fromStageId: from,
    toStageId: to,
    changedBy: caller.userId,
  });
}
