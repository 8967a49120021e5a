import type { FieldError, ResourceTypes } from '@crmkit/core';
import { and, eq, sql } from 'drizzle-orm';
import { dbOf, type Db, type Tx } from '../db/database.js';
import { stages } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import type { Row } from '../resources/resource.js';

/** Each kind of record by the entity name its events carry (`customer.created`, …). */
export interface HookRecords {
  customer: ResourceTypes<'customers'>['record'];
  contact: ResourceTypes<'contacts'>['record'];
  lead: ResourceTypes<'leads'>['record'];
  campaign: ResourceTypes<'campaigns'>['record'];
  pipeline: ResourceTypes<'pipelines'>['record'];
  opportunity: ResourceTypes<'opportunities'>['record'];
  activity: ResourceTypes<'activities'>['record'];
  order: ResourceTypes<'orders'>['record'];
  case: ResourceTypes<'cases'>['record'];
  segment: ResourceTypes<'segments'>['record'];
  user: ResourceTypes<'users'>['record'];
  team: ResourceTypes<'teams'>['record'];
  assignment_rule: ResourceTypes<'assignment-rules'>['record'];
  lead_form: ResourceTypes<'lead-forms'>['record'];
  quota: ResourceTypes<'quotas'>['record'];
  forecast_adjustment: ResourceTypes<'forecast-adjustments'>['record'];
}

const PAST = { create: 'created', update: 'updated', delete: 'deleted', restore: 'restored' } as const;
type Past = (typeof PAST)[keyof typeof PAST];

/**
 * Events that say more than "changed", each of one entity: a deal entering a won or a lost stage
 * (on create or on any update: a PATCH, a board move, a lead's conversion), a lead converted.
 */
interface OutcomeEvents {
  'opportunity.won': 'opportunity';
  'opportunity.lost': 'opportunity';
  'lead.converted': 'lead';
}

/** A hook's event: a change as webhooks name it (`order.created`), or an outcome (`opportunity.won`). */
export type CrmHookEvent = `${keyof HookRecords}.${Past}` | keyof OutcomeEvents;

type EntityOf<E extends CrmHookEvent> = E extends keyof OutcomeEvents
  ? OutcomeEvents[E]
  : E extends `${infer N extends keyof HookRecords}.${Past}`
    ? N
    : never;

/** What a hook is called with, inside the transaction that writes the change. */
export interface CrmHookCall<E extends CrmHookEvent = CrmHookEvent> {
  type: E;
  /**
   * The writing transaction: what the hook writes here commits with the change or not at all. It
   * runs as the kit's role `crm_app` under row-level security: grant that role what the hook
   * needs on the host's own tables.
   */
  tx: Tx;
  /** Who is writing (an API key acts for its organization, with `userId` null). */
  caller: Caller;
  /** The record as the API showed it before the write; null on create. */
  before: HookRecords[EntityOf<E>] | null;
  /** The record as the API shows it after the write. */
  after: HookRecords[EntityOf<E>];
}

export type CrmHook<E extends CrmHookEvent = CrmHookEvent> = (call: CrmHookCall<E>) => void | Promise<void>;

/** The host's hooks, by event (see docs/integration.md). */
export type CrmHooks = { [E in CrmHookEvent]?: CrmHook<E> };

export interface CrmHookRejectionInit {
  /** 422 (the default: the record breaks a rule of the host) or 409 (it conflicts with the host's state). */
  status?: 409 | 422;
  /** A short summary; by default the status's own title. */
  title?: string;
  /** What is wrong, for the person who sent the write. */
  detail: string;
  /** The fields at fault, as the kit's own validation names them. */
  errors?: FieldError[];
}

/**
 * Thrown by a host's hook to refuse a write: the transaction rolls back (no record, no history
 * entry, no event) and the caller gets this problem. Anything else a hook throws is a 500.
 */
