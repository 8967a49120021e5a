// The board's state, column by column, and the pure steps that change it. Every change returns
// new objects only for the columns it touches, so the columns it does not touch keep their
// identity and do not render again.
import { addMinor, weigh, type BoardCard, type BoardColumn, type BoardFigures, type Stage } from '@crmkit/core';

/** A stage of the board as the columns need it (the figures and cards are kept beside it). */
export type BoardStage = Pick<Stage, 'id' | 'name' | 'position' | 'probability' | 'kind' | 'requires'>;

/** One column: its stage, the figures of all its matching deals, and the cards loaded so far. */
export interface ColumnState {
  readonly stage: BoardStage;
  readonly figures: BoardFigures;
  readonly cards: readonly BoardCard[];
  /** Where the next page starts; null when every card is loaded. */
  readonly nextCursor: string | null;
  readonly loadingMore: boolean;
  readonly moreFailed: boolean;
  /** Cards whose move is on its way to the kit. */
  readonly pending: ReadonlySet<string>;
  /** Figures adjusted locally (a move on its way): exact again once the kit answers. */
  readonly estimated: boolean;
}

export type Columns = ReadonlyMap<string, ColumnState>;

const NONE: ReadonlySet<string> = new Set();

export function stageOf(column: BoardColumn): BoardStage {
  return {
    id: column.id,
    name: column.name,
    position: column.position,
    probability: column.probability,
    kind: column.kind,
    requires: column.requires,
  };
}

export function figuresOf(column: BoardFigures): BoardFigures {
  return { count: column.count, totals: column.totals, converted: column.converted };
}

/** A column as the kit sent it, with nothing loading or pending. */
export function columnFrom(column: BoardColumn): ColumnState {
  return {
    stage: stageOf(column),
    figures: figuresOf(column),
    cards: dedupe(column.cards),
    nextCursor: column.nextCursor,
    loadingMore: false,
    moreFailed: false,
    pending: NONE,
    estimated: false,
  };
}

/** The columns with `id` replaced by `change(column)`; the others (and the map, if nothing changed) kept. */
export function updateColumn(columns: Columns, id: string, change: (column: ColumnState) => ColumnState): Columns {
  const column = columns.get(id);
  if (!column) return columns;
  const next = change(column);
  if (next === column) return columns;
  return new Map(columns).set(id, next);
}

/** The next page of a column appended (cards already shown are not repeated), with the figures it came with. */
export function appendPage(column: ColumnState, page: BoardColumn): ColumnState {
  const seen = new Set(column.cards.map((card) => card.id));
  const added = page.cards.filter((card) => !seen.has(card.id));
  return {
    ...column,
    figures: column.pending.size ? column.figures : figuresOf(page),
    cards: [...column.cards, ...added],
    nextCursor: page.nextCursor,
    loadingMore: false,
    moreFailed: false,
  };
}

/** Where a card is: its column and its index there. */
export function locate(columns: Columns, cardId: string): { stageId: string; index: number } | undefined {
  for (const [stageId, column] of columns) {
    const index = column.cards.findIndex((card) => card.id === cardId);
    if (index >= 0) return { stageId, index };
  }
  return undefined;
}

/** The probability a deal counts with in a stage: its own, else the stage's. */
export function effectiveProbability(card: BoardCard, stage: BoardStage): number {
  return card.probability ?? stage.probability;
}

/**
 * Figures with one deal added (`sign` 1) or taken out (`sign` -1), as closely as the browser can
 * tell: count and the deal's own currency exactly, the base-currency total only when the deal is
 * in the base currency (other currencies need the organization's rates). The kit's figures
 * replace these when the move is saved.
 */
export function adjustFigures(figures: BoardFigures, card: BoardCard, probability: number, sign: 1 | -1): BoardFigures {
  // Sums are exact decimal strings (they can pass 2^53): the arithmetic is BigInt's.
  const amount = BigInt(card.amount) * BigInt(sign);
  const weighted = weigh(card.amount, probability) * BigInt(sign);
  const totals = figures.totals.map((total) =>
    total.currency === card.currency
      ? {
          ...total,
          count: total.count + sign,
          sum: addMinor(total.sum, amount),
          weighted: addMinor(total.weighted, weighted),
        }
      : total,
  );
  if (!totals.some((total) => total.currency === card.currency) && sign === 1) {
    totals.push({ currency: card.currency, count: 1, sum: addMinor(amount), weighted: addMinor(weighted) });
    totals.sort((a, b) => a.currency.localeCompare(b.currency));
  }
  const converted =
    card.currency === figures.converted.currency
      ? {
          ...figures.converted,
          sum: addMinor(figures.converted.sum, amount),
          weighted: addMinor(figures.converted.weighted, weighted),
        }
      : figures.converted;
  return {
    count: figures.count + sign,
    totals: totals.filter((total) => total.count > 0),
    converted,
  };
}

export interface MovePlan {
  card: BoardCard;
  from: string;
  fromIndex: number;
  to: string;
  /** The index in the target column's cards without the moving card. */
  index: number;
  /** Neighbours in the target column: the card just before and just after, as the move API takes them. */
  afterId?: string;
  beforeId?: string;
}

/** The cards of a column without one card. */
export function without(cards: readonly BoardCard[], id: string): readonly BoardCard[] {
  const index = cards.findIndex((card) => card.id === id);
  return index < 0 ? cards : [...cards.slice(0, index), ...cards.slice(index + 1)];
}

