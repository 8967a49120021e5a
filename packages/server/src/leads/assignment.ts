import type { AssignmentCondition } from '@crmkit/core';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { assignmentRules, openLeads } from '../db/schema/index.js';
import type { Row } from '../resources/resource.js';

export type Rule = typeof assignmentRules.$inferSelect;

/** What an assignment writes on the lead: the owner, the rule that chose them, and why. */
export interface Assignment {
  ownerId: string;
  assignmentRuleId: string;
  assignmentReason: string;
  assignedAt: Date;
}

/** The lead's value of a condition's field, as text (a custom attribute by `attributes.<key>`). */
function fieldValue(lead: Row, field: string): string | null {
  const value = field.startsWith('attributes.')
    ? (lead.attributes as Record<string, unknown> | undefined)?.[field.slice('attributes.'.length)]
    : lead[field];
  return value === null || value === undefined || typeof value === 'object' ? null : String(value);
}

/** Whether a lead meets every condition (text compared without regard to case). */
export function matches(lead: Row, conditions: AssignmentCondition[]): boolean {
  return conditions.every(({ field, values }) => {
    const value = fieldValue(lead, field)?.toLowerCase();
    return value !== undefined && values.some((v) => v.toLowerCase() === value);
  });
}

/**
 * A weighted rotation as a list of turns (smooth weighted round robin): each member appears as
 * often as their weight, spread out rather than in runs, so every window of the list is close to
 * the shares and each full cycle is exact.
 */
export function weightedTurns(weights: { userId: string; weight: number }[]): string[] {
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  const current = weights.map(() => 0);
  const turns: string[] = [];
  for (let i = 0; i < total; i++) {
    let best = 0;
    weights.forEach((w, j) => {
      current[j]! += w.weight;
      if (current[j]! > current[best]!) best = j;
    });
    current[best]! -= total;
    turns.push(weights[best]!.userId);
  }
  return turns;
}

/** Whether a member can take a lead now: active, not trashed, not away (SQL over `crm.users u`). */
const FREE = sql`(u.active and u.deleted_at is null and (u.away_until is null or u.away_until <= now()))`;

/** Of the given members, those who can take a lead now. */
async function available(tx: Tx, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await rows<{ id: string }>(
    tx,
    sql`select u.id::text as id from crm.users u
        where u.org_id = ${orgId} and u.id = any(${sql.param(ids)}::uuid[]) and ${FREE}`,
  );
  return new Set(found.map((u) => u.id));
}

/** A team member as a rotation's seat: whether they are free, and (for load) their open leads. */
interface Seat {
  id: string;
  free: boolean;
  open: number | null;
}

/**
 * A team's members in a stable order (by id), whether available or not (the rotation's seats),
 * with who is free and, when `countOpen`, the open leads of each free one: one query, since a
 * decision sits inside every new lead's transaction.
 */
export function teamSeatsQuery(orgId: string, teamId: string, countOpen: boolean): SQL {
  // Counted through the partial index leads_open_owner_idx, whose predicate is openLeads().
  const open = countOpen
    ? sql`case when ${FREE} then (select count(*)::int from crm.leads l
            where l.org_id = u.org_id and l.owner_id = u.id and ${openLeads('l')}) end`
    : sql`null::int`;
  return sql`select u.id::text as id, ${FREE} as free, ${open} as open from crm.users u
             where u.org_id = ${orgId} and u.team_id = ${teamId} and u.deleted_at is null
             order by u.id`;
}

/** The next available seat of a rotation from turn `turn` on, and the turn after it; null when nobody is. */
function nextTurn(seats: string[], free: Set<string>, turn: number): { userId: string; turn: number } | null {
  for (let step = 0; step < seats.length; step++) {
    const userId = seats[(turn + step) % seats.length]!;
    if (free.has(userId)) return { userId, turn: turn + step + 1 };
  }
  return null;
}

/** Of the free seats, the one with the fewest open leads (ties: the lowest id, as the seats are ordered). */
function leastLoaded(free: Seat[]): { userId: string; open: number } {
  const least = free.reduce((best, seat) => ((seat.open ?? 0) < (best.open ?? 0) ? seat : best));
  return { userId: least.id, open: least.open ?? 0 };
}

