import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, hostTokenFor, part, parts, status, text, tokenFor } from '../../test/kit.js';
import { CrmClient } from '@crmkit/core';
import { knownCapabilities } from '../../test/capabilities.js';
import '../index.js';
import { localizer } from '../shared/localize.js';
import { deliveryList } from './webhook-deliveries.template.js';
import type { CrmWebhooks } from './webhooks.js';

// Webhooks are managed from the host's own sign-in: the kit refuses them to embed tokens.
const admin = new CrmClient({ baseUrl: BASE_URL, token: hostTokenFor(ACME_ADMIN) });
const REP = 'rep@acme.test';
const unique = (what: string) => `${what}-${Math.random().toString(36).slice(2, 8)}`;

const endpoints = async () => (await admin.request<{ items: WebhookEndpoint[] }>('GET', '/webhook-endpoints')).items;
const deliveriesOf = async (id: string) =>
  (await admin.request<{ items: WebhookDelivery[] }>('GET', `/webhook-endpoints/${id}/deliveries`)).items;
const addEndpoint = (body: Record<string, unknown>) =>
  admin.request<WebhookEndpointWithSecret>('POST', '/webhook-endpoints', { body });

async function webhooksFor({ email = ACME_ADMIN, locale = 'en', token = hostTokenFor(email) } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${token} locale=${locale}>
      <crm-webhooks></crm-webhooks>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-webhooks')!;
  await knownCapabilities(provider);
  await settled(element);
  return element;
}

