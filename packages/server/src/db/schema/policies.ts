import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { crmApp } from './columns.js';

/**
 * What each member may see and change, on top of the tenant policy (`tenantPolicy`): restrictive
 * policies, so they narrow what the organization's policy allows. The transaction's settings come
 * from `inOrg()`: `crm.visibility` is 'all' (owner, admin, viewer, integrations), 'team' (a
 * manager: `crm.team_members` lists the members of the teams they manage, down the tree), 'own'
 * (a rep) or 'service' (a support agent: no owner's rows, but every row of the tables that grant
 * the service desk access, see {@link ServiceAccess}). The functions are defined in migration
 * 0010 (listed in `src/db/functions.ts`).
 *
 * Each function is called in a scalar subquery, `(select crm.visibility())`: PostgreSQL then
 * evaluates it once per statement (an InitPlan), not once per row, and a rep's condition is
 * `owner_id = any($owners)`, which the planner can estimate and match to the owner indexes.
 */
const everyone = sql`(select crm.visibility()) = 'all'`;

/** Rows the member may see by the owner `owner` (a column or an expression of the row). */
export const visibleOwner = (owner: SQL): SQL =>
  sql`(${everyone} or ${owner} = any ((select crm.visible_owner_ids())::uuid[]) or (${owner} is null and (select crm.visibility()) = 'team'))`;

/** Rows of `table` whose `column` names a row of `parent` that the member may see (its policies decide). */
export const visibleParent = (table: string, column: string, parent: string): SQL =>
  sql.raw(`exists (select 1 from crm.${parent} p where p.org_id = ${table}.org_id and p.id = ${table}.${column})`);

/**
 * Rows whose parent (named by `column`) the member may see, by the parent's owner as the row keeps
 * a copy of it (`parentOwner`, kept in step by the triggers of migration 0012). The same
 * answer as {@link visibleParent}, but a comparison with the member's owners instead of a subplan
 * over the parent table: cheap per row, and an index condition for the lists' owner hints.
 */
export const visibleThroughParent = (column: string, parentOwner: string): SQL =>
  sql.raw(
    `(${column} is not null and (${parentOwner} = any ((select crm.visible_owner_ids())::uuid[]) or (${parentOwner} is null and (select crm.visibility()) = 'team')))`,
  );

/** Viewers read; everyone else writes what they can see. */
const canWrite = sql`(select crm.can_write())`;

/** A support agent's transaction (role `support`). */
const serviceDesk = sql`(select crm.visibility()) = 'service'`;

/**
 * What a support agent may do with a table's rows, whoever owns them: read them, or read and write
 * them; `rows` narrows which (e.g. activities not about a deal or a lead). A table without it
 * shows support agents nothing of its owned rows: sales records stay with sales.
 */
export interface ServiceAccess {
  access: 'read' | 'write';
  rows?: SQL;
}

const serviceRows = (service: ServiceAccess): SQL =>
  service.rows ? sql`(${serviceDesk} and ${service.rows})` : serviceDesk;

const policy = (name: string, config: Parameters<typeof pgPolicy>[1]) =>
  pgPolicy(name, { as: 'restrictive', to: crmApp, ...config });

/**
 * The member policies of a table whose rows have an owner or a parent: visible rows only, and
 * writes only by members who may write, of rows they may see (before and after the write).
 * `deletes: false` leaves hard deletes to the tenant policy (tables the kit never deletes from).
 */
export function memberPolicies(
  table: string,
  visible: SQL,
  { deletes = true, service }: { deletes?: boolean; service?: ServiceAccess } = {},
) {
  const readable = service ? sql`${visible} or ${serviceRows(service)}` : visible;
  const writable = sql`${canWrite} and (${service?.access === 'write' ? readable : visible})`;
  return [
    policy(`${table}_visible`, { for: 'select', using: readable }),
    policy(`${table}_insert`, { for: 'insert', withCheck: writable }),
    policy(`${table}_update`, { for: 'update', using: writable, withCheck: writable }),
    ...(deletes ? [policy(`${table}_delete`, { for: 'delete', using: writable })] : []),
  ];
}

/** The member policies of a table every member sees: only members who may write write. */
export function writerPolicies(table: string) {
  return [
    policy(`${table}_insert`, { for: 'insert', withCheck: canWrite }),
    policy(`${table}_update`, { for: 'update', using: canWrite }),
  ];
}

/** The member policies of a sales table every member sees (e.g. pipelines): none of it for support agents. */
export function salesPolicies(table: string) {
  const sells = sql`(select crm.visibility()) <> 'service'`;
  return [policy(`${table}_sales`, { for: 'all', using: sells, withCheck: sells })];
}

/** Owned records: visible by their owner (and to support agents as `service` allows). */
export const ownedPolicies = (table: string, service?: ServiceAccess) =>
  memberPolicies(table, visibleOwner(sql.raw('owner_id')), { service });

/**
 * Records visible by their owner or through their parents' owners, copied onto the row (e.g. a
 * contact through its customer: `['customer_id', 'customer_owner_id']`), and to support agents
 * as `service` allows.
 */
export const ownedOrChildPolicies = (
  table: string,
  service: ServiceAccess | undefined,
  ...parents: [column: string, parentOwner: string][]
) =>
  memberPolicies(
    table,
    sql.join(
      [
        visibleOwner(sql.raw('owner_id')),
        ...parents.map(([column, parentOwner]) => visibleThroughParent(column, parentOwner)),
      ],
      sql` or `,
    ),
    { service },
  );

/**
 * Records without an owner, visible through their parent (e.g. stage history through its deal);
 * `deletes` for rows the kit removes (a deal's contacts), else hard deletes are left to the tenant policy.
 */
export const childPolicies = (table: string, column: string, parent: string, { deletes = false } = {}) =>
  memberPolicies(table, sql`${everyone} or ${visibleParent(table, column, parent)}`, { deletes });

/** Records without an owner, visible through their parent's owner copied onto the row (an order through its customer). */
export const parentOwnedPolicies = (table: string, column: string, parentOwner: string, service?: ServiceAccess) =>
  memberPolicies(table, sql`${everyone} or ${visibleThroughParent(column, parentOwner)}`, { deletes: false, service });
