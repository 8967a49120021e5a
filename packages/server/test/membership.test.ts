// A member's record decides on every request: a demotion or a deactivation applies to the very
// next request, whatever the credential (the host's identify, the kit's session, an embed token,
// an API key), and a host identity never takes over another member.
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../src/admin.js';
import { createCrm } from '../src/app.js';
import { mountKit } from './support/contract.js';
import { mintEmbedToken } from '../src/auth/embed-token.js';
import type { HostIdentity } from '../src/auth/identity.js';
import type { PasswordHasher } from '../src/auth/passwords.js';
import type { Caller, Role } from '../src/http/env.js';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';

const SECRET = 'a test embed secret that is long enough';
const PASSWORD = 'correct horse battery';
/** Sign-in here is about sessions, not hashing: a plain hasher keeps the test fast. */
const plainPasswords: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
};

interface Credential {
  /** Headers that carry the credential. */
  headers: Record<string, string>;
}

describe.each(testDatabases())('membership checked on every request on $name', ({ get }) => {
  let app: Hono;
  let orgId: string;
  let slug: string;
  let adminId: string;
  /** What the host's identify answers, by the `x-host-user` header. */
  const claims = new Map<string, Caller | HostIdentity>();
  /** What the kit logged as warnings. */
  const warnings: { fields: object; message?: string }[] = [];
  let counter = 0;

  beforeAll(async () => {
    const db = get().db;
    slug = `members-${Date.now().toString(36)}-${process.pid}`;
    const org = await createOrganization(db, { slug, name: 'Members Co' });
    orgId = org.id;
    adminId = (await createUser(db, orgId, { email: 'admin@members.test', name: 'Admin', role: 'admin' })).id;
    claims.set('admin', { orgId, userId: adminId, role: 'admin' });
    const crm = createCrm({
      database: get(),
      identify: (c) => claims.get(c.req.header('x-host-user') ?? '') ?? null,
      passwords: plainPasswords,
      embedSecret: SECRET,
      // Its own sign-in address, so the shared database's per-address limit never trips it.
      clientAddress: () => `members-${slug}`,
      logger: { info: () => {}, warn: (fields, message) => warnings.push({ fields, message }), error: () => {} },
    });
    app = mountKit(crm);
  });

  const send = (headers: Record<string, string>, method: string, path: string, body?: unknown) =>
    app.request(`http://localhost/api/crm${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const asAdmin = (method: string, path: string, body?: unknown) =>
    send({ 'x-host-user': 'admin' }, method, path, body);

  async function newMember(role: Role) {
    const n = counter++;
    const email = `member-${n}@${slug}.test`;
    const user = await createUser(get().db, orgId, {
      email,
      name: `Member ${n}`,
      role,
      passwordHash: await plainPasswords.hash(PASSWORD),
    });
    return { id: user.id, email };
  }

  /** The ways in, each giving a credential for the member. */
  const ways: Record<string, (member: { id: string; email: string }, role: Role) => Promise<Credential>> = {
    "the host's identify": async (member, role) => {
      claims.set(member.id, { orgId, userId: member.id, role });
      return { headers: { 'x-host-user': member.id } };
    },
    "the kit's session": async (member) => {
      const res = await send({}, 'POST', '/auth/login', { email: member.email, password: PASSWORD });
      expect(res.status).toBe(200);
      return { headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]! } };
    },
    'an embed token': async (member) => {
      const token = await mintEmbedToken(SECRET, {
        orgId,
        userId: member.id,
        scopes: ['*:write'],
        audience: 'https://shop.example',
      });
      return { headers: { authorization: `Bearer ${token}` } };
    },
  };

  const setMember = async (id: string, patch: Record<string, unknown>) =>
    expect((await asAdmin('PATCH', `/users/${id}`, patch)).status).toBe(200);
  const roleSeen = async (credential: Credential) => {
    const res = await send(credential.headers, 'GET', '/auth/session');
    return res.status === 200 ? ((await res.json()) as { user: { role: string } }).user.role : res.status;
  };

  for (const [way, credentialFor] of Object.entries(ways)) {
    it(`demotes a rep signed in through ${way} on the next request`, async () => {
      const rep = await newMember('rep');
      const credential = await credentialFor(rep, 'rep');
      expect((await send(credential.headers, 'POST', '/customers', { name: 'Before' })).status).toBe(201);
      expect(await roleSeen(credential)).toBe('rep');

      await setMember(rep.id, { role: 'viewer' });
      expect(await roleSeen(credential)).toBe('viewer');
      expect((await send(credential.headers, 'POST', '/customers', { name: 'After' })).status).toBe(403);
      expect((await send(credential.headers, 'GET', '/customers')).status).toBe(200);
    });

    it(`refuses a deactivated member signed in through ${way} on the next request`, async () => {
      const rep = await newMember('rep');
      const credential = await credentialFor(rep, 'rep');
      expect((await send(credential.headers, 'GET', '/customers')).status).toBe(200);

      await setMember(rep.id, { active: false });
      expect((await send(credential.headers, 'GET', '/customers')).status).toBe(403);
      expect((await send(credential.headers, 'POST', '/customers', { name: 'After' })).status).toBe(403);
      expect((await send(credential.headers, 'GET', '/auth/session')).status).toBe(403);

      await setMember(rep.id, { active: true });
      expect((await send(credential.headers, 'GET', '/customers')).status).toBe(200);
    });

    it(`refuses a deleted member signed in through ${way}`, async () => {
      const rep = await newMember('rep');
      const credential = await credentialFor(rep, 'rep');
      expect((await asAdmin('DELETE', `/users/${rep.id}`)).status).toBe(200);
      expect([401, 403]).toContain((await send(credential.headers, 'GET', '/customers')).status);
    });
  }

  it("takes the kit's role over the one a plain identify claims", async () => {
    const viewer = await newMember('viewer');
    claims.set(viewer.id, { orgId, userId: viewer.id, role: 'admin' });
    const headers = { 'x-host-user': viewer.id };
    expect(await roleSeen({ headers })).toBe('viewer');
    expect((await send(headers, 'POST', '/customers', { name: 'Claimed admin' })).status).toBe(403);
    // A claim naming no member, or an id that is not one, opens nothing.
    claims.set('ghost', { orgId, userId: '0190f0f0-0000-7000-8000-000000000000', role: 'admin' });
    expect((await send({ 'x-host-user': 'ghost' }, 'GET', '/customers')).status).toBe(401);
    claims.set('not-an-id', { orgId, userId: 'admin', role: 'admin' });
    expect((await send({ 'x-host-user': 'not-an-id' }, 'GET', '/customers')).status).toBe(401);
  });

  it('refuses an API key once its creator is demoted from admin or deactivated, and takes it back after', async () => {
    const creator = await newMember('admin');
    claims.set(creator.id, { orgId, userId: creator.id, role: 'admin' });
    const created = await send({ 'x-host-user': creator.id }, 'POST', '/api-keys', {
      name: 'ERP',
      scopes: ['customers:write'],
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const headers = { authorization: `Bearer ${key}` };
    expect((await send(headers, 'POST', '/customers', { name: 'By key' })).status).toBe(201);

    await setMember(creator.id, { role: 'viewer' });
    const demoted = await send(headers, 'GET', '/customers');
    expect(demoted.status).toBe(403);
    expect(((await demoted.json()) as { detail: string }).detail).toMatch(/API key/);
    await setMember(creator.id, { role: 'admin', active: false });
    expect((await send(headers, 'POST', '/customers', { name: 'By key' })).status).toBe(403);
    await setMember(creator.id, { active: true });
    expect((await send(headers, 'GET', '/customers')).status).toBe(200);
  });

  it('refuses a request acting on a remembered role that changed behind the kit, then reads it afresh', async () => {
    const rep = await newMember('rep');
    const credential = await ways["the host's identify"]!(rep, 'rep');
    expect(await roleSeen(credential)).toBe('rep');
    // Changed in the database directly: no request of this kit and no notification tell it.
    await get().db.execute(sql`update crm.users set role = 'viewer' where org_id = ${orgId} and id = ${rep.id}`);
    const stale = await send(credential.headers, 'POST', '/customers', { name: 'On a stale role' });
    expect(stale.status).toBe(403);
    const list = (await (await asAdmin('GET', '/customers?q=stale role')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    // The next request reads the record: a viewer now.
    expect(await roleSeen(credential)).toBe('viewer');
    expect((await send(credential.headers, 'POST', '/customers', { name: 'As a viewer' })).status).toBe(403);
    await get().db.execute(sql`update crm.users set active = false where org_id = ${orgId} and id = ${rep.id}`);
    expect((await send(credential.headers, 'GET', '/customers')).status).toBe(403);
    expect((await send(credential.headers, 'GET', '/customers')).status).toBe(403);
  });

  /** A credential for a host identity: identify answers it for this request's header. */
  const as = (id: HostIdentity) => {
    const key = `identity:${id.organization.slug}:${id.user.externalRef}:${id.user.email}:${id.user.role ?? ''}`;
    claims.set(key, id);
    return { headers: { 'x-host-user': key } };
  };

  describe('host identities in the host’s terms', () => {
    const identity = (externalRef: string, email: string, role?: Role): HostIdentity => ({
      organization: { slug },
      user: { externalRef, email, name: email, ...(role ? { role } : {}) },
    });

    it("writes the host's role to the record, and takes the record's when the host names none", async () => {
      const ref = `host-${counter++}`;
      const email = `${ref}@members.test`;
      const asRep = as(identity(ref, email, 'rep'));
      expect(await roleSeen(asRep)).toBe('rep');
      const [member] = ((await (await asAdmin('GET', `/users?q=${ref}`)).json()) as { items: { id: string }[] }).items;
      await setMember(member!.id, { role: 'viewer' });
      // The host still says rep: the host is the source of its identities' roles.
      expect(await roleSeen(asRep)).toBe('rep');
      const record = (await (await asAdmin('GET', `/users/${member!.id}`)).json()) as { role: string; version: number };
      expect(record.role).toBe('rep');
      // Written like any change: a new version, and an audit entry by no member (the host made it).
      const history = (await (await asAdmin('GET', `/users/${member!.id}/history`)).json()) as {
        items: { action: string; actorId: string | null; before: { role?: string }; after: { role?: string } }[];
      };
      expect(history.items[0]).toMatchObject({
        action: 'update',
        actorId: null,
        before: { role: 'viewer' },
        after: { role: 'rep', version: record.version },
      });
      // Without a role from the host, the record decides, at once.
      await setMember(member!.id, { role: 'viewer' });
      expect(await roleSeen(as(identity(ref, email)))).toBe('viewer');
      // A deactivated member stays out, whatever the host says.
      await setMember(member!.id, { active: false });
      expect((await send(asRep.headers, 'GET', '/customers')).status).toBe(403);
    });

    it('matches by the host’s id first, and never re-binds a member bound to another host id', async () => {
      const n = counter++;
      const email = `bound-${n}@members.test`;
      expect(await roleSeen(as(identity(`first-${n}`, email, 'rep')))).toBe('rep');
      // Another host id with the same email is not that member.
      const other = await send(as(identity(`second-${n}`, email, 'admin')).headers, 'GET', '/customers');
      expect(other.status).toBe(403);
      expect(other.headers.get('content-type')).toMatch(/problem\+json/);
      // The first host id keeps its member even when its email changed at the host.
      expect(await roleSeen(as(identity(`first-${n}`, `changed-${n}@members.test`)))).toBe('rep');
    });

    it('binds a member the host has not bound yet by email, but not an inactive one', async () => {
      const free = await newMember('manager');
      expect(await roleSeen(as(identity(`new-${free.id}`, free.email)))).toBe('manager');
      const inactive = await newMember('rep');
      await setMember(inactive.id, { active: false });
      const res = await send(as(identity(`new-${inactive.id}`, inactive.email)).headers, 'GET', '/customers');
      expect(res.status).toBe(403);
    });

    it('keeps the last active owner an owner whatever role the host claims, until there is another', async () => {
      const n = counter++;
      const org = `${slug}-owners-${n}`;
      const inOrg = (ref: string, role: Role): HostIdentity => ({
        organization: { slug: org },
        user: { externalRef: ref, email: `${ref}-${n}@owners.test`, name: ref, role },
      });
      const ada = inOrg('ada', 'owner');
      expect(await roleSeen(as(ada))).toBe('owner');
      // The host demotes its only owner: the caller gets in with the role the kit holds.
      warnings.length = 0;
      const demoted = as(inOrg('ada', 'rep'));
      expect(await roleSeen(demoted)).toBe('owner');
      expect((await send(demoted.headers, 'GET', '/customers')).status).toBe(200);
      const session = (await (await send(demoted.headers, 'GET', '/auth/session')).json()) as { user: { id: string } };
      const record = async (headers: Record<string, string>, id: string) =>
        ((await (await send(headers, 'GET', `/users/${id}`)).json()) as { role: string }).role;
      expect(await record(demoted.headers, session.user.id)).toBe('owner');
      expect(warnings.map((w) => w.fields)).toContainEqual(
        expect.objectContaining({ userId: session.user.id, claimed: 'rep', kept: 'owner' }),
      );
      // PATCH /users/:id refuses the same demotion.
      const patched = await send(demoted.headers, 'PATCH', `/users/${session.user.id}`, { role: 'rep' });
      expect(patched.status).toBe(409);
      // Once the host names another owner, the demotion it asked for applies on the next request.
      expect(await roleSeen(as(inOrg('bea', 'owner')))).toBe('owner');
      expect(await roleSeen(demoted)).toBe('rep');
      expect(await record(as(inOrg('bea', 'owner')).headers, session.user.id)).toBe('rep');
    });
  });

  describe('the last two owners demoted at once', () => {
    /** A fresh organization with exactly two active owners, reached through a plain identify. */
    async function twoOwners() {
      const db = get().db;
      const n = counter++;
      const org = await createOrganization(db, { slug: `${slug}-two-${n}`, name: 'Two owners' });
      const [a, b] = await Promise.all(
        ['a', 'b'].map((x) => createUser(db, org.id, { email: `${x}-${n}@two.test`, name: x, role: 'owner' })),
      );
      for (const u of [a!, b!]) claims.set(u.id, { orgId: org.id, userId: u.id, role: 'owner' });
      return { orgId: org.id, a: a!.id, b: b!.id };
    }
    const activeOwners = async (orgId: string) =>
      (
        await rows<{ n: string }>(
          get().db,
          sql`select count(*)::text as n from crm.users
              where org_id = ${orgId} and role = 'owner' and active and deleted_at is null`,
        )
      )[0]!.n;

    // Each steps down, so that whichever goes second is still an owner when it asks (not refused
    // as a non-owner acting on an owner): on PostgreSQL the two run at once.
    it('lets only one of the last two owners stepping down at once through PATCH /users/:id pass', async () => {
      for (let round = 0; round < 3; round++) {
        const { orgId, a, b } = await twoOwners();
        const results = await Promise.all([
          send({ 'x-host-user': a }, 'PATCH', `/users/${a}`, { role: 'admin' }),
          send({ 'x-host-user': b }, 'PATCH', `/users/${b}`, { active: false }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const refused = (await results.find((r) => r.status === 409)!.json()) as { errors: { path: string }[] };
        expect(['role', 'active']).toContain(refused.errors[0]!.path);
        expect(await activeOwners(orgId)).toBe('1');
      }
    });

    it('lets only one of two owners the host demotes at once lose the role', async () => {
      const { orgId, a, b } = await twoOwners();
      // Both bound to host identities, then both demoted by the host at the same moment.
      const identityOf = (id: string, role: Role): HostIdentity => ({
        organization: { slug: `${slug}-two-${counter - 1}` },
        user: { externalRef: `ref-${id}`, email: `${id}@two.test`, name: id, role },
      });
      await get().db.execute(sql`update crm.users set email = id::text || '@two.test' where org_id = ${orgId}`);
      expect(await Promise.all([a, b].map((id) => roleSeen(as(identityOf(id, 'owner')))))).toEqual(['owner', 'owner']);
      const seen = await Promise.all([a, b].map((id) => roleSeen(as(identityOf(id, 'manager')))));
      expect([...seen].sort()).toEqual(['manager', 'owner']);
      expect(await activeOwners(orgId)).toBe('1');
    });
  });
});