export class CrmHookRejection extends ProblemError {
  constructor({ status, title, detail, errors }: CrmHookRejectionInit) {
    // Checked at run time too: a host in plain JavaScript could ask for any status.
    super(status === 409 ? 409 : 422, detail, { ...(title ? { title } : {}), ...(errors?.length ? { errors } : {}) });
    this.name = 'CrmHookRejection';
  }
}

/**
 * A hook that failed otherwise than by a {@link CrmHookRejection}: answered as a bare 500 and
 * logged with the original error's text. The original is not its `cause`, so that a database
 * error the host's own SQL raised is not taken for one of the kit's (a 409 about a kit field).
 */
export class CrmHookFailure extends Error {
  constructor(
    readonly event: CrmHookEvent,
    readonly thrown: unknown,
  ) {
    super(
      `The host's ${event} hook failed: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`,
    );
    this.name = 'CrmHookFailure';
  }
}

const registered = new WeakMap<Db, CrmHooks>();

/**
 * Runs `hooks` on every write to `db` (one kit's database handle): the requests, bulk and import
 * writes and scheduled jobs of every kit on it. One set per database handle.
 */
export function registerHooks(db: Db, hooks: CrmHooks): void {
  const known = registered.get(db);
  if (known && known !== hooks) throw new Error('This database already runs another set of hooks: pass one set.');
  registered.set(db, hooks);
}

/** A write as the audit log records it: the record's API form before (none on create) and after. */
export interface HookedWrite {
  action: keyof typeof PAST;
  before: Row | null;
  after: Row;
}

/**
 * Calls the host's hooks for writes to one entity, in order, one at a time, in their transaction
 * and before their audit entries and events are written: a throw leaves nothing to roll back but
 * the transaction itself.
 */
export async function runHooks(tx: Tx, entity: string, caller: Caller, writes: HookedWrite[]): Promise<void> {
  const db = dbOf(tx);
  const hooks = db && registered.get(db);
  if (!hooks || writes.length === 0) return;
  const calls = writes.map((write) => ({ type: `${entity}.${PAST[write.action]}` as CrmHookEvent, write }));
  if (entity === 'opportunity' && (hooks['opportunity.won'] || hooks['opportunity.lost'])) {
    calls.push(...(await closedDeals(tx, caller.orgId, writes)));
  }
  if (entity === 'lead' && hooks['lead.converted']) {
    const converted = writes.filter(
      ({ before, after }) => after.status === 'converted' && before?.status !== 'converted',
    );
    calls.push(...converted.map((write) => ({ type: 'lead.converted' as const, write })));
  }
  for (const { type, write } of calls) {
    const hook = hooks[type] as CrmHook | undefined;
    if (!hook) continue;
    try {
      await hook({ type, tx, caller, before: write.before, after: write.after } as CrmHookCall);
    } catch (error) {
      if (error instanceof CrmHookRejection) throw error;
      throw new CrmHookFailure(type, error);
    }
  }
}

/** The writes that put a deal into a won or a lost stage: a create there, or a change of stage. */
async function closedDeals(tx: Tx, orgId: string, writes: HookedWrite[]) {
  const entering = writes.filter(
    ({ action, before, after }) =>
      (action === 'create' || action === 'update') && after.closedAt != null && before?.stageId !== after.stageId,
  );
  if (entering.length === 0) return [];
  const kinds = new Map(
    (
      await tx
        .select({ id: stages.id, kind: stages.kind })
        .from(stages)
        .where(
          and(
            eq(stages.orgId, orgId),
            sql`${stages.id} = any(${sql.param(entering.map((w) => String(w.after.stageId)))}::uuid[])`,
          ),
        )
    ).map((stage) => [stage.id, stage.kind]),
  );
  return entering.flatMap((write) => {
    const kind = kinds.get(String(write.after.stageId));
    return kind === 'won' || kind === 'lost' ? [{ type: `opportunity.${kind}` as const, write }] : [];
  });
}
