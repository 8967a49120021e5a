import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';

const RESOURCES = [
  'customers',
  'contacts',
  'leads',
  'campaigns',
  'pipelines',
  'opportunities',
  'activities',
  'orders',
  'cases',
  'segments',
  'users',
  'teams',
];

describe('the API reference', () => {
  // No request here touches the database: a lazily opened one is never awaited.
  const host = new Hono().route('/api/crm', createCrm({ database: new Promise(() => {}) }));

  it('lists every resource route of the contract in OpenAPI 3.1, without credentials', async () => {
    const res = await host.request('/api/crm/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of RESOURCES) {
      expect(Object.keys(doc.paths[`/${r}`] ?? {}).sort(), r).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`/${r}/{id}`] ?? {}).sort(), r).toEqual(['delete', 'get', 'patch']);
      expect(Object.keys(doc.paths[`/${r}/{id}/restore`] ?? {}), r).toEqual(['post']);
      expect(Object.keys(doc.paths[`/${r}/{id}/history`] ?? {}), r).toEqual(['get']);
    }
  });

  it('renders a browsable reference that escapes what it shows', async () => {
    const res = await host.request('/api/crm/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('href="/api/crm/openapi.json"');
    for (const r of RESOURCES) expect(page).toContain(`/${r}/{id}/history`);
    expect(page).not.toMatch(/<script/i);
  });
});
