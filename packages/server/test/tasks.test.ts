import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/**
 * A rep's tasks as "My day" reads them: open ones (`?open=true`) and those done since a moment
 * (`?doneSince=`, e.g. the start of today), for the caller's eyes only.
 */
describe.each(testDatabases())('tasks on $name', ({ get }) => {
  let kit: TestKit;
  let rep: Member;
  let rep2: Member;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const ids = (body: Json) => (body.items as Json[]).map((item) => String(item.id)).sort();
  const tasks: Record<string, Json> = {};
  const HOUR = 3_600_000;

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ rep, rep2 } = kit.acme.users);
    const customer = await send(rep, 'POST', '/customers', { name: 'Task Customer' });
    const theirCustomer = await send(rep2, 'POST', '/customers', { name: 'Their Customer' });
    expect([customer.status, theirCustomer.status]).toEqual([201, 201]);
    const task = async (who: Member, key: string, doneAt: string | null) => {
      const res = await send(who, 'POST', '/activities', {
        type: 'task',
        subject: `Task ${key}`,
        dueAt: new Date(Date.now() - HOUR).toISOString(),
        doneAt,
        customerId: (who === rep ? customer : theirCustomer).body.id,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      tasks[key] = res.body;
    };
    await task(rep, 'open', null);
    await task(rep, 'doneNow', new Date().toISOString());
    await task(rep, 'doneYesterday', new Date(Date.now() - 30 * HOUR).toISOString());
    await task(rep2, 'theirs', new Date().toISOString());
    // Not a task, though done: never listed as one.
    const call = await send(rep, 'POST', '/activities', {
      type: 'call',
      subject: 'A call',
      doneAt: new Date().toISOString(),
      customerId: customer.body.id,
    });
    expect(call.status).toBe(201);
  });

  it('lists the tasks done since a moment, the caller’s own only', async () => {
    const since = new Date(Date.now() - 2 * HOUR).toISOString();
    const res = await send(rep, 'GET', `/activities?doneSince=${encodeURIComponent(since)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ids(res.body)).toEqual([String(tasks.doneNow!.id)]);
    const wider = await send(
      rep,
      'GET',
      `/activities?type=task&doneSince=${encodeURIComponent(new Date(Date.now() - 48 * HOUR).toISOString())}`,
    );
    expect(ids(wider.body)).toEqual([String(tasks.doneNow!.id), String(tasks.doneYesterday!.id)].sort());
    const open = await send(rep, 'GET', '/activities?type=task&open=true');
    expect(ids(open.body)).toEqual([String(tasks.open!.id)]);
  });

  it('refuses a doneSince that is not a moment, naming it', async () => {
    const res = await send(rep, 'GET', '/activities?doneSince=today');
    expect(res.status).toBe(400);
    expect(res.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['doneSince']);
  });
});
