import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import '../provider/provider.js';
import type { CrmProvider } from '../provider/provider.js';
import { CrmElement } from './crm-element.js';
import {
  CatalogRegistry,
  catalogs,
  loadCatalog,
  localizer,
  Localizer,
  matchLocale,
  minorDigits,
  resolveLocale,
  useEnglish,
} from './localize.js';
import * as englishParts from './messages/en.js';
import type { MessageKey, Messages } from './messages/en.js';
import { SECTION_OF, SECTIONS, type PartName, type Section } from './messages/sections.js';

/** The whole English catalog, every part of it. */
const en: Messages = Object.assign({}, ...Object.values(englishParts));
useEnglish(englishParts.card, englishParts.size);

/** The smallest crmkit element: one message in its locale, and a record of every text it has shown. */
class LocalizedProbe extends CrmElement {
  /** Each text it rendered, in order (a render that changed nothing adds nothing). */
  readonly renders: string[] = [];

  /** What the element would use to compute a string right now (e.g. an announcement). */
  get strings(): Localizer {
    return this.localize;
  }

  get text(): string {
    return this.renderRoot.querySelector('p')?.textContent ?? '';
  }

  protected override render() {
    return html`<p>${this.localize.t('card.empty')}</p>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.renders.at(-1) !== this.text) this.renders.push(this.text);
  }
}
customElements.define('test-localized-probe', LocalizedProbe);

const EMPTY = { en: 'No customer selected.', 'zh-Hant': '尚未選擇客戶。', 'zh-Hans': '尚未选择客户。' };

// The test page loads every source module as a file of its own: more than the 250 entries the browser keeps
// by default, after which it records no fetch, the catalogs' neither.
performance.setResourceTimingBufferSize(5000);

/** The sections of a catalog (`zh-hant`, `zh-hans`) the page has fetched. */
function fetched(catalog: string): string[] {
  const pattern = new RegExp(`/messages/${catalog}/(\\w+)\\.`);
  return performance
    .getEntriesByType('resource')
    .map((entry) => pattern.exec(entry.name)?.[1])
    .filter((section) => section !== undefined)
    .sort();
}

/** Lets pending promise callbacks run, but no task: a catalog cannot arrive from the network meanwhile. */
async function microtasks(count = 10): Promise<void> {
  for (let i = 0; i < count; i += 1) await Promise.resolve();
}

describe('localization', () => {
  it('matches language tags to the locales it ships', () => {
    expect(matchLocale('en')).to.equal('en');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('zh-TW')).to.equal('zh-Hant');
    expect(matchLocale('zh-HK')).to.equal('zh-Hant');
    expect(matchLocale('zh-Hant')).to.equal('zh-Hant');
    expect(matchLocale('zh')).to.equal('zh-Hans');
    expect(matchLocale('zh-CN')).to.equal('zh-Hans');
    expect(matchLocale('zh-Hans-SG')).to.equal('zh-Hans');
    expect(matchLocale('fr')).to.equal(undefined);
    expect(matchLocale('not a tag')).to.equal(undefined);
    expect(matchLocale('')).to.equal(undefined);
  });

  it('resolves an explicit locale first, then the nearest lang, then English', () => {
    const outer = document.createElement('div');
    outer.lang = 'zh-TW';
    const inner = document.createElement('span');
    outer.append(inner);
    expect(resolveLocale('zh-CN', inner)).to.equal('zh-Hans');
    expect(resolveLocale('', inner)).to.equal('zh-Hant');
    outer.lang = 'ja';
    expect(resolveLocale(null, inner)).to.equal('en');
  });

  it('looks for lang through shadow roots', () => {
    const host = document.createElement('div');
    host.lang = 'zh-CN';
    const inside = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inside);
    expect(resolveLocale(undefined, inside)).to.equal('zh-Hans');
  });

  // These run first in this page, before anything has loaded a Chinese catalog.
  describe('catalogs on demand', () => {
    it('has English built in and fetches nothing for an English element', async () => {
      expect(catalogs.pending('en')).to.equal(false);
      expect(catalogs.pending('zh-Hant')).to.equal(true);
      expect(catalogs.pending('zh-Hans')).to.equal(true);
      const probe = await fixture<LocalizedProbe>(html`<test-localized-probe locale="en"></test-localized-probe>`);
      expect(probe.renders).to.deep.equal([EMPTY.en]);
      expect([...fetched('zh-hant'), ...fetched('zh-hans')], 'a Chinese catalog was fetched').to.deep.equal([]);
    });

    it('renders a Chinese element only once its catalog is here, never in English first', async () => {
      const probe = document.createElement('test-localized-probe') as LocalizedProbe;
      probe.locale = 'zh-Hant';
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      container.append(probe);
      await microtasks();
      // The catalog is on its way; the element has not rendered anything.
      expect(catalogs.pending('zh-Hant')).to.equal(true);
      expect(probe.hasUpdated).to.equal(false);
      expect(probe.renderRoot.textContent).to.equal('');
      await probe.updateComplete;
      expect(probe.renders).to.deep.equal([EMPTY['zh-Hant']]);
      // Only the catalog it needed, and of it only the section its strings are in.
      expect(fetched('zh-hant')).to.deep.equal(['common', 'customers']);
      expect(fetched('zh-hans')).to.deep.equal([]);
    });

    it('keeps its language when the locale changes until the new strings are here, then re-renders', async () => {
      const probe = await fixture<LocalizedProbe>(html`<test-localized-probe locale="en"></test-localized-probe>`);
      probe.locale = 'zh-Hans';
      await microtasks();
      expect(catalogs.pending('zh-Hans')).to.equal(true);
      // The update waits for the catalog: still English on screen, and English for what it computes meanwhile.
      expect(probe.isUpdatePending).to.equal(true);
      expect(probe.text).to.equal(EMPTY.en);
      expect(probe.strings.locale).to.equal('en');
      await probe.updateComplete;
      expect(probe.renders).to.deep.equal([EMPTY.en, EMPTY['zh-Hans']]);
      expect(probe.strings.locale).to.equal('zh-Hans');
      // Back to a catalog that is here: at once.
      probe.locale = 'zh-Hant';
      await probe.updateComplete;
      expect(probe.text).to.equal(EMPTY['zh-Hant']);
    });

    it("follows its provider's locale and the page's lang", async () => {
      const root = await fixture(html`
        <div lang="en">
          <crm-provider locale="zh-Hant"><test-localized-probe id="provided"></test-localized-probe></crm-provider>
          <test-localized-probe id="page"></test-localized-probe>
        </div>
      `);
      const provided = root.querySelector<LocalizedProbe>('#provided')!;
      const page = root.querySelector<LocalizedProbe>('#page')!;
      await provided.updateComplete;
      await page.updateComplete;
      expect([provided.text, page.text]).to.deep.equal([EMPTY['zh-Hant'], EMPTY.en]);

      root.querySelector<CrmProvider>('crm-provider')!.locale = 'zh-CN';
      await waitUntil(() => provided.text === EMPTY['zh-Hans'], 'did not follow the provider');
      root.setAttribute('lang', 'zh-TW');
      await waitUntil(() => page.text === EMPTY['zh-Hant'], 'did not follow the page language');
      // The provider's locale still wins inside it.
      expect(provided.text).to.equal(EMPTY['zh-Hans']);
      // Nothing in between: each render is in a language that was asked for.
      expect(provided.renders).to.deep.equal([EMPTY['zh-Hant'], EMPTY['zh-Hans']]);
      expect(page.renders).to.deep.equal([EMPTY.en, EMPTY['zh-Hant']]);
    });

    it('fetches each section once, and falls back to English for good when one cannot be fetched', async () => {
      const calls: string[] = [];
      const sections = new Set<Section>(['common']);
      const registry = new CatalogRegistry(
        {
          'zh-Hant': {
            common: async () => {
              calls.push('zh-Hant/common');
              return { 'card.empty': '（測試）' };
            },
            sales: async () => {
              calls.push('zh-Hant/sales');
              throw new TypeError('Failed to fetch dynamically imported module');
            },
          },
        },
        sections,
      );
      await Promise.all([registry.load('zh-Hant'), registry.load('zh-Hant'), registry.load('en')]);
      expect(new Localizer('zh-Hant', registry).t('card.empty')).to.equal('（測試）');
      expect(registry.pending('zh-Hant')).to.equal(false);

      // A module loaded later shows strings of another section: the locale is pending again.
      sections.add('sales');
      expect(registry.pending('zh-Hant')).to.equal(true);
      const warnings: unknown[][] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args);
      let failure: unknown;
      try {
        failure = await registry.load('zh-Hant').catch((error: unknown) => error);
      } finally {
        console.warn = warn;
      }
      expect(failure).to.be.instanceOf(TypeError);
      // The host learns why (e.g. the file is not served beside the bundle).
      expect(String(warnings[0]?.[0])).to.contain('could not load the zh-Hant strings (sales)');
      // No longer pending, so elements render (that section in English) instead of waiting forever; not
      // fetched again, and the section that did load still shows.
      expect(registry.pending('zh-Hant')).to.equal(false);
      expect(await registry.load('zh-Hant').catch((error: unknown) => error)).to.equal(failure);
      expect(new Localizer('zh-Hant', registry).t('card.empty')).to.equal('（測試）');
      expect(new Localizer('zh-Hant', registry).t('size.employees', { range: '11–50' })).to.equal('11–50 employees');
      // A locale without strings at all: English, after one warning.
      console.warn = () => {};
      try {
        expect(await registry.load('zh-Hans').catch((error: unknown) => error)).to.be.instanceOf(Error);
      } finally {
        console.warn = warn;
      }
      expect(registry.pending('zh-Hans')).to.equal(false);
      expect(calls).to.deep.equal(['zh-Hant/common', 'zh-Hant/sales']);
    });
  });

  describe('strings and formats', () => {
    before(() => Promise.all([loadCatalog('zh-Hant'), loadCatalog('zh-Hans')]));

    it('has every message in every catalog, each one translated, each in the section of its part', async () => {
      const keys = Object.keys(en).sort();
      for (const locale of ['zh-hant', 'zh-hans']) {
        const catalog: Record<string, string> = {};
        for (const section of SECTIONS) {
          const strings = ((await import(`./messages/${locale}/${section}.ts`)) as { default: Record<string, string> })
            .default;
          for (const key of Object.keys(strings)) {
            expect(SECTION_OF[key.slice(0, key.indexOf('.')) as PartName], `${locale} ${key}`).to.equal(section);
          }
          Object.assign(catalog, strings);
        }
        expect(Object.keys(catalog).sort(), locale).to.deep.equal(keys);
        for (const key of keys) {
          const message = catalog[key]!;
          expect(message, key).to.be.a('string').and.not.equal('');
          // Placeholders survive translation.
          const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
          expect(placeholders(message), key).to.deep.equal(placeholders(en[key as MessageKey]));
        }
      }
      // Every part is in a section that has a file.
      expect([...new Set(Object.values(SECTION_OF))].sort()).to.deep.equal([...SECTIONS].sort());
      const zhHant = catalogs.get('zh-Hant')!;
      const zhHans = catalogs.get('zh-Hans')!;
      expect(zhHant['kind.company']).to.equal('公司');
      expect(zhHant['field.emails']).not.to.equal(zhHans['field.emails']);
    });

    it('fills placeholders and leaves unknown ones visible', () => {
      const t = localizer('en');
      expect(t.t('size.employees', { range: '11–50' })).to.equal('11–50 employees');
      expect(t.t('size.employees')).to.equal('{range} employees');
      expect(localizer('zh-Hant').t('card.loaded', { name: '玉山茶業' })).to.equal('已載入「玉山茶業」。');
    });

    it('shows the English of the parts registered on the page, and a bare key for any other', () => {
      const t = localizer('en');
      // No module on this test page shows the lead form's strings.
      expect(t.t('leadForm.thanks')).to.equal('leadForm.thanks');
      useEnglish(englishParts.leadForm);
      expect(t.t('leadForm.thanks')).to.equal('Thank you! We will be in touch.');
    });

    it('formats numbers in each locale', () => {
      expect(localizer('en').number(1234567.5)).to.equal('1,234,567.5');
      expect(localizer('zh-Hant').number(1234567.5)).to.equal('1,234,567.5');
      expect(localizer('zh-Hans').number(0.25, { style: 'percent' })).to.equal('25%');
    });

    it('formats money given in minor units with its own currency', () => {
      expect(minorDigits('USD')).to.equal(2);
      expect(minorDigits('JPY')).to.equal(0);
      expect(localizer('en').money({ amount: 123456, currency: 'USD' })).to.equal('$1,234.56');
      expect(localizer('en').money({ amount: 1234, currency: 'JPY' })).to.equal('¥1,234');
      expect(localizer('en').money({ amount: 120000, currency: 'TWD' })).to.equal('NT$1,200.00');
      expect(localizer('zh-Hant').money({ amount: 120000, currency: 'TWD' })).to.equal('$1,200.00');
      expect(localizer('zh-Hans').money({ amount: 99, currency: 'CNY' })).to.equal('¥0.99');
      expect(localizer('zh-Hant').money({ amount: -500, currency: 'USD' })).to.equal('-US$5.00');
      // Sums come as decimal strings, exact past 2^53; a number beyond it is shown as the number it is (to 17 digits), not refused.
      expect(localizer('en').money({ amount: '27021597764222973', currency: 'USD' })).to.equal(
        '$270,215,977,642,229.73',
      );
      expect(localizer('en').money({ amount: 2 ** 60, currency: 'JPY' })).to.equal('¥1,152,921,504,606,847,000');
    });

    it('formats dates and lists in each locale', () => {
      const date = '2025-03-04T10:00:00.000Z';
      expect(localizer('en').date(date, { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('Mar 4, 2025');
      expect(localizer('zh-Hant').date(date, { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('2025年3月4日');
      expect(localizer('zh-Hans').date(date, { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('2025年3月4日');
      expect(localizer('en').list(['a', 'b', 'c'])).to.equal('a, b, and c');
      expect(localizer('zh-Hant').list(['甲', '乙', '丙'])).to.equal('甲、乙和丙');
    });

    it('shares one localizer per locale', () => {
      expect(localizer('zh-Hans')).to.equal(localizer('zh-Hans'));
      expect(localizer('en')).to.be.instanceOf(Localizer);
      expect(localizer('en')).not.to.equal(localizer('zh-Hant'));
    });
  });
});
