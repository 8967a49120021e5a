// A kit with one organization and its admin, built with the options a test names (logger,
// metrics…): what operations and scale-out tests need beyond createTestKit.
import { Hono } from 'hono';
import { createOrganization, createUser } from '../src/admin.js';
import { createCrm, type CrmOptions } from '../src/app.js';
import type { CrmDatabase } from '../src/db/database.js';
import type { Caller } from '../src/http/env.js';

let counter = 0;

export async function adminOf(database: CrmDatabase): Promise<Caller & { userId: string }> {
  const slug = `ops-${Date.now().toString(36)}-${process.pid}-${counter++}`;
  const org = await createOrganization(database.db, { slug, name: slug, baseCurrency: 'USD' });
  const user = await createUser(database.db, org.id, { email: `admin@${slug}.test`, name: 'Admin', role: 'admin' });
  return { orgId: org.id, userId: user.id, role: 'admin' };
}

/** The kit mounted at /api/crm with `admin` as the caller of every request that sends `x-test-user`. */
export function opsKit(options: Partial<CrmOptions> & Pick<CrmOptions, 'database'>, admin?: Caller) {
  const crm = createCrm({ identify: (c) => (admin && c.req.header('x-test-user') ? admin : null), ...options });
  const app = new Hono().route('/api/crm', crm);
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(`/api/crm${path}`, {
      method,
      headers: {
        'x-test-user': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { crm, app, request };
}

/** Waits until `check` holds, up to `ms`. */
export async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < ms;) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
