// Shared by the benchmark scripts: timing, statistics, and a kit whose callers are chosen by a header.
import os from 'node:os';
import { createCrm, type Caller, type CrmDatabase } from '@crmkit/server';
import { connectPostgres } from '@crmkit/server/postgres';
import { sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { rows } from '../packages/server/src/db/rows.js';

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5433/crmkit_bench');
    process.exit(1);
  }
  return url;
}

export function openBenchDatabase(): CrmDatabase {
  return connectPostgres({ url: databaseUrl(), max: 4 });
}

/** Rows of a query as the database owner. */
export function ownerRows<T>(database: CrmDatabase, query: SQL): Promise<T[]> {
  return rows<T>(database.db, query);
}

/** The first admin of the organization `crmkit seed --scale N` made (slug `scale-N`), as a caller. */
export async function scaleAdmin(
  database: CrmDatabase,
  scale: string | number,
): Promise<Caller & { userId: string; role: 'admin' }> {
  const [admin] = await ownerRows<{ id: string; org_id: string }>(
    database,
    sql`select u.id, u.org_id from crm.users u join crm.organizations o on o.id = u.org_id
        where o.slug = ${`scale-${scale}`} and u.role = 'admin' limit 1`,
  );
  if (!admin) throw new Error(`No organization scale-${scale} with an admin: seed it first`);
  return { orgId: admin.org_id, userId: admin.id, role: 'admin' };
}

/** Ids of `count` customers of an organization, in an order that is random but the same every run. */
export async function sampleCustomerIds(database: CrmDatabase, orgId: string, count: number): Promise<string[]> {
  const found = await ownerRows<{ id: string }>(
    database,
    sql`select id from crm.customers where org_id = ${orgId} order by md5(id::text) limit ${count}`,
  );
  return found.map((r) => r.id);
}

export interface Stats {
  n: number;
  median: number;
  p95: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    n: sorted.length,
    median: at(0.5),
    p95: at(0.95),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `iterations` times, and returns the times in ms. */
export async function measure(fn: () => Promise<unknown>, iterations: number, warmup = Math.min(50, iterations)) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

export const ms = (n: number) => n.toFixed(2);

/** The kit, mounted like a host would, with the caller named by an `x-bench-user` header. */
export function benchKit(database: CrmDatabase, callers: Caller[]) {
  const byId = new Map(callers.map((c) => [c.userId!, c]));
  const crm = createCrm({ database, identify: (c) => byId.get(c.req.header('x-bench-user') ?? '') ?? null });
  const host = new Hono().route('/api/crm', crm);
  return async (caller: Caller, method: string, path: string, body?: unknown) => {
    const res = await host.request(`/api/crm${path}`, {
      method,
      headers: {
        'x-bench-user': caller.userId!,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
}

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
}

export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The 1-, 5- and 15-minute load averages, to print with every figure (the machine is shared). */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}
