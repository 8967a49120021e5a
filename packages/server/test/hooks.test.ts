import type { BulkResult, BulkSummary } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { rows } from '../src/db/rows.js';
import { changeFeed, type ChangeEvent } from '../src/events/bus.js';
import { CrmHookRejection, type CrmHookCall, type CrmHookEvent, type CrmHooks } from '../src/hooks/hooks.js';
import type { Logger } from '../src/http/logging.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/** What a hook saw, kept for the test to check. */
interface Seen {
  type: CrmHookEvent;
  orgId: string;
  userId: string | null;
  before: Json | null;
  after: Json;
  /** The record as the hook's own query through the transaction found it. */
  stored: boolean;
}

const TABLES: Record<string, string> = {
  customer: 'customers',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
  order: 'orders',
};

/** Host hooks in the writing transaction: `createCrm({ hooks })`. */
describe.each(testDatabases())('host hooks on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let pipelineId: string;
  let stageIds: { open: string; won: string; lost: string };
  let run = 0;
  const seen: Seen[] = [];
  const errors: { fields: Record<string, unknown>; message?: string }[] = [];
  /** What a test makes a hook do, by event, on top of recording the call. */
  let act: Partial<Record<CrmHookEvent, (call: CrmHookCall) => Promise<void> | void>> = {};

  const record = async (call: CrmHookCall) => {
    const after = call.after as Json;
    const table = TABLES[call.type.slice(0, call.type.indexOf('.'))];
    const found = table
      ? await rows(
          call.tx,
          sql`select 1 from ${sql.identifier('crm')}.${sql.identifier(table)} where id = ${String(after.id)}`,
        )
      : [];
    seen.push({
      type: call.type,
      orgId: call.caller.orgId,
      userId: call.caller.userId,
      before: call.before as Json | null,
      after,
      stored: found.length === 1,
    });
    await act[call.type]?.(call);
  };
  const EVENTS: CrmHookEvent[] = [
    'customer.created',
    'customer.updated',
    'customer.deleted',
    'contact.created',
    'contact.updated',
    'lead.created',
    'lead.updated',
    'lead.converted',
    'opportunity.created',
    'opportunity.updated',
    'opportunity.won',
    'opportunity.lost',
    'order.created',
    'order.updated',
  ];
  const hooks = Object.fromEntries(EVENTS.map((event) => [event, record])) as CrmHooks;
  const logger: Logger = {
    info: () => {},
    warn: () => {},
    error: (fields, message) => errors.push({ fields: fields as Record<string, unknown>, message }),
  };

  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const created = async (path: string, body: Json) => {
    const res = await send(admin, 'POST', path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const customer = (body: Json = {}) => created('/customers', { name: `Hooked ${run++}`, ...body });
  const deal = (customerId: unknown, body: Json = {}) =>
    created('/opportunities', {
      name: `Deal ${run++}`,
      customerId,
      pipelineId,
      stageId: stageIds.open,
      amount: 50_000,
      currency: 'USD',
      ...body,
    });
  /** The calls seen in the test organization since `from`, as `type name` lines. */
  const callsSince = (from: number) => seen.slice(from).filter((s) => s.orgId === kit.acme.id);
  const count = async (table: string, where = sql`true`) => {
    const [row] = await rows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${kit.acme.id} and ${where}`,
    );
    return row!.n;
  };
  /** What a write leaves behind in the organization: records, history, webhook deliveries, ledger rows. */
  const traces = async () => ({
    customers: await count('crm.customers'),
    orders: await count('crm.orders'),
    opportunities: await count('crm.opportunities'),
    audit: await count('crm.audit_log'),
    deliveries: await count('crm.webhook_deliveries'),
    ledger: await count('host_hooks.ledger'),
  });
  const reject = (detail: string) => () => {
    throw new CrmHookRejection({
      detail,
      errors: [{ path: 'name', code: 'invalid_value', message: 'The shop knows no such customer' }],
    });
  };

  beforeAll(async () => {
    // The host's own table, in its own schema, granted to the role the kit's transactions run as.
    await get().db.execute(sql`create schema if not exists host_hooks`);
    await get().db.execute(
      sql`create table if not exists host_hooks.ledger (org_id uuid not null, id uuid primary key, ref uuid not null, note text not null)`,
    );
    await get().db.execute(sql`grant usage on schema host_hooks to crm_app`);
    await get().db.execute(sql`grant select, insert on host_hooks.ledger to crm_app`);
    kit = await createTestKit(get(), { hooks, logger });
    admin = kit.acme.users.admin;
    const pipeline = await created('/pipelines', {
      name: 'Hooked sales',
      stages: [
        { name: 'Qualify', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    pipelineId = String(pipeline.id);
    const [open, won, lost] = (pipeline.stages as Json[]).map((s) => String(s.id));
    stageIds = { open: open!, won: won!, lost: lost! };
    // An endpoint for every event, so that each write queues a delivery (the outbox) to count.
    await get().db.execute(
      sql`insert into crm.webhook_endpoints (org_id, id, url, secret, event_types)
          values (${kit.acme.id}, ${uuidv7()}, 'https://hooks.example.com/crm', 'whsec_test', ${sql.param(['*'])})`,
    );
    act = {};
  });

  it('calls a hook in the writing transaction with the caller and the record before and after', async () => {
    const from = seen.length;
    const c = await customer({ industry: 'Retail' });
    const patched = await send(admin, 'PATCH', `/customers/${String(c.id)}`, { industry: 'Tea' });
    expect(patched.status).toBe(200);
    const trashed = await send(admin, 'DELETE', `/customers/${String(c.id)}`);
    expect(trashed.status).toBe(200);
    const calls = callsSince(from);
    expect(calls.map((s) => s.type)).toEqual(['customer.created', 'customer.updated', 'customer.deleted']);
    expect(calls[0]).toMatchObject({ before: null, after: { id: c.id, industry: 'Retail', version: 1 }, stored: true });
    expect(calls[0]!.userId).toBe(admin.userId);
    expect(calls[1]).toMatchObject({
      before: { industry: 'Retail', version: 1 },
      after: { industry: 'Tea', version: 2 },
    });
    expect(calls[2]).toMatchObject({ before: { deletedAt: null }, after: { deletedAt: expect.any(String) } });
  });

  it('commits what a hook writes through the transaction with the write', async () => {
    act = {
      'customer.created': async ({ tx, caller, after }) => {
        await tx.execute(
          sql`insert into host_hooks.ledger (org_id, id, ref, note) values (${caller.orgId}, ${uuidv7()}, ${after.id}, 'welcome')`,
        );
      },
    };
    try {
      const c = await customer();
      expect(await count('host_hooks.ledger', sql`ref = ${String(c.id)}`)).toBe(1);
    } finally {
      act = {};
    }
  });

  it('rolls everything back on a rejection and answers its problem with the fields: 422, or the 409 it asks for', async () => {
    const events: ChangeEvent[] = [];
    const stop = await changeFeed(get()).subscribe((e) => e.orgId === kit.acme.id && events.push(e));
    act = {
      'customer.created': async (call) => {
        // Written first, then refused: the host's row goes with the rest.
        await call.tx.execute(
          sql`insert into host_hooks.ledger (org_id, id, ref, note) values (${call.caller.orgId}, ${uuidv7()}, ${(call.after as Json).id}, 'refused')`,
        );
        if (String((call.after as Json).name).startsWith('Blocked')) reject('This customer is blocked in the shop.')();
      },
    };
    try {
      const before = await traces();
      const refused = await send(admin, 'POST', '/customers', { name: 'Blocked Co' });
      expect(refused.status).toBe(422);
      expect(refused.res.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body).toMatchObject({
        status: 422,
        title: 'Unprocessable content',
        detail: 'This customer is blocked in the shop.',
        errors: [{ path: 'name', code: 'invalid_value', message: 'The shop knows no such customer' }],
      });
      expect(await traces()).toEqual(before);

      act['customer.updated'] = () => {
        throw new CrmHookRejection({ status: 409, title: 'Locked by the ERP', detail: 'Closed for the month.' });
      };
      const c = await customer();
      const conflict = await send(admin, 'PATCH', `/customers/${String(c.id)}`, { industry: 'Steel' });
      expect(conflict.body).toMatchObject({ status: 409, title: 'Locked by the ERP', detail: 'Closed for the month.' });
      expect(conflict.body.errors).toBeUndefined();
      expect((await send(admin, 'GET', `/customers/${String(c.id)}`)).body).toMatchObject({
        industry: null,
        version: 1,
      });

      // The change stream heard the one write that committed, and nothing of the refused ones.
      await expect.poll(() => events.length).toBe(1);
      expect(events[0]).toMatchObject({ entity: 'customer', id: c.id, action: 'create' });
    } finally {
      act = {};
      stop();
    }
  });

  it('answers any other throw with a bare 500, logs it, and keeps nothing', async () => {
    act = {
      'order.created': () => {
        throw new Error('ledger service password=hunter2 refused');
      },
    };
    try {
      const c = await customer();
      const before = await traces();
      const failed = await send(admin, 'POST', '/orders', {
        customerId: c.id,
        totalAmount: 1200,
        currency: 'USD',
        placedAt: new Date().toISOString(),
      });
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ status: 500, title: 'Internal error' });
      expect(JSON.stringify(failed.body)).not.toContain('hunter2');
      expect(await traces()).toEqual(before);
      expect(errors.some((e) => String((e.fields.err as Error).message).includes('order.created hook failed'))).toBe(
        true,
      );

      // A database error of the host's own SQL is the host's failure too: a 500, not a kit conflict.
      act = {
        'order.created': async ({ tx }) => {
          await tx.execute(sql`insert into host_hooks.ledger (org_id, id, ref, note) values (null, null, null, null)`);
        },
      };
      const sqlFailed = await send(admin, 'POST', '/orders', {
        customerId: c.id,
        totalAmount: 1200,
        currency: 'USD',
        placedAt: new Date().toISOString(),
      });
      expect(sqlFailed.status).toBe(500);
      expect(await traces()).toEqual(before);
    } finally {
      act = {};
    }
  });

  it('calls opportunity.won and opportunity.lost as a deal enters a won or a lost stage, by move or by PATCH', async () => {
    const c = await customer();
    const from = seen.length;
    const won = await deal(c.id);
    const move = await send(admin, 'POST', `/opportunities/${String(won.id)}/move`, { stageId: stageIds.won });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    const lost = await deal(c.id);
    const patch = await send(admin, 'PATCH', `/opportunities/${String(lost.id)}`, { stageId: stageIds.lost });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    // A later change of a won deal is an update, not a second win.
    await send(admin, 'PATCH', `/opportunities/${String(won.id)}`, { wonReason: 'Price' });
    const types = callsSince(from).map((s) => `${s.type} ${s.after.id === won.id ? 'won' : 'lost'}`);
    expect(types).toEqual([
      'opportunity.created won',
      'opportunity.updated won',
      'opportunity.won won',
      'opportunity.created lost',
      'opportunity.updated lost',
      'opportunity.lost lost',
      'opportunity.updated won',
    ]);
    const win = callsSince(from).find((s) => s.type === 'opportunity.won')!;
    expect(win.before).toMatchObject({ stageId: stageIds.open, closedAt: null });
    expect(win.after).toMatchObject({ stageId: stageIds.won, closedAt: expect.any(String), amount: 50_000 });

    // A refused win leaves the deal where it was.
    act = { 'opportunity.won': reject('Invoice the customer first.') };
    try {
      const open = await deal(c.id);
      const refused = await send(admin, 'POST', `/opportunities/${String(open.id)}/move`, { stageId: stageIds.won });
      expect(refused.status).toBe(422);
      expect((await send(admin, 'GET', `/opportunities/${String(open.id)}`)).body).toMatchObject({
        stageId: stageIds.open,
        version: 1,
      });
    } finally {
      act = {};
    }
  });

  it('calls the hooks of an upsert by external id, and a rejection there writes nothing', async () => {
    const c = await customer();
    const key = `/orders/by-external-id/shop/hooks-${run++}`;
    const body = { customerId: c.id, totalAmount: 4200, currency: 'USD', placedAt: new Date().toISOString() };
    const from = seen.length;
    expect((await send(admin, 'PUT', key, body)).status).toBe(201);
    expect((await send(admin, 'PUT', key, body)).status).toBe(200);
    expect((await send(admin, 'PUT', key, { ...body, status: 'paid' })).status).toBe(200);
    const calls = callsSince(from);
    expect(calls.map((s) => s.type)).toEqual(['order.created', 'order.updated']);
    expect(calls[1]).toMatchObject({ before: { status: 'placed' }, after: { status: 'paid', totalAmount: 4200 } });

    act = { 'order.created': reject('No such order in the shop.') };
    try {
      const before = await traces();
      const refused = await send(admin, 'PUT', `/orders/by-external-id/shop/hooks-${run++}`, body);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toHaveLength(1);
      expect(await traces()).toEqual(before);
    } finally {
      act = {};
    }
  });

  it('answers a rejected record of /bulk with its own result, and refuses the whole of an atomic request', async () => {
    const tag = `bulk-${run++}`;
    const records = ['Good A', 'Blocked B', 'Good C'].map((name, i) => ({
      resource: 'customers',
      source: 'shop',
      externalId: `${tag}-${i}`,
      data: { name },
    }));
    const bulk = async (query = '') => {
      const res = await kit.app.request(`/api/crm/bulk${query}`, {
        method: 'POST',
        body: records.map((r) => JSON.stringify(r)).join('\n'),
        headers: { 'x-test-user': admin.userId, 'content-type': 'application/x-ndjson' },
      });
      return { status: res.status, text: await res.text() };
    };
    act = {
      'customer.created': ({ after }) => {
        if (String((after as Json).name).startsWith('Blocked')) reject('This customer is blocked in the shop.')();
      },
    };
    try {
      const before = await traces();
      const atomic = await bulk('?atomic=true');
      expect(atomic.status).toBe(422);
      expect(JSON.parse(atomic.text)).toMatchObject({
        errors: [{ path: '1.name', code: 'invalid_value', message: 'The shop knows no such customer' }],
      });
      expect(await traces()).toEqual(before);

      const streamed = await bulk();
      expect(streamed.status).toBe(200);
      const lines = streamed.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as BulkResult & Partial<BulkSummary>);
      expect(lines.slice(0, 3).map((l) => l.status)).toEqual([201, 422, 201]);
      expect(lines[1]).toMatchObject({
        index: 1,
        detail: 'This customer is blocked in the shop.',
        errors: [{ path: 'name', code: 'invalid_value' }],
      });
      expect(lines[3]!.summary).toMatchObject({ created: 2, failed: 1 });
      expect(await count('crm.customers', sql`name = 'Blocked B'`)).toBe(0);
      expect((await traces()).customers).toBe(before.customers + 2);

      // A hook that fails otherwise ends the request with a bare 500, and its records are not kept.
      act = {
        'customer.updated': () => {
          throw new Error('ledger down');
        },
      };
      records[0]!.data.name = 'Good A, renamed';
      const afterStreamed = await traces();
      const failed = await bulk();
      expect(failed.status).toBe(500);
      expect(failed.text).not.toContain('ledger down');
      expect(await traces()).toEqual(afterStreamed);
    } finally {
      act = {};
    }
  });

  it('calls the hooks of a merge, and a refusal leaves both records as they were', async () => {
    const kept = await customer({ industry: null });
    const dup = await customer({ industry: 'Retail' });
    const from = seen.length;
    act = { 'customer.deleted': reject('The shop still bills this customer.') };
    try {
      const refused = await send(admin, 'POST', `/customers/${String(kept.id)}/merge`, { from: dup.id });
      expect(refused.status).toBe(422);
      expect((await send(admin, 'GET', `/customers/${String(dup.id)}`)).body).toMatchObject({
        deletedAt: null,
        version: 1,
      });
    } finally {
      act = {};
    }
    const start = seen.length;
    const merged = await send(admin, 'POST', `/customers/${String(kept.id)}/merge`, { from: dup.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(callsSince(start).map((s) => `${s.type} ${s.after.id === kept.id ? 'kept' : 'dup'}`)).toEqual([
      'customer.deleted dup',
      'customer.updated kept',
    ]);
    expect(callsSince(start)[1]).toMatchObject({ before: { industry: null }, after: { industry: 'Retail' } });
    expect(from).toBeLessThan(start);
  });

  it('calls lead.converted with what the conversion created, each in the same transaction', async () => {
    const lead = await created('/leads', { name: `Ivy ${run++}`, company: `Ivy Tea ${run++}` });
    const from = seen.length;
    const res = await send(admin, 'POST', `/leads/${String(lead.id)}/convert`, {
      opportunity: { pipelineId, stageId: stageIds.open, amount: 1000, currency: 'USD' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const types = callsSince(from).map((s) => s.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'customer.created',
        'contact.created',
        'opportunity.created',
        'lead.updated',
        'lead.converted',
      ]),
    );
    const converted = callsSince(from).find((s) => s.type === 'lead.converted')!;
    expect(converted.before).toMatchObject({ status: 'new' });
    expect(converted.after).toMatchObject({ status: 'converted', convertedCustomerId: res.body.customerId });

    act = { 'lead.converted': reject('The lead is on the shop’s do-not-call list.') };
    try {
      const other = await created('/leads', { name: `Jo ${run++}`, company: `Jo Co ${run++}` });
      const before = await traces();
      const refused = await send(admin, 'POST', `/leads/${String(other.id)}/convert`, {});
      expect(refused.status).toBe(422);
      expect(await traces()).toEqual(before);
    } finally {
      act = {};
    }
  });

  it('calls the hooks of a CSV import per row, reporting a refused row as a bad one', async () => {
    const tag = `csv-${run++}`;
    act = {
      'customer.created': ({ after }) => {
        if (String((after as Json).name).startsWith('Blocked')) reject('This customer is blocked in the shop.')();
      },
    };
    try {
      const from = seen.length;
      const csv = `Shop ID,Company\r\n${tag}-1,Good One\r\n${tag}-2,Blocked Two\r\n`;
      const res = await kit.app.request(
        `/api/crm/imports/customers?source=shop&map=${encodeURIComponent('Shop ID:externalId,Company:name')}`,
        { method: 'POST', body: csv, headers: { 'x-test-user': admin.userId, 'content-type': 'text/csv' } },
      );
      expect(res.status).toBe(200);
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Json);
      expect(lines.filter((l) => 'row' in l)).toEqual([
        expect.objectContaining({ row: 3, status: 422, detail: 'This customer is blocked in the shop.' }),
      ]);
      expect(lines.at(-1)).toMatchObject({ summary: { created: 1, failed: 1 } });
      expect(
        callsSince(from)
          .filter((s) => s.after.name === 'Good One')
          .map((s) => s.type),
      ).toContain('customer.created');
    } finally {
      act = {};
    }
  });

  it('calls lead.created for a public lead form, with no member acting, and a refusal is the form’s answer', async () => {
    const form = await created('/lead-forms', {
      name: `Hooked form ${run++}`,
      fields: [
        { name: 'name', label: 'Name', required: true },
        { name: 'email', label: 'Email', required: true },
      ],
      minFillSeconds: 0,
    });
    const submit = async (body: Json) => {
      const opened = await send(null, 'GET', `/public/lead-forms/${String(form.publicKey)}`);
      return send(null, 'POST', `/public/lead-forms/${String(form.publicKey)}/submissions`, {
        _token: opened.body.token,
        ...body,
      });
    };
    const from = seen.length;
    const email = `web-${run++}@example.com`;
    expect((await submit({ name: 'Web visitor', email })).status).toBe(201);
    expect(callsSince(from)).toEqual([
      expect.objectContaining({ type: 'lead.created', userId: null, after: expect.objectContaining({ email }) }),
    ]);

    act = { 'lead.created': reject('The shop refuses this address.') };
    try {
      const before = await count('crm.leads');
      const refused = await submit({ name: 'Spammer', email: `spam-${run++}@example.com` });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toBe('The shop refuses this address.');
      expect(await count('crm.leads')).toBe(before);
    } finally {
      act = {};
    }
  });

  it('takes one set of hooks per database, and types each hook with its record', () => {
    expect(() => createCrm({ database: get(), identify: () => null, hooks: {} })).toThrow(/another set of hooks/);
    const typed: CrmHooks = {
      'opportunity.won': ({ after, before }) => {
        expectTypeOf(after.amount).toEqualTypeOf<number>();
        expectTypeOf(before).toEqualTypeOf<typeof after | null>();
      },
      'order.created': ({ after }) => {
        expectTypeOf(after.lines).toBeArray();
      },
      // @ts-expect-error: orders are not won
      'order.won': () => {},
    };
    expect(Object.keys(typed)).toHaveLength(3);
    // A plain-JavaScript host asking for another status gets the default.
    expect(new CrmHookRejection({ status: 500 as never, detail: 'No.' }).status).toBe(422);
  });

  it('sees only the writes of the organization that made them', async () => {
    const from = seen.length;
    const res = await send(kit.globex.users.admin, 'POST', '/customers', { name: `Globex ${run++}` });
    expect(res.status).toBe(201);
    const calls = seen.slice(from);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ orgId: kit.globex.id, type: 'customer.created' });
  });
});
