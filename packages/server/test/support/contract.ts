// Holds every response the server tests see to the contract: its status must be documented for
// its operation in the kit's OpenAPI document, and its JSON body must parse with the route's own
// schema (problems with the Problem schema). A mismatch fails the test that caused it (see setup.ts).
import { Problem } from '@crmkit/core';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { CrmApp } from '../../src/app.js';

interface Operation {
  method: string;
  pattern: RegExp;
  path: string;
  documented: Set<string>;
  schemas: Map<string, z.ZodType>;
}

const violations: string[] = [];

/** What the responses since the last call broke, emptying the list. */
export function takeViolations(): string[] {
  return violations.splice(0);
}

async function operationsOf(host: Hono, crm: CrmApp, mount: string): Promise<Operation[]> {
  const doc = (await (await host.request(`${mount}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  const registry = (crm as unknown as OpenAPIHono).openAPIRegistry.definitions;
  const routes = registry.flatMap((d) => (d.type === 'route' ? [d.route] : []));
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const route = routes.find((r) => r.path === path && r.method === method);
      const schemas = new Map<string, z.ZodType>();
      for (const [status, response] of Object.entries(route?.responses ?? {})) {
        const content = (response as { content?: Record<string, { schema?: z.ZodType }> }).content;
        const schema = content?.['application/json']?.schema;
        if (schema && typeof (schema as z.ZodType).safeParse === 'function') schemas.set(status, schema as z.ZodType);
      }
      return {
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        documented: new Set(Object.keys(op.responses)),
        schemas,
      };
    }),
  );
}

/** The checks, as a host middleware in front of the kit at `mount`. */
function checkContract(host: Hono, crm: CrmApp, mount: string): MiddlewareHandler {
  let operations: Promise<Operation[]> | undefined;
  return async (c, next) => {
    await next();
    const path = c.req.path.slice(mount.length);
    // CORS preflights are answered for every route by the CORS layer, not by an operation.
    if (path === '/openapi.json' || path === '/docs' || c.req.method === 'OPTIONS') return;
    operations ??= operationsOf(host, crm, mount);
    const candidates = (await operations).filter((o) => o.pattern.test(path));
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    // Static segments win over parameters, as in the router (`/customers/x/summary` over `/customers/{id}`).
    const op = candidates
      .filter((o) => o.method === method)
      .sort((a, b) => b.path.replace(/\{[^}]+\}/g, '').length - a.path.replace(/\{[^}]+\}/g, '').length)[0];
    const status = String(c.res.status);
    const where = `${c.req.method} ${path} → ${status}`;
    if (!op) {
      // A path the kit has no route for: its 404 (or 405 for another method) is the contract.
      if (status !== '404' && !(status === '405' && candidates.length)) violations.push(`${where}: no such operation`);
      return;
    }
    if (!op.documented.has(status)) {
      violations.push(`${where}: status not documented for ${op.method} ${op.path}`);
      return;
    }
    const type = c.res.headers.get('content-type') ?? '';
    if (!/^application\/(problem\+)?json/.test(type)) return;
    const schema = type.startsWith('application/problem+json') ? Problem : op.schemas.get(status);
    if (!schema) return;
    const body = await c.res.clone().json();
    const parsed = schema.safeParse(body);
    if (!parsed.success) violations.push(`${where}: body does not match its schema: ${parsed.error.message}`);
  };
}

/** Mounts the kit in a host app the way a host does, with the contract checks in front of it. */
export function mountKit(crm: CrmApp, mount = '/api/crm'): Hono {
  const host = new Hono();
  host.use(`${mount}/*`, checkContract(host, crm, mount));
  return host.route(mount, crm);
}
