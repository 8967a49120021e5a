// docs/embedding.md (a): a plain HTML page, no framework, one module script loading the built
// bundle, shows a customer card from the real kit.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { findCustomer } from '../kit.js';

const PAGE = '/packages/elements/test/embedding/plain.html';

/** Opens the plain page in a frame of its own (its own document, registry and globals). */
async function openPage(customerId: string): Promise<HTMLIFrameElement> {
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe title="plain page" style="width: 40rem; height: 30rem"></iframe>`,
  );
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PAGE}?customer=${customerId}`;
  await loaded;
  expect(frame.contentWindow!.location.pathname).to.equal(PAGE);
  return frame;
}

function cardIn(frame: HTMLIFrameElement) {
  return frame.contentDocument!.querySelector('crm-customer-card')!;
}

describe('embedding in a plain HTML page', () => {
  it('loads as one self-contained ES module', async () => {
    const response = await fetch('/embedding/crmkit-elements.js');
    expect(response.ok).to.equal(true);
    expect(response.headers.get('content-type')).to.contain('javascript');
    const code = await response.text();
    // Nothing left to resolve: no import statements (of lit, @crmkit/core, …) at all.
    const imports = code.match(/(?:^|[;}\n])\s*import\s*[\w{*"'`]/g) ?? [];
    expect(imports, 'import statements in the bundle').to.deep.equal([]);
    expect(code.length, 'bundle size').to.be.greaterThan(10_000);
  });

  it('shows a customer card from the kit, themed and localized by the page, and fires its events', async () => {
    const northwind = await findCustomer('Northwind');
    const frame = await openPage(northwind.id);
    const page = frame.contentWindow! as Window & typeof globalThis;
    const doc = frame.contentDocument!;
    // One module script of the library and the page's own few lines; nothing else (but the test
    // server's own live-reload socket, which it adds to every page it serves).
    const scripts = [...doc.scripts].filter((script) => !script.src.includes('/__web-dev-server'));
    expect(scripts.map((s) => s.getAttribute('src'))).to.deep.equal(['/embedding/crmkit-elements.js', null]);
    expect(scripts.every((script) => script.type === 'module')).to.equal(true);
    await waitUntil(() => page.customElements.get('crm-customer-card'), 'the bundle did not define the elements', {
      timeout: 20_000,
    });
    expect(page.customElements.get('crm-provider')).not.to.equal(undefined);
    expect(page.customElements.get('crm-activity-log')).not.to.equal(undefined);

    const card = cardIn(frame);
    await waitUntil(() => card.shadowRoot?.querySelector('[part~="name"]'), 'the card did not load', {
      timeout: 10_000,
    });
    const root = card.shadowRoot!;
    expect(root.querySelector('[part~="name"]')!.textContent!.trim()).to.equal(northwind.name);
    // The provider's locale (zh-Hant) and the page's token (--crm-color-accent) apply inside.
    expect(root.querySelector('[part~="subtitle"]')!.textContent).to.contain('公司');
    expect(page.getComputedStyle(root.querySelector('[part~="avatar"]')!).color).to.equal('rgb(128, 0, 128)');

    root.querySelector<HTMLButtonElement>('[part~="name"]')!.click();
    expect(doc.getElementById('selected')!.textContent).to.equal(`Selected: ${northwind.name}`);
  });
});
