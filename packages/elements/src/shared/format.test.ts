import { expect } from '@open-wc/testing';
import { localizer } from './localize.js';
import { fullMoney, moneyText } from './format.js';

describe('money text', () => {
  const en = localizer('en');

  it('writes sums past 2^53 to the last minor unit', () => {
    // 3 × (2^53 - 1) cents; through a number it would read …229.72.
    expect(fullMoney(en, { amount: '27021597764222973', currency: 'USD' })).to.equal('$270,215,977,642,229.73');
    expect(fullMoney(en, { amount: '9007199254740993', currency: 'JPY' })).to.equal('¥9,007,199,254,740,993');
    expect(fullMoney(en, { amount: '-27021597764222900', currency: 'USD' })).to.equal('-$270,215,977,642,229');
    expect(fullMoney(localizer('zh-Hant'), { amount: '27021597764222973', currency: 'TWD' })).to.contain(
      '270,215,977,642,229.73',
    );
  });

  it('writes amounts and sums alike', () => {
    expect(fullMoney(en, { amount: 1234550, currency: 'USD' })).to.equal(
      fullMoney(en, { amount: '1234550', currency: 'USD' }),
    );
    expect(moneyText(en, { amount: '123450', currency: 'USD' })).to.equal('$1,234.50');
    expect(moneyText(en, { amount: '123400', currency: 'USD' })).to.equal('$1,234');
    expect(moneyText(en, { amount: '27021597764222973', currency: 'USD' })).to.equal('$270T');
    // The notation follows the reference: the weighted sum beside a sum in the compact range.
    expect(moneyText(en, { amount: '500000000', currency: 'USD' }, '2000000000')).to.equal('$5M');
  });
});