/** The neighbours of position `index` in `to`'s cards (without the moving card). */
export function neighbours(
  columns: Columns,
  to: string,
  cardId: string,
  index: number,
): { afterId?: string; beforeId?: string } {
  const cards = without(columns.get(to)?.cards ?? [], cardId);
  const after = index > 0 ? cards[index - 1] : undefined;
  const before = cards[index];
  return { ...(after ? { afterId: after.id } : {}), ...(before ? { beforeId: before.id } : {}) };
}

/**
 * The move applied before the kit confirms it: the card leaves its column and enters the target
 * at `index` (or, for a closed stage shown as a drop zone, only its figures change), marked
 * pending. Only the two columns are new objects.
 */
export function applyMove(columns: Columns, plan: MovePlan, showsCards: (stageId: string) => boolean): Columns {
  const from = columns.get(plan.from);
  const to = columns.get(plan.to);
  if (!from || !to) return columns;
  const moved: BoardCard = { ...plan.card, effectiveProbability: effectiveProbability(plan.card, to.stage) };
  const next = new Map(columns);
  if (plan.from === plan.to) {
    const cards = [...without(from.cards, plan.card.id)];
    cards.splice(plan.index, 0, moved);
    next.set(plan.from, { ...from, cards, pending: new Set([...from.pending, plan.card.id]) });
    return next;
  }
  next.set(plan.from, {
    ...from,
    cards: without(from.cards, plan.card.id),
    figures: adjustFigures(from.figures, plan.card, effectiveProbability(plan.card, from.stage), -1),
    estimated: true,
  });
  let cards = to.cards;
  if (showsCards(plan.to)) {
    const list = [...without(to.cards, plan.card.id)];
    list.splice(Math.min(plan.index, list.length), 0, moved);
    cards = list;
  }
  next.set(plan.to, {
    ...to,
    cards,
    figures: adjustFigures(to.figures, moved, moved.effectiveProbability, 1),
    pending: new Set([...to.pending, plan.card.id]),
    estimated: true,
  });
  return next;
}

/** The move taken back: the card where it was, the figures as they were (kept from before the move). */
export function revertMove(columns: Columns, plan: MovePlan, before: { from: ColumnState; to: ColumnState }): Columns {
  const next = new Map(columns);
  const from = columns.get(plan.from);
  const to = columns.get(plan.to);
  if (!from || !to) return columns;
  if (plan.from === plan.to) {
    const cards = [...without(from.cards, plan.card.id)];
    cards.splice(Math.min(plan.fromIndex, cards.length), 0, plan.card);
    next.set(plan.from, { ...from, cards, pending: withoutId(from.pending, plan.card.id) });
    return next;
  }
  const cards = [...without(from.cards, plan.card.id)];
  cards.splice(Math.min(plan.fromIndex, cards.length), 0, plan.card);
  next.set(plan.from, { ...from, cards, figures: before.from.figures, estimated: false });
  next.set(plan.to, {
    ...to,
    cards: without(to.cards, plan.card.id),
    figures: before.to.figures,
    pending: withoutId(to.pending, plan.card.id),
    estimated: false,
  });
  return next;
}

/** The card as the kit saved it, no longer pending. */
export function settleMove(columns: Columns, plan: MovePlan, saved: Partial<BoardCard>): Columns {
  return updateColumn(columns, plan.to, (column) => ({
    ...column,
    cards: column.cards.map((card) => (card.id === plan.card.id ? { ...card, ...saved } : card)),
    pending: withoutId(column.pending, plan.card.id),
  }));
}

export function withoutId(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!set.has(id)) return set;
  const next = new Set(set);
  next.delete(id);
  return next.size ? next : NONE;
}

/** Cards by id, each once (a card that moved between two pages may come twice). */
function dedupe(cards: readonly BoardCard[]): readonly BoardCard[] {
  const seen = new Set<string>();
  return cards.filter((card) => (seen.has(card.id) ? false : (seen.add(card.id), true)));
}

/** The figures of the open columns together, for the board's header. Converted sums share the base currency. */
export function openFigures(columns: Columns, baseCurrency: string): BoardFigures {
  const totals = new Map<string, { currency: string; count: number; sum: bigint; weighted: bigint }>();
  let count = 0;
  let sum = 0n;
  let weighted = 0n;
  const missing = new Set<string>();
  for (const column of columns.values()) {
    if (column.stage.kind !== 'open') continue;
    count += column.figures.count;
    sum += BigInt(column.figures.converted.sum);
    weighted += BigInt(column.figures.converted.weighted);
    column.figures.converted.missingRates.forEach((currency) => missing.add(currency));
    for (const total of column.figures.totals) {
      const entry = totals.get(total.currency) ?? { currency: total.currency, count: 0, sum: 0n, weighted: 0n };
      entry.count += total.count;
      entry.sum += BigInt(total.sum);
      entry.weighted += BigInt(total.weighted);
      totals.set(total.currency, entry);
    }
  }
  return {
    count,
    totals: [...totals.values()]
      .sort((a, b) => a.currency.localeCompare(b.currency))
      .map((total) => ({ ...total, sum: total.sum.toString(), weighted: total.weighted.toString() })),
    converted: {
      currency: baseCurrency,
      sum: sum.toString(),
      weighted: weighted.toString(),
      missingRates: [...missing].sort(),
    },
  };
}
