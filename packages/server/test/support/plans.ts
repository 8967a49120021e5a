// Transactions that show the plans of the queries the kit runs in them (EXPLAIN, as the
// transaction's role and settings): how the plan tests see what PostgreSQL would do.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../src/db/database.js';
import { rows } from '../../src/db/rows.js';

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
              const lines = await rows<{ 'QUERY PLAN': string }>(target, sql`explain ${query.getSQL()}`);
              plans.push(lines.map((l) => l['QUERY PLAN']).join('\n'));
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
        const lines = await rows<{ 'QUERY PLAN': string }>(target, sql`explain ${query}`);
        plans.push(lines.map((l) => l['QUERY PLAN']).join('\n'));
        return target.execute(query);
      };
    },
  });
}
