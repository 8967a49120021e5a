import type { BoardCard, BoardColumn } from '@crmkit/core';
import { expect } from '@open-wc/testing';
import {
  adjustFigures,
  applyMove,
  columnFrom,
  neighbours,
  openFigures,
  revertMove,
  settleMove,
  type Columns,
  type MovePlan,
} from './board-state.js';

function card(id: string, amount: number, currency = 'USD', probability: number | null = null): BoardCard {
  return {
    id,
    name: id,
    customerId: 'c',
    customerName: 'Customer',
    amount,
    currency,
    ownerId: null,
    expectedCloseDate: null,
    probability,
    effectiveProbability: probability ?? 0,
    version: 1,
    position: 0,
  };
}

function column(
  id: string,
  probability: number,
  cards: BoardCard[],
  kind: 'open' | 'won' | 'lost' = 'open',
): BoardColumn {
  const weighted = (c: BoardCard) => Math.round((c.amount * (c.probability ?? probability)) / 100);
  const currencies = [...new Set(cards.map((c) => c.currency))].sort();
  const totals = currencies.map((currency) => {
    const of = cards.filter((c) => c.currency === currency);
    return {
      currency,
      count: of.length,
      sum: String(of.reduce((n, c) => n + c.amount, 0)),
      weighted: String(of.reduce((n, c) => n + weighted(c), 0)),
    };
  });
  const usd = cards.filter((c) => c.currency === 'USD');
  return {
    id,
    name: id,
    position: 0,
    probability,
    kind,
    requires: [],
    count: cards.length,
    totals,
    converted: {
      currency: 'USD',
      sum: String(usd.reduce((n, c) => n + c.amount, 0)),
      weighted: String(usd.reduce((n, c) => n + weighted(c), 0)),
      missingRates: [],
    },
    cards,
    nextCursor: null,
  };
}