/** A rule's seats in order, and those free now (not in `exclude`). */
async function seatsOf(tx: Tx, rule: Rule, exclude: ReadonlySet<string>) {
  if (rule.strategy === 'round_robin' || rule.strategy === 'load') {
    const team = rule.teamId
      ? await rows<Seat>(tx, teamSeatsQuery(rule.orgId, rule.teamId, rule.strategy === 'load'))
      : [];
    return { seats: team.map((seat) => seat.id), free: team.filter((seat) => seat.free && !exclude.has(seat.id)) };
  }
  const seats = rule.strategy === 'weighted' ? weightedTurns(rule.weights) : rule.userId ? [rule.userId] : [];
  const candidates = [...new Set(seats)].filter((id) => !exclude.has(id));
  const free = await available(tx, rule.orgId, candidates);
  return { seats, free: candidates.filter((id) => free.has(id)).map((id) => ({ id, free: true, open: null })) };
}

/** Whom a rule chose, why (without the rule's name), and its rotation's next turn if it has one. */
export interface Choice {
  userId: string;
  why: string;
  turn?: number;
}

/**
 * Applies one rule, its row locked: the member it chooses and why, or null when nobody is
 * available. Members in `exclude` count as unavailable (a re-assignment leaves out the owner).
 */
export async function choose(tx: Tx, rule: Rule, exclude: ReadonlySet<string> = new Set()): Promise<Choice | null> {
  const { seats, free } = await seatsOf(tx, rule, exclude);
  if (free.length > 0) {
    if (rule.strategy === 'member') return { userId: seats[0]!, why: 'its member' };
    if (rule.strategy === 'load') {
      const { userId, open } = leastLoaded(free);
      return { userId, why: `fewest open leads in the team (${open})` };
    }
    const next = nextTurn(seats, new Set(free.map((seat) => seat.id)), rule.turn)!;
    const kind = rule.strategy === 'weighted' ? 'weighted turn' : 'round robin turn';
    return { userId: next.userId, turn: next.turn, why: `${kind} ${next.turn}` };
  }
  const fallback = rule.fallbackUserId;
  if (fallback && !exclude.has(fallback) && (await available(tx, rule.orgId, [fallback])).size) {
    const others = exclude.size ? 'its other members' : 'its members';
    return { userId: fallback, why: `fallback owner, as ${others} are away or inactive` };
  }
  return null;
}

/** How an assignment names its rule in the reason, e.g. `rule "Web leads"`. */
export const ruleLabel = (rule: Pick<Rule, 'name'>) => `rule "${rule.name}"`;

/**
 * Chooses the owner of a new lead by the organization's rules, in order: the first active rule
 * whose conditions the lead meets and that finds an available member (else its fallback owner)
 * decides. The rule's row is locked until the lead's transaction ends, so concurrent creates
 * take its turns one after the other; its counters move without a new version. Null when no
 * rule decides (the lead stays without an owner).
 */
export async function assignLead(tx: Tx, orgId: string, lead: Row): Promise<Assignment | null> {
  const rules = await tx
    .select({ id: assignmentRules.id, conditions: assignmentRules.conditions })
    .from(assignmentRules)
    .where(and(eq(assignmentRules.orgId, orgId), eq(assignmentRules.active, true), isNull(assignmentRules.deletedAt)))
    .orderBy(asc(assignmentRules.position), asc(assignmentRules.id));
  for (const candidate of rules) {
    if (!matches(lead, candidate.conditions as AssignmentCondition[])) continue;
    // Locked and read again: the turn read before the lock may be stale.
    const [rule] = await tx
      .select()
      .from(assignmentRules)
      .where(and(eq(assignmentRules.orgId, orgId), eq(assignmentRules.id, candidate.id)))
      .for('update');
    if (!rule || !rule.active || rule.deletedAt) continue;
    const chosen = await choose(tx, rule);
    if (!chosen) continue;
    await tx
      .update(assignmentRules)
      .set({
        assignedCount: sql`${assignmentRules.assignedCount} + 1`,
        ...(chosen.turn === undefined ? {} : { turn: chosen.turn }),
      })
      .where(and(eq(assignmentRules.orgId, orgId), eq(assignmentRules.id, rule.id)));
    return {
      ownerId: chosen.userId,
      assignmentRuleId: rule.id,
      assignmentReason: `${ruleLabel(rule)}: ${chosen.why}`,
      assignedAt: new Date(),
    };
  }
  return null;
}
