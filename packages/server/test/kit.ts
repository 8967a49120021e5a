// A kit mounted in a host app for tests, with two organizations and a member of each role.
// The host's `identify` here trusts an `x-test-user` header: test-only, like any host's session.
import type { Problem } from '@crmkit/core';
import type { Hono } from 'hono';
import { createCrm, type CrmOptions } from '../src/app.js';
import { mountKit } from './support/contract.js';
import { createOrganization, createUser } from '../src/admin.js';
import type { CrmDatabase } from '../src/db/database.js';
import type { Caller, Role } from '../src/http/env.js';

const ROLES: Role[] = ['owner', 'admin', 'manager', 'rep', 'viewer', 'support'];

/** A JSON object as a test reads it. */
export type Json = Record<string, unknown>;

/** A kit's answer, its body parsed: a record, a page or a problem (undefined when empty). */
export interface Reply {
  res: Response;
  status: number;
  body: Json & Problem;
}

/** A member of a test organization (always a person, so `userId` is set). */
export type Member = Caller & { userId: string };

export interface TestOrg {
  id: string;
  users: Record<Role | 'rep2', Member>;
}

export interface TestKit {
  app: Hono;
  /** The kit's own shutdown (stops its webhook worker, if it runs one). */
  shutdown: () => Promise<void>;
  acme: TestOrg;
  globex: TestOrg;
  /** Lets a member created during a test send requests too. */
  addMember(member: Member): void;
  /** Sends a request to the kit as the given caller; JSON bodies are encoded for you. */
  request(
    caller: Member | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** {@link TestKit.request}, with the answer's body parsed. */
  send(
    caller: Member | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
}

let counter = 0;

async function makeOrg(database: CrmDatabase, name: string): Promise<TestOrg> {
  const suffix = `${Date.now().toString(36)}-${process.pid}-${counter++}`;
  const org = await createOrganization(database.db, {
    slug: `${name}-${suffix}`,
    name,
    baseCurrency: 'USD',
    exchangeRates: { EUR: 1.1 },
  });
  const users = {} as TestOrg['users'];
  for (const role of [...ROLES, 'rep2' as const]) {
    const user = await createUser(database.db, org.id, {
      email: `${role}@${name}.test`,
      name: `${name} ${role}`,
      role: role === 'rep2' ? 'rep' : role,
    });
    users[role] = { orgId: org.id, userId: user.id, role: user.role };
  }
  return { id: org.id, users };
}

export async function createTestKit(
  database: CrmDatabase,
  /** More options of `createCrm` (e.g. webhooks). */
  options: Partial<CrmOptions> = {},
): Promise<TestKit> {
  const acme = await makeOrg(database, 'acme');
  const globex = await makeOrg(database, 'globex');
  const callers = new Map<string, Caller>();
  for (const org of [acme, globex]) for (const caller of Object.values(org.users)) callers.set(caller.userId, caller);
  const crm = createCrm({
    ...options,
    database,
    identify: (c) => callers.get(c.req.header('x-test-user') ?? '') ?? null,
  });
  const app = mountKit(crm);
  const request: TestKit['request'] = async (caller, method, path, body, headers = {}) =>
    app.request(`/api/crm${path}`, {
      method,
      headers: {
        ...(caller ? { 'x-test-user': caller.userId } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    app,
    shutdown: () => crm.shutdown(),
    acme,
    globex,
    addMember: (member) => callers.set(member.userId, member),
    request,
    send: async (caller, method, path, body, headers) => {
      const res = await request(caller, method, path, body, headers);
      const text = await res.text();
      return { res, status: res.status, body: (text ? JSON.parse(text) : undefined) as Json & Problem };
    },
  };
}
