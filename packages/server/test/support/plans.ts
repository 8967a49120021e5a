// How the plan tests see what PostgreSQL would do: an organization with rows enough that a scan
// would show, the plans (EXPLAIN, as the transaction's role and settings) of queries and of SQL
// functions' bodies, and transactions that show the plans of the queries the kit runs in them.
import { sql, type SQL } from 'drizzle-orm';
import { beforeAll } from 'vitest';
import { inOrg, type CrmDatabase, type Db, type Tx } from '../../src/db/database.js';
import { rows } from '../../src/db/rows.js';
import { createTestKit, type Member, type TestOrg } from '../kit.js';

/** An organization of a plan test, and the admin whose role (the kit's) explains its queries. */
export interface LoadedOrg {
  readonly org: TestOrg;
  readonly caller: Member;
}

/**
 * For a plan test file: Globex of a fresh test kit on the database of `get`, filled by `fill` (in
 * the organization, as the migrating role) and then analyzed, so that the planner weighs the rows
 * `fill` loaded. Sets it up before the file's tests; read it inside them.
 */
export function loadedOrg(
  get: () => CrmDatabase,
  /** Which tables `fill` loads, to analyze: `crm.` is added. */
  tables: string[],
  fill: (tx: Tx, orgId: string) => Promise<void>,
): LoadedOrg {
  let org: TestOrg | undefined;
  beforeAll(async () => {
    const database = get();
    const kit = await createTestKit(database);
    const globex = kit.globex;
    await inOrg(database.db, { orgId: globex.id }, (tx) => fill(tx, globex.id));
    await database.db.execute(sql.raw(`analyze ${tables.map((table) => `crm.${table}`).join(', ')}`));
    org = globex;
  }, 120_000);
  const loaded = () => {
    if (!org) throw new Error('The organization is not loaded yet');
    return org;
  };
  return {
    get org() {
      return loaded();
    },
    get caller() {
      return loaded().users.admin;
    },
  };
}

/** What EXPLAIN says of `query`, as the role and settings of `tx`: its lines as one text. */
export async function explain(tx: Tx | Db, query: SQL): Promise<string> {
  const lines = await rows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
  return lines.map((l) => l['QUERY PLAN']).join('\n');
}

/** A plan with its array literals left out (`'{…}'`), so that a failure shows the plan's shape. */
export function shortened(plan: string): string {
  return plan.replace(/'\{[^}]*\}'/g, "'{…}'");
}

/**
 * The plan of a SQL function's body (`signature`, as `regprocedure` reads it), its parameters
 * replaced by `literals`: a function's inner plan is not in its caller's EXPLAIN. Explained as the
 * migrating role, which owns the security-definer functions (the tests connect as it), in a
 * transaction of that role (inOrg would switch to the kit's), with the organization set as the kit
 * sets it and any further `settings` the function sets for its own run.
 */
export function explainFunction(
  db: Db,
  orgId: string,
  signature: string,
  literals: (body: string) => string,
  settings: Record<string, string> = {},
): Promise<string> {
  return db.transaction(async (tx) => {
    for (const [name, value] of Object.entries({ 'crm.org_id': orgId, ...settings })) {
      await tx.execute(sql`select set_config(${name}, ${value}, true)`);
    }
    const [body] = await rows<{ src: string }>(
      tx,
      sql`select prosrc as src from pg_proc where oid = ${signature}::regprocedure`,
    );
    if (!body) throw new Error(`No function ${signature}`);
    return explain(tx, sql.raw(literals(body.src)));
  });
}

/**
 * A transaction whose list queries are explained instead of run: `select()` builders answer no
 * rows and add their plan (EXPLAIN as this transaction's role and settings) to `plans`.
 */
export function explaining(tx: Tx, plans: string[]): Tx {
  return new Proxy(tx, {
    get(target, key) {
      if (key !== 'select') {
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (...args: Parameters<Tx['select']>) => {
        const builder = target.select(...args);
        // `from()` makes the query; its other methods (where, orderBy, limit) return it.
        const from = builder.from.bind(builder);
        return Object.assign(builder, {
          from: (...tables: Parameters<typeof from>) => {
            const query = from(...tables);
            const plan = async () => {
              plans.push(await explain(target, query.getSQL()));
              return [];
            };
            Object.defineProperty(query, 'then', {
              value: (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) =>
                plan().then(resolve, reject),
            });
            return query;
          },
        });
      };
    },
  });
}

/** A transaction that runs every raw query (`execute`) and adds its plan (EXPLAIN, as this transaction's role) to `plans`. */
export function observing(tx: Tx, plans: string[]): Tx {
  return new Proxy(tx, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key !== 'execute') {
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return async (query: SQL) => {
        plans.push(await explain(target, query));
        return target.execute(query);
      };
    },
  });
}
