import { and, eq, sql } from 'drizzle-orm';
import { inOrg, type Db, type Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { assignmentRules } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { updateRecords } from '../resources/crud.js';
import { leadResource } from '../resources/sales.js';
import { choose, ruleLabel } from './assignment.js';

/**
 * Re-assignment of leads nobody touched: a lead a rule assigned that is still `new`, with no
 * activity logged on it since, `reassign_after_hours` after its assignment goes by the same rule
 * to another available member. Everything is derived from the database (no queue in memory), so
 * the job survives restarts, and a lead is due again only N hours after its last assignment, so
 * running it twice, or from several processes at once, re-assigns each due lead once.
 */

export interface ReassignOptions {
  /** The time the job takes as now (tests); default the clock's. */
  now?: Date;
  /** How many leads one transaction takes on (a batch); default 100. */
  limit?: number;
}

export interface ReassignResult {
  /** Leads given to another member. */
  reassigned: number;
  /** Due leads left with their owner, as nobody else of their rule was available. */
  kept: number;
}

/**
 * The system acting for an organization: no member (the history shows no actor), with an
 * admin's reach, as a public form's submission writes its lead.
 */
const systemCaller = (orgId: string): Caller => ({ orgId, userId: null, role: 'admin', via: 'api-key' });

interface DueRule extends Record<string, unknown> {
  org_id: string;
  id: string;
}

/**
 * The rules, across organizations, with at least one due lead. Read as the tables' owner (its
 * provisioning policy sees every organization), as the webhook worker claims deliveries; each
 * rule's leads are then written in a transaction scoped to its own organization.
 */
async function dueRules(db: Db, now: Date): Promise<DueRule[]> {
  return rows<DueRule>(
    db,
    sql`select r.org_id::text as org_id, r.id::text as id from crm.assignment_rules r
        where r.reassign_after_hours is not null and r.active and r.deleted_at is null
          and exists (select 1 from crm.leads l
            where l.org_id = r.org_id and l.assignment_rule_id = r.id and l.status = 'new' and l.deleted_at is null
              and l.assigned_at <= ${now.toISOString()}::timestamptz - make_interval(hours => r.reassign_after_hours))
        order by r.org_id, r.position, r.id`,
  );
}

interface DueLead extends Record<string, unknown> {
  id: string;
  owner_id: string | null;
  assigned_at: string;
}

/**
 * Up to `limit` due leads of a rule after `after`. Untouched: no activity logged on the lead
 * since its assignment, and no member changed it since (a manager who hands it to someone by
 * hand, or a rep who edits it, has touched it; the kit's own writes and integrations have not).
 * After `after` (the batch's keyset): a lead nobody could take is not looked at again in the same
 * run. Locked with `SKIP LOCKED`: a lead another run (or a member's write) holds is left to it;
 * once that commits, the lead is no longer due.
 */
async function dueLeads(
  tx: Tx,
  orgId: string,
  ruleId: string,
  hours: number,
  now: Date,
  limit: number,
  after: { at: string; id: string } | null,
): Promise<DueLead[]> {
  return rows<DueLead>(
    tx,
    sql`select l.id::text as id, l.owner_id::text as owner_id, l.assigned_at::text as assigned_at from crm.leads l
        where l.org_id = ${orgId} and l.assignment_rule_id = ${ruleId} and l.status = 'new' and l.deleted_at is null
          and l.assigned_at <= ${now.toISOString()}::timestamptz - make_interval(hours => ${hours}::int)
          ${after ? sql`and (l.assigned_at, l.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
          and not exists (select 1 from crm.activities a
            where a.org_id = l.org_id and a.lead_id = l.id and a.deleted_at is null and a.created_at >= l.assigned_at)
          and not exists (select 1 from crm.audit_log h
            where h.org_id = l.org_id and h.entity = 'lead' and h.entity_id = l.id and h.at >= l.assigned_at
              and h.action = 'update' and h.actor_id is not null)
        order by l.assigned_at, l.id
        limit ${limit}
        for update of l skip locked`,
  );
}

/**
 * One batch of a rule's due leads, in one transaction of its organization: the rule locked (as
 * an assignment locks it, so its turns are taken one after another), then each lead given to
 * the next available member other than its owner through the kit's update path (version,
 * history entry, `/events` and webhooks). Null when the rule has no due lead left.
 */
async function reassignBatch(
  db: Db,
  due: DueRule,
  now: Date,
  limit: number,
  after: { at: string; id: string } | null,
): Promise<{ reassigned: number; kept: number; last: { at: string; id: string } | null; full: boolean } | null> {
  const caller = systemCaller(due.org_id);
  return inOrg(db, caller, async (tx) => {
    const [rule] = await tx
      .select()
      .from(assignmentRules)
      .where(and(eq(assignmentRules.orgId, due.org_id), eq(assignmentRules.id, due.id)))
      .for('update');
    const hours = rule?.reassignAfterHours;
    if (!rule || !rule.active || rule.deletedAt || !hours) return null;
    const leads = await dueLeads(tx, due.org_id, rule.id, hours, now, limit, after);
    if (!leads.length) return null;
    let { turn } = rule;
    let reassigned = 0;
    for (const lead of leads) {
      const chosen = await choose(tx, { ...rule, turn }, new Set(lead.owner_id ? [lead.owner_id] : []));
      // Nobody else available: the lead stays with its owner, looked at again on a later run.
      if (!chosen) continue;
      if (chosen.turn !== undefined) turn = chosen.turn;
      await updateRecords(tx, leadResource, caller, [
        {
          id: lead.id,
          input: {
            ownerId: chosen.userId,
            assignmentReason: `${ruleLabel(rule)}: reassigned after ${hours} ${hours === 1 ? 'hour' : 'hours'} untouched (${chosen.why})`,
            assignedAt: now.toISOString(),
          },
        },
      ]);
      reassigned++;
    }
    // The rotation moves on, as for a new lead; the rule's version and count of leads do not.
    if (turn !== rule.turn) {
      await tx
        .update(assignmentRules)
        .set({ turn })
        .where(and(eq(assignmentRules.orgId, due.org_id), eq(assignmentRules.id, rule.id)));
    }
    const last = leads.at(-1)!;
    return {
      reassigned,
      kept: leads.length - reassigned,
      last: { at: last.assigned_at, id: last.id },
      full: leads.length === limit,
    };
  });
}

/**
 * Re-assigns every due lead of every organization, a batch per transaction. Safe to run at any
 * time from any number of processes (see the module's comment); `crmkit jobs run-once` and the
 * kit's scheduler (`createCrm({ jobs })`) call it.
 */
export async function reassignUntouchedLeads(db: Db, options: ReassignOptions = {}): Promise<ReassignResult> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 100;
  const result: ReassignResult = { reassigned: 0, kept: 0 };
  for (const due of await dueRules(db, now)) {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const batch = await reassignBatch(db, due, now, limit, after);
      if (!batch) break;
      result.reassigned += batch.reassigned;
      result.kept += batch.kept;
      if (!batch.full) break;
      after = batch.last;
    }
  }
  return result;
}
