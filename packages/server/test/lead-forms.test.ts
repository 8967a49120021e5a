import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { sweepEndedWindows } from '../src/leads/rate-limit.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/** Lead forms and their public routes: no sign-in, spam defences, matching, attribution. */
describe.each(testDatabases())('lead forms on $name', ({ name, get }) => {
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

  it('matches an email exactly, a LIKE wildcard and all, among leads and contacts', async () => {
    const f = await form();
    await send(admin, 'POST', '/leads', { name: 'Wild', email: 'wi_ld1@example.com' });
    await send(admin, 'POST', '/contacts', { name: 'Tame', emails: ['other@example.com', 'ta_me@example.com'] });
    // `_` is itself, not "any character", which would make these match.
    expect((await submit(f.publicKey, { name: 'Wilder', email: 'wiXld1@example.com' })).status).toBe(201);
    expect(await leadsByEmail('wixld1@example.com')).toHaveLength(1);
    expect((await submit(f.publicKey, { name: 'Tamer', email: 'taXme@example.com' })).status).toBe(201);
    const [tamer] = await leadsByEmail('taxme@example.com');
    const outcome = (leadId: string) =>
      rows<{ outcome: string }>(get().db, sql`select outcome from crm.lead_form_submissions where lead_id = ${leadId}`);
    expect(await outcome(tamer!.id)).toEqual([{ outcome: 'new_lead' }]);
    // The same addresses, in another case: the lead gets a note, the contact a new lead linked to it.
    expect((await submit(f.publicKey, { name: 'Wild', email: 'WI_LD1@example.com' })).status).toBe(201);
    expect(await leadsByEmail('wi_ld1@example.com')).toHaveLength(1);
    expect((await submit(f.publicKey, { name: 'Tame', email: 'Ta_Me@Example.com' })).status).toBe(201);
    const [tame] = await leadsByEmail('ta_me@example.com');
    expect(await outcome(tame!.id)).toEqual([{ outcome: 'existing_contact' }]);
  });

  it('matches a phone number however written, and a company to a customer of a similar name', async () => {
    // Each submission through a form of its own: a form takes five a minute from one address.
    const send1 = async (body: Json) => {
      const fields = [
        { name: 'name', label: 'Name', required: true },
        { name: 'phone', label: 'Phone' },
        { name: 'company', label: 'Company' },
      ];
      return submit((await form({ fields })).publicKey, body);
    };
    const outcomeOf = async (leadId: unknown) =>
      (
        await rows<{ outcome: string; contact_id: string | null }>(
          get().db,
          sql`select outcome, contact_id from crm.lead_form_submissions where lead_id = ${String(leadId)}
              order by created_at desc limit 1`,
        )
      )[0];
    const leadsNamed = (name: string) =>
      rows<{ id: string }>(get().db, sql`select id from crm.leads where org_id = ${kit.acme.id} and name = ${name}`);
    const notesOf = async (query: string) => (await send(admin, 'GET', `/activities?${query}`)).body.items as Json[];

    // An open lead with the same number, written otherwise: a note on it, no twin.
    const lead = await send(admin, 'POST', '/leads', { name: 'Phone lead', phone: '+886 2 2345-6789' });
    expect((await send1({ name: 'Phone lead again', phone: '(02) 2345 6789' })).status).toBe(201);
    expect(await leadsNamed('Phone lead again')).toEqual([]);
    expect(await outcomeOf(lead.body.id)).toMatchObject({ outcome: 'existing_lead' });
    // A short number (under nine digits) matches nothing.
    await send(admin, 'POST', '/leads', { name: 'Short', phone: '555-1234' });
    expect((await send1({ name: 'Short again', phone: '5551234' })).status).toBe(201);
    expect(await leadsNamed('Short again')).toHaveLength(1);

    // A contact with the number among theirs: a new lead, linked to the contact by the note.
    const contact = await send(admin, 'POST', '/contacts', { name: 'Phoned', phones: ['03-111', '+1 (415) 555-0199'] });
    expect((await send1({ name: 'Caller', phone: '415.555.0199' })).status).toBe(201);
    const [caller] = await leadsNamed('Caller');
    expect(await outcomeOf(caller!.id)).toEqual({ outcome: 'existing_contact', contact_id: contact.body.id });
    expect((await notesOf(`contactId=${String(contact.body.id)}`))[0]).toMatchObject({ leadId: caller!.id });

    // A company like a customer's name (case, punctuation, a word more): a new lead, noted on the customer.
    const customer = await send(admin, 'POST', '/customers', { name: 'Northwind Traders Ltd.' });
    expect((await send1({ name: 'Buyer', company: 'northwind traders' })).status).toBe(201);
    const [buyer] = await leadsNamed('Buyer');
    expect(await outcomeOf(buyer!.id)).toMatchObject({ outcome: 'existing_customer' });
    expect((await notesOf(`customerId=${String(customer.body.id)}`))[0]).toMatchObject({ leadId: buyer!.id });
    // An unlike name, and a customer in the trash, are not matched.
    expect((await send1({ name: 'Stranger', company: 'Southwind Bakery' })).status).toBe(201);
    expect(await outcomeOf((await leadsNamed('Stranger'))[0]!.id)).toMatchObject({ outcome: 'new_lead' });
    const trashed = await send(admin, 'POST', '/customers', { name: 'Gone Fishing Supplies' });
    await send(admin, 'DELETE', `/customers/${String(trashed.body.id)}`);
    expect((await send1({ name: 'Angler', company: 'Gone Fishing Supplies' })).status).toBe(201);
    expect(await outcomeOf((await leadsNamed('Angler'))[0]!.id)).toMatchObject({ outcome: 'new_lead' });

    // Another organization's lead, contact and customer are never matched.
    const globexAdmin = kit.globex.users.admin;
    await send(globexAdmin, 'POST', '/leads', { name: 'Theirs', phone: '+44 20 7946 0958' });
    await send(globexAdmin, 'POST', '/customers', { name: 'Zebra Logistics' });
    expect((await send1({ name: 'Ours too', phone: '020 7946 0958', company: 'Zebra Logistics' })).status).toBe(201);
    expect(await outcomeOf((await leadsNamed('Ours too'))[0]!.id)).toMatchObject({ outcome: 'new_lead' });
  });

  it("never matches another organization's lead or contact with the same email", async () => {
    const f = await form();
    const theirAdmin = kit.globex.users.admin;
    const theirLead = await send(theirAdmin, 'POST', '/leads', { name: 'Theirs', email: 'shared@example.com' });
    const theirContact = await send(theirAdmin, 'POST', '/contacts', {
      name: 'Theirs',
      emails: ['Shared@Example.com'],
    });
    expect([theirLead.status, theirContact.status]).toEqual([201, 201]);
    expect((await submit(f.publicKey, { name: 'Ours', email: 'SHARED@example.com' })).status).toBe(201);
    const ours = await leadsByEmail('shared@example.com');
    expect(ours).toHaveLength(1);
    expect(
      await rows(
        get().db,
        sql`select outcome, contact_id from crm.lead_form_submissions where lead_id = ${ours[0]!.id}`,
      ),
    ).toEqual([{ outcome: 'new_lead', contact_id: null }]);

    // The lookups (security definer, migration 0025) answer for the transaction's organization only.
    const lookup = (db: Parameters<typeof rows>[0]) =>
      rows<{ leads: string; contacts: string }>(
        db,
        sql`select array_to_string(crm.leads_with_email('shared@example.com'), ',') as leads,
                   array_to_string(crm.contacts_with_email('shared@example.com'), ',') as contacts`,
      );
    const inScope = (orgId: string) => inOrg(get().db, { orgId, role: 'admin' }, lookup);
    expect(await inScope(kit.acme.id)).toEqual([{ leads: ours[0]!.id, contacts: '' }]);
    expect(await inScope(kit.globex.id)).toEqual([{ leads: theirLead.body.id, contacts: theirContact.body.id }]);
    expect(await lookup(get().db)).toEqual([{ leads: '', contacts: '' }]);
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
    // A script posting a form encoding and asking for JSON gets problems (a browser, a page: see below).
    const bad = await kit.app.request(`/api/crm/public/lead-forms/${f.publicKey}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `name=&email=not-an-email&_token=${encodeURIComponent(token)}`,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain('email');
  });

  /** A browser posting a form without script: a form encoding, and an Accept that wants HTML. */
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  const browserPost = (key: string, body: string | FormData, headers: Record<string, string> = {}) =>
    kit.app.request(`/api/crm/public/lead-forms/${key}/submissions`, {
      method: 'POST',
      headers: {
        ...(typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        accept: BROWSER,
        ...headers,
      },
      body,
    });
  const expectPage = (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers.get('location')).toBeNull();
  };

  it("answers a browser's refused form with a page in its language, each field by its label", async () => {
    const f = await form({
      fields: [
        { name: 'name', label: 'Your <b>name</b>', required: true },
        { name: 'email', label: 'E-mail "work"', required: true },
        { name: 'phone', label: '電話' },
      ],
      consentText: 'You may email me.',
    });
    const token = encodeURIComponent(await opened(f.publicKey));
    const res = await browserPost(f.publicKey, `name=&email=not-an-email&phone=abc&_token=${token}`, {
      referer: 'https://shop.example/contact?crm_status=ok&lang=en',
    });
    expectPage(res, 400);
    const page = await res.text();
    expect(page).toContain('<html lang="en">');
    // Each field's error by its label (escaped), in the form's order.
    expect(page.match(/<li>.*?<\/li>/g)).toEqual([
      '<li>Your &lt;b&gt;name&lt;/b&gt;: required.</li>',
      '<li>E-mail &quot;work&quot;: enter an email address, e.g. name@example.com.</li>',
      '<li>電話: use digits, spaces and + ( ) - . / only.</li>',
      '<li>Consent: required.</li>',
    ]);
    expect(page).not.toContain('<b>');
    expect(page).not.toMatch(/<script|\son[a-z]+=/i);
    // Back to the form's own page (an allowed origin), without the earlier status; or the Back button.
    expect(page).toContain('<a href="https://shop.example/contact?lang=en">Go back to the form</a>');
    expect(page).toContain('Back button; what you typed is kept.');
    expect(await leadsByEmail('not-an-email')).toEqual([]);

    // In the visitor's language; no link back to a page on another site.
    const zh = await browserPost(f.publicKey, `name=Mia&_token=${token}`, {
      'accept-language': 'fr;q=1, zh-TW;q=0.9, en;q=0.5',
      referer: 'https://evil.example/copy',
    });
    expectPage(zh, 400);
    expect(zh.headers.get('content-language')).toBe('zh-Hant');
    const zhPage = await zh.text();
    expect(zhPage).toContain('<html lang="zh-Hant">');
    expect(zhPage).toContain('<li>E-mail &quot;work&quot;：必填。</li>');
    expect(zhPage).toContain('您填寫的內容會保留');
    expect(zhPage).not.toContain('evil.example');
    const hans = await browserPost(f.publicKey, `name=Mia&_token=${token}`, { 'accept-language': 'zh-CN' });
    expect(await hans.text()).toContain('<li>同意条款：必填。</li>');
  });

  it("speaks the organization's language to a browser that names none the kit has", async () => {
    const globexAdmin = kit.globex.users.admin;
    expect((await send(globexAdmin, 'PATCH', '/organization', { locale: 'zh-Hans' })).status).toBe(200);
    const created = await send(globexAdmin, 'POST', '/lead-forms', {
      name: 'Globex form',
      fields: [{ name: 'name', label: '姓名', required: true }],
      minFillSeconds: 0,
    });
    const key = String(created.body.publicKey);
    const res = await browserPost(key, `_token=${encodeURIComponent(await opened(key))}`, { 'accept-language': 'de' });
    expectPage(res, 400);
    expect(await res.text()).toContain('<li>姓名：必填。</li>');
  });

  it("answers a browser's too fast, stale, too frequent and too large forms with pages", async () => {
    const slow = await form({ minFillSeconds: 30 });
    const fast = await browserPost(
      slow.publicKey,
      `name=Fast&email=fast%40example.com&_token=${encodeURIComponent(await opened(slow.publicKey))}`,
    );
    expectPage(fast, 400);
    expect(await fast.text()).toContain('<h1>Sent too quickly</h1>');
    const stale = await browserPost(slow.publicKey, 'name=Stale&email=stale%40example.com&_token=junk');
    expectPage(stale, 400);
    expect(await stale.text()).toContain('<h1>This form has expired</h1>');

    const f = await form();
    for (let i = 1; i <= 5; i++)
      expect((await submit(f.publicKey, { name: 'R', email: `r${i}@example.com` })).status).toBe(201);
    const busy = await browserPost(
      f.publicKey,
      `name=R&email=r6%40example.com&_token=${encodeURIComponent(await opened(f.publicKey))}`,
      { 'accept-language': 'zh-Hans' },
    );
    expectPage(busy, 429);
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await busy.text()).toContain('<h1>提交次数过多</h1>');
    expect(await leadsByEmail('r6@example.com')).toEqual([]);

    const big = await browserPost(f.publicKey, `name=Big&message=${'x'.repeat(20_000)}`);
    expectPage(big, 413);
    expect(await big.text()).toContain('What you typed is too long.');
  });

  it('takes multipart forms too, and keeps a honeypot hit looking like a success to a browser', async () => {
    const f = await form({ thankYouText: 'Thanks, <we> will call.' });
    const fields = async (entries: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ _token: await opened(f.publicKey), ...entries })) data.append(k, v);
      return data;
    };
    const back = { referer: 'https://shop.example/contact' };
    const ok = await browserPost(f.publicKey, await fields({ name: 'Multi', email: 'multi@example.com' }), back);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('https://shop.example/contact?crm_status=ok');
    expect(await leadsByEmail('multi@example.com')).toHaveLength(1);
    const bad = await browserPost(f.publicKey, await fields({ name: 'Multi', email: 'nope' }), back);
    expectPage(bad, 400);
    expect(await bad.text()).toContain('<li>Email: enter an email address, e.g. name@example.com.</li>');

    // The honeypot: the same answer as a real submission, by redirect or (with nowhere to go) by page.
    const trap = await browserPost(
      f.publicKey,
      await fields({ name: 'Bot', email: 'bot-page@example.com', website_url: 'http://spam' }),
      back,
    );
    expect(trap.status).toBe(303);
    expect(trap.headers.get('location')).toBe('https://shop.example/contact?crm_status=ok');
    const real = await browserPost(f.publicKey, await fields({ name: 'Page', email: 'page@example.com' }));
    const bot = await browserPost(
      f.publicKey,
      await fields({ name: 'Bot', email: 'bot-page@example.com', website_url: 'http://spam' }),
    );
    expectPage(real, 201);
    expectPage(bot, 201);
    const thanks = await real.text();
    expect(thanks).toContain('<p>Thanks, &lt;we&gt; will call.</p>');
    expect(await bot.text()).toBe(thanks);
    expect(await leadsByEmail('page@example.com')).toHaveLength(1);
    expect(await leadsByEmail('bot-page@example.com')).toEqual([]);
  });

  /** Puts `hits` on a rate-limit key, in this window and the next (a test may cross into it). */
  const preload = async (key: string, windowSeconds: number, hits: number) => {
    const start = sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
    await rows(
      get().db,
      sql`insert into crm.rate_limits (org_id, key, window_start, hits) values
          (${kit.acme.id}, ${key}, ${start}, ${hits}),
          (${kit.acme.id}, ${key}, ${start} + make_interval(secs => ${windowSeconds}), ${hits})`,
    );
  };

  it('limits how often a form is opened, per address and per form', async () => {
    const f = await form();
    const busy = await form();
    // The test's requests have no address: all come from `unknown`.
    await preload(`form-view-address:${String(f.id)}:unknown`, 60, 59);
    await preload(`form-view:${String(busy.id)}`, 60, 1200);
    const view = (key: string) => kit.request(null, 'GET', `/public/lead-forms/${key}`);
    expect((await view(f.publicKey)).status).toBe(200);
    const refused = await view(f.publicKey);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await view(busy.publicKey)).status).toBe(429);
    // Another form from the same address: its own count. And a page view, then a submission.
    const other = await form();
    expect((await submit(other.publicKey, { name: 'Viewed', email: 'viewed@example.com' })).status).toBe(201);
  });

  it('deletes ended rate-limit windows as it counts, and keeps live ones', async () => {
    const f = await form();
    const at = (ago: string) => sql`now() - ${ago}::interval`;
    const seed = (orgId: string, key: string, ago: string) =>
      rows(get().db, sql`insert into crm.rate_limits values (${orgId}, ${key}, ${at(ago)}, 3)`);
    const mine = `form-address-min:${String(f.id)}:unknown`;
    const gone = `form-address-min:${String(f.id)}:192.0.2.1`;
    const live = `form-address-hour:${String(f.id)}:192.0.2.2`;
    await seed(kit.acme.id, mine, '2 days'); // this key's older windows: deleted when its new one opens
    await seed(kit.acme.id, mine, '10 minutes');
    await seed(kit.acme.id, gone, '25 hours'); // an address that never came back: swept
    await seed(kit.acme.id, live, '10 minutes'); // may still be counting (hour windows): kept
    await seed(kit.globex.id, `form:${String(f.id)}`, '3 days'); // another organization's: not this sweep's
    // Sweeps run on a share of hits: make this one of them.
    const chance = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      expect((await submit(f.publicKey, { name: 'Sweep', email: 'sweep@example.com' })).status).toBe(201);
    } finally {
      chance.mockRestore();
    }
    const left = await rows<{ org_id: string; key: string; hits: number }>(
      get().db,
      sql`select org_id, key, hits from crm.rate_limits where key like ${`%${String(f.id)}%`}`,
    );
    const id = String(f.id);
    const row = (orgId: string, key: string, hits: number) => ({ org_id: orgId, key, hits });
    // The request's five keys, one window each (hits 1); the live row and the other organization's.
    expect(left.sort((a, b) => (a.key + a.org_id < b.key + b.org_id ? -1 : 1))).toEqual(
      [
        row(kit.acme.id, `form-address-hour:${id}:192.0.2.2`, 3),
        row(kit.acme.id, `form-address-hour:${id}:unknown`, 1),
        row(kit.acme.id, mine, 1),
        row(kit.acme.id, `form-view-address:${id}:unknown`, 1),
        row(kit.acme.id, `form-view:${id}`, 1),
        row(kit.acme.id, `form:${id}`, 1),
        row(kit.globex.id, `form:${id}`, 3),
      ].sort((a, b) => (a.key + a.org_id < b.key + b.org_id ? -1 : 1)),
    );
  });

  // PGlite runs one transaction at a time: two sweeps at once happen on PostgreSQL only.
  it.runIf(name === 'postgres')('sweeps beside another sweep without waiting for it', async () => {
    const orgId = kit.acme.id;
    const key = (i: number) => `sweep-race:${i}`;
    for (let i = 0; i < 6; i++)
      await rows(get().db, sql`insert into crm.rate_limits values (${orgId}, ${key(i)}, now() - interval '2 days', 1)`);
    const scope = { orgId, role: 'admin' as const };
    let release = () => {};
    let swept = () => {};
    const held = new Promise<void>((r) => (release = r));
    const firstSwept = new Promise<void>((r) => (swept = r));
    // The first sweep keeps its transaction (and its rows' locks) open until the second is done.
    const first = inOrg(get().db, scope, async (tx) => {
      await sweepEndedWindows(tx, orgId);
      swept();
      await held;
    });
    await Promise.race([firstSwept, first]);
    await rows(get().db, sql`insert into crm.rate_limits values (${orgId}, ${key(6)}, now() - interval '2 days', 1)`);
    const second = inOrg(get().db, scope, (tx) => sweepEndedWindows(tx, orgId));
    const outcome = await Promise.race([second.then(() => 'done'), new Promise((r) => setTimeout(r, 3000, 'waited'))]);
    release();
    await first;
    expect(outcome).toBe('done');
    const left = await rows(get().db, sql`select key from crm.rate_limits where key like 'sweep-race:%'`);
    expect(left).toEqual([]);
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
