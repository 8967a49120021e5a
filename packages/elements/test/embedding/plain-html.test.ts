// docs/embedding.md (a): a plain HTML page, no framework, one module script loading the built
// bundle, shows a customer card from the real kit.
import { expect, waitUntil } from '@open-wc/testing';
import { SECTIONS } from '../../src/shared/messages/sections.js';
import { findCustomer } from '../kit.js';
import { fetchedIn, openPage as openFrame } from './frames.js';

const PAGE = '/packages/elements/test/embedding/plain.html';
/** The same page in English (the provider has no locale; the page's lang is en-GB). */
const ENGLISH_PAGE = '/packages/elements/test/embedding/plain-en.html';

/** Opens a plain page (the Chinese one unless told) in a frame of its own. */
const openPage = (customerId: string, path = PAGE) => openFrame(path, customerId);

function cardIn(frame: HTMLIFrameElement) {
  return frame.contentDocument!.querySelector('crm-customer-card')!;
}

/** The files of a catalog, a section each. */
const catalogFiles = (locale: string) => SECTIONS.map((section) => `crmkit-elements.${locale}.${section}.js`).sort();
const CATALOG_FILES = [...catalogFiles('zh-hans'), ...catalogFiles('zh-hant')];

describe('embedding in a plain HTML page', () => {
  it('loads as a self-contained ES module, with its catalogs beside it', async () => {
    const response = await fetch('/embedding/crmkit-elements.js');
    expect(response.ok).to.equal(true);
    expect(response.headers.get('content-type')).to.contain('javascript');
    const code = await response.text();
    // Nothing left to resolve: no import statements (of lit, @crmkit/core, …) at all.
    const imports = code.match(/(?:^|[;}\n])\s*import\s*[\w{*"'`]/g) ?? [];
    expect(imports, 'import statements in the bundle').to.deep.equal([]);
    expect(code.length, 'bundle size').to.be.greaterThan(10_000);
    // Only the Chinese catalogs are apart, loaded on demand from beside the bundle; no Chinese inside.
    const loaded = [...code.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]).sort();
    expect(loaded, 'dynamic imports in the bundle').to.deep.equal(CATALOG_FILES.map((file) => `./${file}`));
    expect(code).not.to.match(/公司|客戶|客户/);
    for (const file of CATALOG_FILES) {
      const catalog = await fetch(`/embedding/${file}`);
      expect(catalog.ok, file).to.equal(true);
      expect(catalog.headers.get('content-type'), file).to.contain('javascript');
      const text = await catalog.text();
      expect(text, file).to.match(/[\u4e00-\u9fff]/);
      expect(text, file).not.to.match(/\bimport\b/);
    }
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
    expect(root.textContent).to.contain('生命週期階段');
    expect(page.getComputedStyle(root.querySelector('[part~="avatar"]')!).color).to.equal('rgb(128, 0, 128)');
    // The page fetched the bundle and its own catalog (every section: the bundle has every element), from
    // beside the bundle; not the other one.
    expect(fetchedIn(frame)).to.deep.equal([
      '/embedding/crmkit-elements.js',
      ...catalogFiles('zh-hant').map((file) => `/embedding/${file}`),
    ]);

    root.querySelector<HTMLButtonElement>('[part~="name"]')!.click();
    expect(doc.getElementById('selected')!.textContent).to.equal(`Selected: ${northwind.name}`);

    // Switched at run time, the card loads the other catalog and speaks it.
    doc.querySelector('crm-provider')!.setAttribute('locale', 'zh-CN');
    await waitUntil(() => root.textContent!.includes('生命周期阶段'), 'the card did not switch to zh-Hans');
    expect(root.querySelector('[part~="name"]')!.textContent!.trim()).to.equal(northwind.name);
    expect(fetchedIn(frame)).to.include.members(catalogFiles('zh-hans').map((file) => `/embedding/${file}`));
  });

  it('fetches no Chinese strings on an English page', async () => {
    const northwind = await findCustomer('Northwind');
    const frame = await openPage(northwind.id, ENGLISH_PAGE);
    await waitUntil(() => cardIn(frame).shadowRoot?.querySelector('[part~="name"]'), 'the card did not load', {
      timeout: 20_000,
    });
    expect(cardIn(frame).shadowRoot!.querySelector('[part~="subtitle"]')!.textContent).to.contain('Company');
    expect(fetchedIn(frame)).to.deep.equal(['/embedding/crmkit-elements.js']);
  });
});
