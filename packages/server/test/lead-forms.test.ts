import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/** Lead forms and their public routes: no sign-in, spam defences, matching, attribution. */
describe.each(testDatabases())('lead forms on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let n = 0;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const form = async (body: Json = {}) => {
    const res = await send(admin, 'POST', '/lead-forms', {
      name: `Form ${n++}`,
      fields: [
        { name: 'name', label: 'Name', required: true },
        { name: 'email', label: 'Email', required: true },
        { name: 'company', label: 'Company' },
      ],
      minFillSeconds: 0,
      allowedOrigins: ['https://shop.example'],
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as unknown as Json & { publicKey: string };
  };
  const opened = async (key: string) => {
    const res = await send(null, 'GET', `/public/lead-forms/${key}`);
    expect(res.status).toBe(200);
    return String(res.body.token);
  };
  const submit = async (key: string, body: Json, headers: Record<string, string> = {}) =>
    send(null, 'POST', `/public/lead-forms/${key}/submissions`, { _token: await opened(key), ...body }, headers);
  const leadsByEmail = (email: string) =>
    rows<{ id: string; status: string }>(
      get().db,
      sql`select id, status from crm.leads where org_id = ${kit.acme.id} and lower(email) = ${email}`,
    );

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin } = kit.acme.users);
  });

  it('lets only owners and admins manage forms, and gives each a public key', async () => {
    const created = await form();
    expect(created.publicKey).toMatch(/^lf_[a-z2-7]{26}$/);
    expect(created).not.toHaveProperty('secret');
    const { id: _id, publicKey: _key, createdAt: _c, updatedAt: _u, version: _v, deletedAt: _d, ...body } = created;
    expect((await send(kit.acme.users.rep, 'POST', '/lead-forms', body)).status).toBe(403);
    const definition = await send(null, 'GET', `/public/lead-forms/${created.publicKey}`);
    expect(definition.body).toMatchObject({ fields: created.fields, honeypot: 'website_url' });
    expect((await send(null, 'GET', '/public/lead-forms/lf_nothing')).status).toBe(404);
    await send(admin, 'DELETE', `/lead-forms/${String(created.id)}`);
    expect((await send(null, 'GET', `/public/lead-forms/${created.publicKey}`)).status).toBe(404);
  });

  it('makes a lead with attribution, campaign, consent and assignment, without signing in', async () => {
    const campaign = await send(admin, 'POST', '/campaigns', { name: 'Web spring' });
    const rule = await send(admin, 'POST', '/assignment-rules', {
      name: 'Web leads',
      strategy: 'member',
      userId: kit.acme.users.rep2.userId,
      conditions: [{ field: 'source', values: ['spring_form'] }],
    });
    const f = await form({ campaignId: campaign.body.id, source: 'spring_form', consentText: 'You may email me.' });
    const refused = await submit(f.publicKey, { name: 'Mia', email: 'mia@example.com' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'consent', code: 'required' })]);
    expect(await leadsByEmail('mia@example.com')).toEqual([]);
    const res = await submit(
      f.publicKey,
      {
        name: 'Mia',
        email: 'Mia@Example.com',
        company: 'Mia Co',
        consent: true,
        utm_source: 'news',
        utm_campaign: 'spring',
      },
      { referer: 'https://shop.example/contact' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [stored] = await leadsByEmail('mia@example.com');
    const lead = await send(admin, 'GET', `/leads/${stored!.id}`);
    expect(lead.body).toMatchObject({
      name: 'Mia',
      company: 'Mia Co',
      source: 'spring_form',
      campaignId: campaign.body.id,
      ownerId: kit.acme.users.rep2.userId,
      assignmentRuleId: rule.body.id,
      attribution: { utmSource: 'news', utmCampaign: 'spring', referrer: 'https://shop.example/contact' },
    });
    const [submission] = await rows<{ consent_text: string; consent_at: Date; outcome: string }>(
      get().db,
      sql`select consent_text, consent_at, outcome from crm.lead_form_submissions where lead_id = ${stored!.id}`,
    );
    expect(submission).toMatchObject({ consent_text: 'You may email me.', outcome: 'new_lead' });
    expect(submission!.consent_at).toBeTruthy();
    await send(admin, 'DELETE', `/assignment-rules/${String(rule.body.id)}`);
  });

  it('attaches a submission to an open lead with the same email instead of a twin', async () => {
    const f = await form();
    await send(admin, 'POST', '/leads', { name: 'Old', email: 'repeat@example.com' });
    const res = await submit(f.publicKey, { name: 'Again', email: ' REPEAT@example.com ', company: 'Big' });
    expect(res.status).toBe(201);
    const found = await leadsByEmail('repeat@example.com');
    expect(found).toHaveLength(1);
    const notes = await send(admin, 'GET', `/activities?leadId=${found[0]!.id}`);
    expect((notes.body.items as Json[]).map((a) => a.type)).toEqual(['note']);
    // A contact with the email: a new lead, linked to the contact by the note.
    const contact = await send(admin, 'POST', '/contacts', { name: 'Known', emails: ['known@example.com'] });
    expect((await submit(f.publicKey, { name: 'Known', email: 'known@example.com' })).status).toBe(201);
    const notesOfContact = await send(admin, 'GET', `/activities?contactId=${String(contact.body.id)}`);
    expect((notesOfContact.body.items as Json[])[0]).toMatchObject({
      type: 'note',
      leadId: (await leadsByEmail('known@example.com'))[0]!.id,
    });
  });

  it('answers a plain HTML form with a 303, and field errors as problems', async () => {
    const f = await form({ redirectUrl: 'https://shop.example/thanks' });
    const token = await opened(f.publicKey);
    const post = (body: string) =>
      kit.app.request(`/api/crm/public/lead-forms/${f.publicKey}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'https://shop.example/form' },
        body,
      });
    const ok = await post(
      `name=Plain&email=plain%40example.com&company=&phone=&country=&website_url=&_token=${encodeURIComponent(token)}`,
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('https://shop.example/thanks');
    expect(await leadsByEmail('plain@example.com')).toHaveLength(1);
    const bad = await post(`name=&email=not-an-email&_token=${encodeURIComponent(token)}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain('email');
  });

  it('stores nothing from bots: honeypot, no token, forged token, too fast', async () => {
    const f = await form();
    const trap = await submit(f.publicKey, { name: 'Bot', email: 'bot@example.com', website_url: 'http://spam' });
    expect(trap.status).toBe(201);
    expect(await leadsByEmail('bot@example.com')).toEqual([]);
    for (const _token of [undefined, '1700000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'junk']) {
      const res = await send(null, 'POST', `/public/lead-forms/${f.publicKey}/submissions`, {
        name: 'Bot',
        email: 'bot@example.com',
        _token,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.path).toBe('_token');
    }
    const slow = await form({ minFillSeconds: 30 });
    const fast = await submit(slow.publicKey, { name: 'Fast', email: 'bot@example.com' });
    expect(fast.status).toBe(400);
    expect(fast.body.errors?.[0]?.message).toContain('too soon');
    expect(await leadsByEmail('bot@example.com')).toEqual([]);
  });

  it('allows browsers of its own origins only, limits rate and size', async () => {
    const f = await form();
    const foreign = await submit(
      f.publicKey,
      { name: 'X', email: 'x@example.com' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    const allowed = await submit(
      f.publicKey,
      { name: 'Y', email: 'y1@example.com' },
      { origin: 'https://shop.example' },
    );
    expect(allowed.status).toBe(201);
    expect(allowed.res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const statuses = [];
    for (let i = 2; i <= 6; i++)
      statuses.push((await submit(f.publicKey, { name: 'Y', email: `y${i}@example.com` })).res);
    expect(statuses.map((r) => r.status)).toEqual([201, 201, 201, 201, 429]);
    expect(Number(statuses[4]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await leadsByEmail('y6@example.com')).toEqual([]);
    const big = await submit((await form()).publicKey, {
      name: 'Big',
      email: 'big@example.com',
      message: 'x'.repeat(20_000),
    });
    expect(big.status).toBe(413);
  });
});