async function settled(element: CrmWebhooks) {
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"]'),
    'the webhooks did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

function row(element: CrmWebhooks, id: string): HTMLElement {
  const found = element.shadowRoot!.querySelector<HTMLElement>(`[part~="endpoint"][data-id="${id}"]`);
  if (!found) throw new Error(`endpoint ${id} is not listed`);
  return found;
}

const button = (scope: Element, name: string) => scope.querySelector<HTMLButtonElement>(`[part~="${name}"]`)!;

function type(element: CrmWebhooks, name: string, value: string) {
  const input = part(element, name) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('crm-webhooks', () => {
  it('adds an endpoint for chosen events, shows its secret once, and the kit has it', async () => {
    const element = await webhooksFor();
    await expect(element).to.be.accessible();
    part(element, 'add-button')!.click();
    await element.updateComplete;
    const url = `https://erp.example.com/hooks/${unique('crm')}`;
    type(element, 'url-input', url);
    type(element, 'description-input', 'The ERP');
    part(element, 'chosen-radio')!.click();
    await element.updateComplete;
    await expect(element).to.be.accessible();
    const box = (label: string) => element.shadowRoot!.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
    box('Customers: Every change').click();
    box('Orders: Created').click();
    await element.updateComplete;
    expect(box('Customers: Created').disabled).to.equal(true);
    part(element, 'submit-button')!.click();

    await waitUntil(() => part(element, 'secret-value'), 'no secret shown', { timeout: 8000 });
    const secret = (part(element, 'secret-value') as HTMLInputElement).value;
    expect(secret).to.match(/^whsec_/);
    expect(text(part(element, 'secret'))).to.contain('you will not see it again');
    expect(status(element)).to.equal(`Endpoint ${url} added.`);
    const stored = (await endpoints()).find((item) => item.url === url)!;
    expect(stored).to.deep.include({ description: 'The ERP', active: true });
    expect(stored.eventTypes).to.have.members(['customer.*', 'order.created']);
    await expect(element).to.be.accessible();

    // Once: Done takes it away, and nothing shows it again.
    part(element, 'secret-done')!.click();
    await settled(element);
    expect(part(element, 'secret')).to.equal(null);
    expect(element.shadowRoot!.textContent).to.not.contain(secret);
    expect(text(row(element, stored.id).querySelector('[part~="event-types"]'))).to.contain(
      'customer.*, order.created',
    );
  });

  it('shows the kit refusing a private address beside the URL, and adds nothing', async () => {
    const element = await webhooksFor();
    part(element, 'add-button')!.click();
    await element.updateComplete;
    const url = `https://10.1.2.3/${unique('hook')}`;
    type(element, 'url-input', url);
    part(element, 'submit-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#url-error'), 'no field error', { timeout: 8000 });
    expect(text(element.shadowRoot!.querySelector('#url-error'))).to.equal(
      'Use an https address on the internet, not a local or private one.',
    );
    expect(part(element, 'url-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(part(element, 'secret')).to.equal(null);
    expect((await endpoints()).some((item) => item.url === url)).to.equal(false);
    await expect(element).to.be.accessible();

    // Escape leaves the form, and focus goes back to "Add endpoint".
    part(element, 'url-input')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    await element.updateComplete;
    await element.updateComplete;
    expect(part(element, 'form')).to.equal(null);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'add-button'));
  });

  it('turns an endpoint off, and a stale version reloads and says so', async () => {
    const created = await addEndpoint({ url: `https://shop.example.com/${unique('h')}` });
    const element = await webhooksFor();
    button(row(element, created.id), 'toggle-button').click();
    await waitUntil(() => status(element) === `${created.url} turned off.`, 'not turned off', { timeout: 8000 });
    await settled(element);
    expect((await endpoints()).find((item) => item.id === created.id)!.active).to.equal(false);
    expect(text(row(element, created.id).querySelector('[part~="state"]'))).to.equal('Turned off');

    // Someone turns it on meanwhile: this screen's "Turn on" is stale.
    await admin.request('PATCH', `/webhook-endpoints/${created.id}`, {
      body: { active: true },
      version: created.version + 1,
    });
    await admin.request('PATCH', `/webhook-endpoints/${created.id}`, {
      body: { description: 'Changed' },
      version: created.version + 2,
    });
    button(row(element, created.id), 'toggle-button').click();
    await waitUntil(() => part(element, 'notice'), 'no notice', { timeout: 8000 });
    expect(text(part(element, 'notice'))).to.equal(
      `Someone else changed ${created.url} meanwhile; it now shows as it is. Try again.`,
    );
    await waitUntil(
      () => text(row(element, created.id).querySelector('[part~="description"]')) === 'Changed',
      'not reloaded',
      {
        timeout: 8000,
      },
    );
    expect((await endpoints()).find((item) => item.id === created.id)!.version).to.equal(created.version + 3);
  });

  it('sends a test, lists it among the deliveries with a change, and replays one', async () => {
    const created = await addEndpoint({ url: `https://erp.example.com/${unique('h')}`, eventTypes: ['customer.*'] });
    const customer = await admin.customers.create({ name: unique('Webhook Traders'), kind: 'company' });
    const element = await webhooksFor();
    button(row(element, created.id), 'ping-button').click();
    await waitUntil(() => parts(element, 'delivery').length >= 2, 'no deliveries listed', { timeout: 8000 });
    expect(status(element)).to.contain('Test event queued');
    const listed = parts(element, 'delivery');
    // Newest first: the test, then the customer's creation, both waiting (no worker sends them here).
    expect(listed.map((item) => text(item.querySelector('[part~="event-type"]')))).to.deep.equal([
      'webhook.ping',
      'customer.created',
    ]);
    expect(listed.map((item) => text(item.querySelector('[part~="delivery-status"]')))).to.deep.equal([
      'Pending',
      'Pending',
    ]);
    expect(button(row(element, created.id), 'deliveries-button').getAttribute('aria-expanded')).to.equal('true');
    await expect(element).to.be.accessible();

    const replayed = listed[1]!.dataset.id;
    const replay = listed[1]!.querySelector<HTMLButtonElement>('[part~="replay-button"]')!;
    expect(replay.getAttribute('aria-label')).to.equal('Replay customer.created');
    replay.click();
    await waitUntil(() => parts(element, 'delivery').length === 3, 'the replay is not listed', { timeout: 8000 });
    expect(status(element)).to.equal('customer.created queued again.');
    const stored = await deliveriesOf(created.id);
    expect(stored[0]).to.deep.include({ eventType: 'customer.created', replayOf: replayed });
    expect((stored[0]!.payload as { data: { id: string } }).data.id).to.equal(customer.id);
  });

  it('shows an attempt with its status code, duration, time and the answer as text, never as markup', async () => {
    // No worker sends deliveries here, so the log's attempts are drawn from one as the kit lists it.
    const answer = '<b id="bold">refused</b><img src="x" onerror="window.hacked = true">';
    const delivery: WebhookDelivery = {
      id: crypto.randomUUID(),
      endpointId: crypto.randomUUID(),
      eventId: crypto.randomUUID(),
      eventType: 'order.updated',
      status: 'failed',
      attempts: [{ at: '2026-12-01T08:30:00.000Z', statusCode: 500, durationMs: 1234, response: answer, error: null }],
      nextAttemptAt: null,
      createdAt: '2026-12-01T08:29:59.000Z',
      finishedAt: '2026-12-04T08:30:00.000Z',
      replayOf: null,
      payload: {},
    };
    const element = await fixture(html`<div>${deliveryList(localizer('en'), { deliveries: [delivery] })}</div>`);
    expect(element.querySelector('#bold')).to.equal(null);
    expect(element.querySelector('img')).to.equal(null);
    expect(element.querySelector('[part~="answer"]')!.textContent).to.equal(answer);
    expect(text(element.querySelector('[part~="delivery-status"]'))).to.equal('Failed');
    expect(text(element.querySelector('[part~="attempt-summary"]'))).to.match(/: 500 in 1,234 ms$/);
    expect(element.querySelector('[part~="replay-button"]')).to.equal(null);
  });

  it('rotates a secret: shown once, with the old one signing for 24 hours', async () => {
    const created = await addEndpoint({ url: `https://erp.example.com/${unique('h')}` });
    const element = await webhooksFor();
    button(row(element, created.id), 'rotate-button').click();
    await waitUntil(() => part(element, 'secret-value'), 'no secret shown', { timeout: 8000 });
    const secret = (part(element, 'secret-value') as HTMLInputElement).value;
    expect(secret)
      .to.match(/^whsec_/)
      .and.not.equal(created.secret);
    expect(text(part(element, 'secret'))).to.contain('The old secret keeps signing too for 24 hours');
    expect((await endpoints()).find((item) => item.id === created.id)!.previousSecretExpiresAt).to.be.a('string');
  });

  it('deletes an endpoint after a confirmation', async () => {
    const created = await addEndpoint({ url: `https://erp.example.com/${unique('h')}` });
    const element = await webhooksFor();
    button(row(element, created.id), 'delete-button').click();
    await element.updateComplete;
    const confirm = row(element, created.id).querySelector('[part~="confirm"]')!;
    expect(text(confirm)).to.contain(`Delete ${created.url}?`);
    await expect(element).to.be.accessible();
    confirm.querySelector<HTMLButtonElement>('.danger')!.click();
    await waitUntil(() => status(element) === `${created.url} deleted.`, 'not deleted', { timeout: 8000 });
    await settled(element);
    expect(element.shadowRoot!.querySelector(`[data-id="${created.id}"]`)).to.equal(null);
    expect((await endpoints()).some((item) => item.id === created.id)).to.equal(false);
  });

  it('edits an endpoint in its place: URL, description, events and whether it is on, with the version read', async () => {
    const created = await addEndpoint({ url: `https://erp.example.com/${unique('e')}`, description: 'ERP' });
    const element = await webhooksFor();
    button(row(element, created.id), 'edit-button').click();
    await element.updateComplete;
    const form = row(element, created.id).querySelector('[part~="form"]')!;
    expect(text(form.querySelector('[role="heading"]'))).to.equal(`Edit ${created.url}`);
    expect(element.shadowRoot!.activeElement === part(element, 'url-input'), 'focus on the URL').to.equal(true);
    expect((part(element, 'url-input') as HTMLInputElement).value).to.equal(created.url);
    expect((part(element, 'active-checkbox') as HTMLInputElement).checked).to.equal(true);
    await expect(element).to.be.accessible();
    const url = `https://erp.example.com/${unique('moved')}`;
    type(element, 'url-input', url);
    type(element, 'description-input', 'ERP, production');
    part(element, 'chosen-radio')!.click();
    await element.updateComplete;
    element.shadowRoot!.querySelector<HTMLInputElement>('input[aria-label="Deals: Every change"]')!.click();
    part(element, 'active-checkbox')!.click();
    part(element, 'submit-button')!.click();
    await waitUntil(() => status(element) === `${url} saved.`, 'not saved', { timeout: 8000 });
    await waitUntil(
      () => !part(element, 'form') && text(row(element, created.id).querySelector('[part~="url"]')) === url,
    );
    const edit = button(row(element, created.id), 'edit-button');
    expect(element.shadowRoot!.activeElement === edit, 'focus back on Edit').to.equal(true);
    expect(text(row(element, created.id).querySelector('[part~="state"]'))).to.equal('Turned off');
    const stored = (await endpoints()).find((item) => item.id === created.id)!;
    expect(stored).to.include({ url, description: 'ERP, production', active: false, version: created.version + 1 });
    expect(stored.eventTypes).to.deep.equal(['opportunity.*']);
  });

  it('keeps what was typed when someone else changed the endpoint, and saves only what the user changed', async () => {
    const created = await addEndpoint({ url: `https://erp.example.com/${unique('c')}`, description: 'Old' });
    const element = await webhooksFor();
    button(row(element, created.id), 'edit-button').click();
    await element.updateComplete;
    type(element, 'description-input', 'Mine');
    // Meanwhile an admin turns it off.
    await admin.request('PATCH', `/webhook-endpoints/${created.id}`, {
      body: { active: false },
      version: created.version,
    });
    part(element, 'submit-button')!.click();
    await waitUntil(() => part(element, 'form-error'), 'no conflict told', { timeout: 8000 });
    expect(text(part(element, 'form-error'))).to.equal(
      `Someone else changed ${created.url} meanwhile; it now shows as it is. Save again to apply yours.`,
    );
    expect((part(element, 'description-input') as HTMLInputElement).value).to.equal('Mine');
    expect((await endpoints()).find((item) => item.id === created.id)!.description).to.equal('Old');
    part(element, 'submit-button')!.click();
    await waitUntil(() => status(element) === `${created.url} saved.`, 'not saved', { timeout: 8000 });
    // Their change stands beside the user's.
    expect((await endpoints()).find((item) => item.id === created.id)).to.include({
      description: 'Mine',
      active: false,
    });
  });

  it('refuses a private address field by field when editing, changing nothing; Escape leaves the form', async () => {
    const created = await addEndpoint({ url: `https://erp.example.com/${unique('p')}` });
    const element = await webhooksFor();
    button(row(element, created.id), 'edit-button').click();
    await element.updateComplete;
    type(element, 'url-input', 'https://10.1.2.3/hooks');
    part(element, 'submit-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#url-error'), 'no field error', { timeout: 8000 });
    expect(text(element.shadowRoot!.querySelector('#url-error'))).to.equal(
      'Use an https address on the internet, not a local or private one.',
    );
    expect(part(element, 'url-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect((await endpoints()).find((item) => item.id === created.id)!.version).to.equal(created.version);
    part(element, 'url-input')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    await element.updateComplete;
    await element.updateComplete;
    expect(part(element, 'form') === null, 'the form closed').to.equal(true);
    const edit = button(row(element, created.id), 'edit-button');
    expect(element.shadowRoot!.activeElement === edit, 'focus back on Edit').to.equal(true);
  });

  it('tells a rep that only admins manage webhooks, with nothing to change', async () => {
    const element = await webhooksFor({ email: REP });
    expect(text(part(element, 'admins-only'))).to.equal('Only owners and admins manage webhooks.');
    expect(part(element, 'add-button')).to.equal(null);
    expect(parts(element, 'endpoint')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('offers nothing to change under an embed token, which the kit never lets manage webhooks', async () => {
    const element = await webhooksFor({ token: tokenFor(ACME_ADMIN) });
    expect(text(part(element, 'admins-only'))).to.equal('Only owners and admins manage webhooks.');
    expect(part(element, 'add-button')).to.equal(null);
  });

  it('speaks Simplified Chinese', async () => {
    const element = await webhooksFor({ locale: 'zh-Hans' });
    await waitUntil(() => text(part(element, 'add-button')) === '添加端点', 'not in Simplified Chinese', {
      timeout: 8000,
    });
  });

  it('speaks Traditional Chinese', async () => {
    const element = await webhooksFor({ locale: 'zh-Hant' });
    await waitUntil(() => text(part(element, 'add-button')) === '新增端點', 'not in Traditional Chinese', {
      timeout: 8000,
    });
    expect(text(element.shadowRoot!.querySelector('.intro'))).to.contain('其他系統');
    await expect(element).to.be.accessible();
  });
});
