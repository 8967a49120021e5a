// The demo's integrations page (on the demo shared by the e2e files): only owners and admins have it.
// An Acme admin adds a webhook endpoint, sends it a test, edits it and deletes it, each step checked
// in the kit; a rep has no link to the page and is refused it.
import type { WebhookDelivery, WebhookEndpoint } from '@crmkit/core';
import { describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';
import { eventually } from './support/elements.js';

const ADMIN = 'admin@acme.test';
const REP = 'rep@acme.test';

describe('the integrations page', () => {
  /** The organization's webhook endpoints, as the kit has them. */
  async function endpoints(admin: DemoSession): Promise<WebhookEndpoint[]> {
    return (await admin.api<{ items: WebhookEndpoint[] }>('/webhook-endpoints')).items;
  }

  it('is not offered to a rep, and refused when asked for', async () => {
    const rep = await demoSession(REP);
    try {
      const { page, url } = rep;
      await page.goto(`${url}/customers`);
      await page.getByRole('navigation').first().waitFor();
      expect(await page.getByRole('link', { name: 'Integrations' }).count()).toBe(0);
      const answer = await page.goto(`${url}/integrations`);
      expect(answer?.status()).toBe(404);
      expect(await page.locator('crm-webhooks').count()).toBe(0);
      expect(rep.errors).toEqual([]);
    } finally {
      await rep.close();
    }
  });

  it('lets an admin add an endpoint, send it a test, edit it and delete it', async () => {
    const admin = await demoSession(ADMIN);
    const hook = `https://erp.example.com/hooks/${Date.now().toString(36)}`;
    try {
      const { page, url, errors } = admin;
      await page.goto(`${url}/customers`);
      await page.getByRole('link', { name: 'Integrations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
      const webhooks = page.locator('crm-webhooks');
      const said = () => webhooks.getByRole('status').textContent();

      // Add: the secret shows once.
      await webhooks.getByRole('button', { name: 'Add endpoint' }).click();
      await webhooks.getByRole('textbox', { name: 'URL' }).fill(hook);
      await webhooks.getByRole('textbox', { name: 'Description' }).fill('ERP');
      await webhooks.getByRole('button', { name: 'Add', exact: true }).click();
      const secret = webhooks.locator('[part~="secret-value"]');
      await secret.waitFor();
      expect(await secret.inputValue()).toMatch(/^whsec_/);
      await webhooks.getByRole('button', { name: 'Done' }).click();
      const added = (await endpoints(admin)).find((item) => item.url === hook);
      expect(added).toMatchObject({ description: 'ERP', active: true, eventTypes: [] });

      // A test ping, queued and shown in its delivery log.
      const actions = webhooks.getByRole('group', { name: `Actions of ${hook}` });
      await actions.getByRole('button', { name: 'Send a test' }).click();
      await eventually(said).toBe(`Test event queued for ${hook}: it shows in the deliveries below.`);
      await webhooks.locator('[part~="event-type"]', { hasText: 'webhook.ping' }).first().waitFor();
      const log = (await admin.api<{ items: WebhookDelivery[] }>(`/webhook-endpoints/${added!.id}/deliveries`)).items;
      expect(log.map((delivery) => delivery.eventType)).toEqual(['webhook.ping']);

      // Edit, in its place: a new description, and only deals' events.
      await actions.getByRole('button', { name: 'Edit' }).click();
      const form = webhooks.getByRole('form', { name: `Edit ${hook}` });
      await form.getByRole('textbox', { name: 'Description' }).fill('ERP, production');
      await form.getByRole('radio', { name: 'Only the events I choose' }).check();
      await form.getByRole('checkbox', { name: 'Deals: Every change' }).check();
      await form.getByRole('button', { name: 'Save' }).click();
      await eventually(said).toBe(`${hook} saved.`);
      await eventually(() => webhooks.locator('[part~="description"]', { hasText: 'ERP, production' }).count()).toBe(1);
      expect((await endpoints(admin)).find((item) => item.id === added!.id)).toMatchObject({
        description: 'ERP, production',
        eventTypes: ['opportunity.*'],
        version: added!.version + 1,
      });

      // Delete, after a confirmation.
      await actions.getByRole('button', { name: 'Delete' }).click();
      await webhooks.getByText(`Delete ${hook}?`, { exact: false }).waitFor();
      await webhooks.getByRole('button', { name: 'Delete endpoint' }).click();
      await eventually(said).toBe(`${hook} deleted.`);
      expect((await endpoints(admin)).some((item) => item.id === added!.id)).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
