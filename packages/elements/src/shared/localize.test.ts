import { expect } from '@open-wc/testing';
import { localizer, Localizer, matchLocale, minorDigits, resolveLocale } from './localize.js';
import { en } from './messages/en.js';
import { zhHans } from './messages/zh-hans.js';
import { zhHant } from './messages/zh-hant.js';

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

  it('has every message in every catalog, each one translated', () => {
    const keys = Object.keys(en).sort();
    for (const catalog of [zhHant, zhHans]) {
      expect(Object.keys(catalog).sort()).to.deep.equal(keys);
      for (const key of keys) {
        const message = catalog[key as keyof typeof en];
        expect(message, key).to.be.a('string').and.not.equal('');
        // Placeholders survive translation.
        const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(message), key).to.deep.equal(placeholders(en[key as keyof typeof en]));
      }
    }
    expect(zhHant['kind.company']).to.equal('公司');
    expect(zhHant['field.emails']).not.to.equal(zhHans['field.emails']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = localizer('en');
    expect(t.t('size.employees', { range: '11–50' })).to.equal('11–50 employees');
    expect(t.t('size.employees')).to.equal('{range} employees');
    expect(localizer('zh-Hant').t('card.loaded', { name: '玉山茶業' })).to.equal('已載入「玉山茶業」。');
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
