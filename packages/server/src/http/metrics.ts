// Prometheus metrics for one kit: a small registry of its own, as the usual client (prom-client)
// is Node-only and the kit runs on any runtime.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { CrmDatabase } from '../db/database.js';
import type { CrmEnv } from './env.js';
import { ProblemError } from './problem.js';

/** `true` serves `/metrics` to anyone who reaches the kit; `{ token }` only with `Authorization: Bearer <token>`. */
export type MetricsOption = boolean | { token: string };

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;
const labelText = (labels: Labels) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

interface Series {
  labels: string;
  counts: number[];
  sum: number;
  count: number;
}

export class Metrics {
  /** Request durations by method, route pattern and status. */
  readonly #durations = new Map<string, Series>();
  /** Answers of 400 and above by status. */
  readonly #errors = new Map<number, number>();
  #inFlight = 0;
  #database: CrmDatabase | undefined;

  constructor(database: Promise<CrmDatabase>) {
    void database.then((db) => (this.#database = db)).catch(() => undefined);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = labelText({ method, route, status: String(status) });
    let series = this.#durations.get(labels);
    if (!series) this.#durations.set(labels, (series = { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) series.counts[i]!++;
    });
    series.sum += seconds;
    series.count++;
    if (status >= 400) this.#errors.set(status, (this.#errors.get(status) ?? 0) + 1);
  }

  /** Measures every request below it; the route is the pattern below the mount point, e.g. `/customers/:id`. */
  middleware(): MiddlewareHandler<CrmEnv> {
    return async (c, next) => {
      const mount = routePath(c).replace(/\/?\*$/, '');
      const started = performance.now();
      this.#inFlight++;
      try {
        await next();
      } finally {
        this.#inFlight--;
        const route = routePath(c).slice(mount.length) || '/';
        this.observe(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
      }
    };
  }

  /** The `/metrics` handler, behind the token when there is one. */
  handler(option: MetricsOption): MiddlewareHandler<CrmEnv> {
    const token = typeof option === 'object' ? option.token : undefined;
    return async (c) => {
      if (token && c.req.header('authorization') !== `Bearer ${token}`) {
        throw new ProblemError(401, 'Metrics need the metrics token.');
      }
      return c.body(this.text(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    };
  }

  /** The Prometheus text exposition format. */
  text(): string {
    const lines = [
      '# HELP crmkit_http_request_duration_seconds Time to answer a request, by method, route and status.',
      '# TYPE crmkit_http_request_duration_seconds histogram',
    ];
    for (const s of this.#durations.values()) {
      BUCKETS.forEach((le, i) =>
        lines.push(`crmkit_http_request_duration_seconds_bucket{${s.labels},le="${le}"} ${s.counts[i]}`),
      );
      lines.push(`crmkit_http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      lines.push(`crmkit_http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      lines.push(`crmkit_http_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    lines.push(
      '# HELP crmkit_http_errors_total Answers with a status of 400 or more (503: the database was out of reach).',
      '# TYPE crmkit_http_errors_total counter',
      ...[...this.#errors].map(([status, n]) => `crmkit_http_errors_total{status="${status}"} ${n}`),
      '# HELP crmkit_http_requests_in_flight Requests being answered now.',
      '# TYPE crmkit_http_requests_in_flight gauge',
      `crmkit_http_requests_in_flight ${this.#inFlight}`,
    );
    const pool = this.#database?.pool?.();
    if (pool) {
      lines.push(
        '# HELP crmkit_db_pool_connections Connections of the request pool: its size, those lent out, requests waiting for one.',
        '# TYPE crmkit_db_pool_connections gauge',
        `crmkit_db_pool_connections{state="max"} ${pool.max}`,
        `crmkit_db_pool_connections{state="busy"} ${pool.busy}`,
        `crmkit_db_pool_connections{state="waiting"} ${pool.waiting}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}
