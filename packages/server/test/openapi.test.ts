import { createConfig, lintFromString } from '@redocly/openapi-core';
import { RESOURCE_NAMES, RESOURCE_SCHEMAS } from '@crmkit/core';
import { describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { resources } from '../src/resources/index.js';
import { mountKit } from './support/contract.js';

describe('the API reference', () => {
  // No request here touches the database: a lazily opened one is never awaited.
  const host = mountKit(createCrm({ database: new Promise(() => {}) }));

  it('lists every resource route of the contract in OpenAPI 3.1, without credentials', async () => {
    const res = await host.request('/api/crm/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of RESOURCE_NAMES) {
      expect(Object.keys(doc.paths[`/${r}`] ?? {}).sort(), r).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`/${r}/{id}`] ?? {}).sort(), r).toEqual(['delete', 'get', 'patch']);
      expect(Object.keys(doc.paths[`/${r}/{id}/restore`] ?? {}), r).toEqual(['post']);
      expect(Object.keys(doc.paths[`/${r}/{id}/history`] ?? {}), r).toEqual(['get']);
    }
  });

  it("serves every resource of the contract's table, each with its table's schemas", () => {
    expect(resources.map((r) => r.path)).toEqual(RESOURCE_NAMES);
    for (const r of resources) expect(r.schemas).toBe(RESOURCE_SCHEMAS[r.path]);
  });

  it('renders a browsable reference that escapes what it shows', async () => {
    const res = await host.request('/api/crm/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('href="/api/crm/openapi.json"');
    for (const r of RESOURCE_NAMES) expect(page).toContain(`/${r}/{id}/history`);
    expect(page).not.toMatch(/<script/i);
  });

  it('passes the recommended lint ruleset without an error or a warning', async () => {
    const source = await (await host.request('/api/crm/openapi.json')).text();
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, config, absoluteRef: 'openapi.json' });
    const found = problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(found).toEqual([]);
  });

  it("names the contract's schemas once, describes how callers sign in, and where the kit is mounted", async () => {
    const doc = (await (await host.request('/api/crm/openapi.json')).json()) as {
      servers: { url: string }[];
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
    };
    expect(doc.servers[0]!.url).toBe('/api/crm');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    for (const name of ['Customer', 'CustomerCreate', 'Opportunity', 'Problem', 'Board', 'Funnel'])
      expect(doc.components.schemas[name], name).toBeDefined();
    expect(doc.paths['/customers']!.get!.operationId).toBe('listCustomers');
    expect(doc.paths['/customers']!.post!.operationId).toBe('createCustomer');
    expect(doc.paths['/health']!.get!.security).toEqual([]);
    expect(doc.paths['/customers']!.get!.security).toBeUndefined();
  });
});