describe('board state', () => {
  const a = card('a', 1000);
  const b = card('b', 2000, 'USD', 90);
  const c = card('c', 500, 'EUR');
  const d = card('d', 4000);
  let columns: Columns;

  beforeEach(() => {
    columns = new Map([
      ['lead', columnFrom(column('lead', 10, [a, b, c]))],
      ['won', columnFrom(column('won', 100, [], 'won'))],
      ['deal', columnFrom(column('deal', 50, [d]))],
    ]);
  });

  it('adds and takes out a deal in its own currency, and in the base currency when it is that one', () => {
    const lead = columns.get('lead')!.figures;
    const out = adjustFigures(lead, b, 90, -1);
    expect(out.count).to.equal(2);
    expect(out.totals).to.deep.equal([
      { currency: 'EUR', count: 1, sum: '500', weighted: '50' },
      { currency: 'USD', count: 1, sum: '1000', weighted: '100' },
    ]);
    expect(out.converted.sum).to.equal('1000');
    // A currency other than the base leaves the converted total to the kit.
    const eur = adjustFigures(lead, c, 10, -1);
    expect(eur.converted).to.deep.equal(lead.converted);
    expect(eur.totals.map((t) => t.currency)).to.deep.equal(['USD']);
  });

  it('moves a card between columns at an index, touching only those two', () => {
    const plan: MovePlan = { card: a, from: 'lead', fromIndex: 0, to: 'deal', index: 1 };
    const next = applyMove(columns, plan, (id) => id !== 'won');
    expect(next.get('won')).to.equal(columns.get('won'));
    expect(next.get('lead')!.cards.map((x) => x.id)).to.deep.equal(['b', 'c']);
    expect(next.get('deal')!.cards.map((x) => x.id)).to.deep.equal(['d', 'a']);
    // In its new stage the deal counts with that stage's probability.
    expect(next.get('deal')!.cards[1]!.effectiveProbability).to.equal(50);
    expect(next.get('deal')!.figures.converted.weighted).to.equal('2500');
    expect(next.get('deal')!.pending.has('a')).to.equal(true);
    expect(next.get('deal')!.estimated).to.equal(true);

    const settled = settleMove(next, plan, { version: 2 });
    expect(settled.get('deal')!.pending.size).to.equal(0);
    expect(settled.get('deal')!.cards[1]!.version).to.equal(2);
    expect(settled.get('lead')).to.equal(next.get('lead'));

    const back = revertMove(next, plan, { from: columns.get('lead')!, to: columns.get('deal')! });
    expect(back.get('lead')!.cards.map((x) => x.id)).to.deep.equal(['a', 'b', 'c']);
    expect(back.get('lead')!.figures).to.deep.equal(columns.get('lead')!.figures);
    expect(back.get('deal')!.cards.map((x) => x.id)).to.deep.equal(['d']);
    expect(back.get('deal')!.pending.size).to.equal(0);
  });

  it('counts a deal dropped on a closed stage without showing it there', () => {
    const plan: MovePlan = { card: b, from: 'lead', fromIndex: 1, to: 'won', index: 0 };
    const next = applyMove(columns, plan, (id) => id !== 'won');
    expect(next.get('won')!.cards).to.have.length(0);
    expect(next.get('won')!.figures.count).to.equal(1);
    expect(next.get('won')!.figures.totals).to.deep.equal([
      { currency: 'USD', count: 1, sum: '2000', weighted: '1800' },
    ]);
  });

  it('reorders within a column, and names the neighbours as the move API takes them', () => {
    expect(neighbours(columns, 'lead', 'a', 2)).to.deep.equal({ afterId: 'c' });
    expect(neighbours(columns, 'lead', 'c', 0)).to.deep.equal({ beforeId: 'a' });
    expect(neighbours(columns, 'lead', 'a', 1)).to.deep.equal({ afterId: 'b', beforeId: 'c' });
    expect(neighbours(columns, 'deal', 'a', 0)).to.deep.equal({ beforeId: 'd' });
    const plan: MovePlan = { card: a, from: 'lead', fromIndex: 0, to: 'lead', index: 2 };
    const next = applyMove(columns, plan, () => true);
    expect(next.get('lead')!.cards.map((x) => x.id)).to.deep.equal(['b', 'c', 'a']);
    expect(next.get('lead')!.figures).to.equal(columns.get('lead')!.figures);
  });

  it('sums the open columns for the header', () => {
    const open = openFigures(columns, 'USD');
    expect(open.count).to.equal(4);
    expect(open.converted.sum).to.equal('7000');
    expect(open.totals.map((t) => [t.currency, t.count])).to.deep.equal([
      ['EUR', 1],
      ['USD', 3],
    ]);
  });

  it('adjusts and adds sums past 2^53 exactly', () => {
    const max = Number.MAX_SAFE_INTEGER; // 9007199254740991
    const big = new Map([
      ['lead', columnFrom(column('lead', 50, [card('x', max), card('y', max)]))],
      ['deal', columnFrom(column('deal', 50, [card('z', max)]))],
    ]);
    // The helper above sums with numbers; the kit would send these exact strings.
    const lead = {
      ...big.get('lead')!.figures,
      totals: [{ currency: 'USD', count: 2, sum: '18014398509481982', weighted: '9007199254740991' }],
      converted: { currency: 'USD', sum: '18014398509481982', weighted: '9007199254740991', missingRates: [] },
    };
    const added = adjustFigures(lead, card('z', max), 50, 1);
    expect(added.totals).to.deep.equal([
      { currency: 'USD', count: 3, sum: '27021597764222973', weighted: '13510798882111487' },
    ]);
    expect(added.converted.sum).to.equal('27021597764222973');
    const header = openFigures(new Map([...big, ['lead', { ...big.get('lead')!, figures: added }]]), 'USD');
    expect(header.converted.sum).to.equal('36028797018963964');
    expect(header.totals[0]!.sum).to.equal('36028797018963964');
  });
});
