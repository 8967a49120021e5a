import { CrmClient } from '@crmkit/core';
import { ContextConsumer } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ACME_ADMIN, BASE_URL, findCustomer, kitClient, tokenFor } from '../../test/kit.js';
import '../index.js';
import { crmContext, type CrmContext } from '../shared/context.js';
import { CrmProvider } from './provider.js';

/** A bare consumer of the context, to see exactly what the provider hands down. */
class ContextProbe extends LitElement {
  readonly values: (CrmContext | undefined)[] = [];
  readonly consumer = new ContextConsumer(this, {
    context: crmContext,
    subscribe: true,
    callback: (value) => this.values.push(value),
  });
  get value(): CrmContext | undefined {
    return this.consumer.value;
  }
}
customElements.define('test-context-probe', ContextProbe);

async function probeIn(template: ReturnType<typeof html>): Promise<{ provider: CrmProvider; probe: ContextProbe }> {
  const root = await fixture(template);
  const provider = (root instanceof CrmProvider ? root : root.querySelector('crm-provider'))!;
  const probe = root.querySelector<ContextProbe>('test-context-probe')!;
  await provider.updateComplete;
  return { provider, probe };
}

describe('crm-provider', () => {
  it('is registered and adds no box of its own', async () => {
    expect(customElements.get('crm-provider')).to.equal(CrmProvider);
    const provider = await fixture(html`<crm-provider><p>content</p></crm-provider>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
    await expect(provider).to.be.accessible();
  });

  it('provides a client built from base-url and token that talks to the kit', async () => {
    const { probe } = await probeIn(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} currency="USD" theme="dark" locale="zh-Hant">
        <test-context-probe></test-context-probe>
      </crm-provider>
    `);
    const value = probe.value!;
    expect(value.client).to.be.instanceOf(CrmClient);
    expect(value.client!.baseUrl).to.equal(BASE_URL);
    expect(value.locale).to.equal('zh-Hant');
    expect(value.currency).to.equal('USD');
    expect(value.theme).to.equal('dark');
    const page = await value.client!.customers.list({ q: 'Northwind' });
    expect(page.items[0]!.name).to.contain('Northwind');
  });

  it('sends its locale with each request (the kit sorts names in it), with a new client for a new locale', async () => {
    const { provider, probe } = await probeIn(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} locale="zh-Hant">
        <test-context-probe></test-context-probe>
      </crm-provider>
    `);
    const sent: (string | null)[] = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      sent.push(new Request(input, init).headers.get('accept-language'));
      return fetch(input, init);
    };
    try {
      const first = probe.value!.client!;
      await first.customers.list({ limit: 1 });
      provider.locale = 'zh-Hans';
      await provider.updateComplete;
      expect(probe.value!.client).not.to.equal(first);
      await probe.value!.client!.customers.list({ limit: 1 });
    } finally {
      window.fetch = fetch;
    }
    expect(sent).to.deep.equal(['zh-Hant', 'zh-Hans']);
  });

  it('reads the token when each request is made, preferring tokenProvider', async () => {
    let calls = 0;
    const { provider, probe } = await probeIn(html`
      <crm-provider base-url=${BASE_URL} token="test:nobody@nowhere.test">
        <test-context-probe></test-context-probe>
      </crm-provider>
    `);
    const client = probe.value!.client!;
    const failure = await client.customers.list().catch((error: unknown) => error);
    expect((failure as { status: number }).status).to.equal(401);

    provider.tokenProvider = () => {
      calls += 1;
      return tokenFor(ACME_ADMIN);
    };
    await provider.updateComplete;
    // The same client (consumers do not reload), now signing in with a fresh token per request.
    expect(probe.value!.client).to.equal(client);
    await client.customers.list({ limit: 1 });
    await client.customers.list({ limit: 1 });
    expect(calls).to.equal(2);
  });

  it('uses the client property instead of base-url', async () => {
    const client = kitClient();
    const { probe } = await probeIn(html`
      <crm-provider base-url="/somewhere-else" .client=${client}>
        <test-context-probe></test-context-probe>
      </crm-provider>
    `);
    expect(probe.value!.client).to.equal(client);
  });

  it('provides no client without base-url or client, and defaults to auto theme', async () => {
    const { probe } = await probeIn(html`<crm-provider><test-context-probe></test-context-probe></crm-provider>`);
    expect(probe.value!.client).to.equal(undefined);
    expect(probe.value!.theme).to.equal('auto');
    expect(probe.value!.currency).to.equal(undefined);
  });

  describe('locale', () => {
    it("defaults to the nearest lang above it, else the page's, else English", async () => {
      const { probe } = await probeIn(html`
        <div lang="zh-TW">
          <crm-provider><test-context-probe></test-context-probe></crm-provider>
        </div>
      `);
      expect(probe.value!.locale).to.equal('zh-Hant');

      const simplified = await probeIn(html`
        <div lang="zh-CN">
          <crm-provider><test-context-probe></test-context-probe></crm-provider>
        </div>
      `);
      expect(simplified.probe.value!.locale).to.equal('zh-Hans');

      const other = await probeIn(html`
        <div lang="de">
          <crm-provider><test-context-probe></test-context-probe></crm-provider>
        </div>
      `);
      expect(other.probe.value!.locale).to.equal('en');
    });

    it('matches tags to the locales it has and falls back to English', async () => {
      const { provider, probe } = await probeIn(html`
        <crm-provider locale="zh-HK"><test-context-probe></test-context-probe></crm-provider>
      `);
      expect(probe.value!.locale).to.equal('zh-Hant');
      provider.locale = 'not a locale';
      await provider.updateComplete;
      expect(probe.value!.locale).to.equal('en');
    });

    it('follows a change of the page language', async () => {
      const { probe } = await probeIn(html`
        <div lang="en">
          <crm-provider><test-context-probe></test-context-probe></crm-provider>
        </div>
      `);
      expect(probe.value!.locale).to.equal('en');
      probe.closest('div')!.setAttribute('lang', 'zh-Hans');
      await waitUntil(() => probe.value?.locale === 'zh-Hans', 'did not follow the lang change');
    });

    it('localizes each subtree on its own: two providers, two languages, one page', async () => {
      const northwind = await findCustomer('Northwind');
      const root = await fixture(html`
        <div>
          <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} locale="zh-Hant">
            <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
          </crm-provider>
          <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} locale="en">
            <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
          </crm-provider>
        </div>
      `);
      const [zh, en] = [...root.querySelectorAll('crm-customer-card')];
      const kind = (card: Element) => card.shadowRoot?.querySelector('[part~="subtitle"]')?.textContent ?? '';
      await waitUntil(() => kind(zh!).includes('公司') && kind(en!).includes('Company'), 'cards did not load');
      // The page's own language is left alone.
      expect(document.documentElement.lang).not.to.equal('zh-Hant');
    });
  });

  it('only notifies consumers when something they get changed', async () => {
    const { provider, probe } = await probeIn(html`
      <crm-provider base-url=${BASE_URL} locale="en"><test-context-probe></test-context-probe></crm-provider>
    `);
    const before = probe.values.length;
    provider.token = 'test:someone-else@acme.test';
    await provider.updateComplete;
    expect(probe.values.length).to.equal(before);
    provider.currency = 'TWD';
    await provider.updateComplete;
    expect(probe.values.length).to.equal(before + 1);
    expect(probe.value!.currency).to.equal('TWD');
  });

  it("forces its theme's colour scheme on everything inside, and the nearest provider wins", async () => {
    const root = await fixture(html`
      <crm-provider theme="dark" locale="zh-Hans">
        <crm-customer-card id="outer"></crm-customer-card>
        <crm-provider theme="light" locale="en">
          <crm-customer-card id="inner"></crm-customer-card>
          <test-context-probe></test-context-probe>
        </crm-provider>
      </crm-provider>
    `);
    const outer = root.querySelector('#outer')!;
    const inner = root.querySelector('#inner')!;
    expect(getComputedStyle(outer).colorScheme).to.equal('dark');
    expect(getComputedStyle(inner).colorScheme).to.equal('light');
    expect(root.querySelector<ContextProbe>('test-context-probe')!.value!.locale).to.equal('en');
  });
});
