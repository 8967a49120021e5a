import type { ReactiveController } from 'lit';
import type { CrmPipelineColumn } from './board-column.js';
import type { BoardData } from './board-data.js';
import type { BoardMoves } from './board-moves.js';
import type { MovePlan } from './board-state.js';
import type { BoardContext, BoardHost, BoardStore } from './board-store.js';
import { CrmOpportunitySelectEvent } from '../shared/events.js';
import { useEnglish } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.board);

/** The column element of a stage. */
export function columnElement(host: BoardHost, stageId: string): CrmPipelineColumn | null {
  return host.renderRoot.querySelector<CrmPipelineColumn>(`crm-pipeline-column[data-stage="${CSS.escape(stageId)}"]`);
}

/** Makes a card the board's tab stop and focuses it once rendered, scrolling its column to it. */
export async function focusCard(host: BoardHost, store: BoardStore, stageId: string, cardId: string): Promise<void> {
  store.tabStop = { stageId, cardId };
  await host.updateComplete;
  await columnElement(host, stageId)?.focusCard(cardId);
}

/**
 * The board's keyboard model. One card is in the tab order; arrows move focus between cards and
 * columns. Enter opens a deal (`crm-opportunity-select`). Space lifts it; then the arrows move it
 * across and within columns (and to the won and lost zones), Space or Enter drops it, and Escape,
 * Tab or a pointer press puts it back. Each step is announced.
 */
export class BoardKeyboard implements ReactiveController {
  readonly #host: BoardHost;
  readonly #store: BoardStore;
  readonly #context: BoardContext;
  readonly #data: BoardData;
  readonly #moves: BoardMoves;

  constructor(host: BoardHost, store: BoardStore, context: BoardContext, data: BoardData, moves: BoardMoves) {
    this.#host = host;
    this.#store = store;
    this.#context = context;
    this.#data = data;
    this.#moves = moves;
    host.addController(this);
  }

  hostConnected(): void {
    // While a deal is lifted the keyboard moves it wherever focus is (re-rendering may take focus
    // away for a moment); a pointer pressed anywhere puts it back.
    window.addEventListener('keydown', this.#onWindowKeyDown, true);
    window.addEventListener('pointerdown', this.#onWindowPointerDown, true);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.#onWindowKeyDown, true);
    window.removeEventListener('pointerdown', this.#onWindowPointerDown, true);
    this.cancelLift(false);
  }

  /** Keys on a card while nothing is lifted: move focus, or lift the deal. */
  onKeyDown = (event: KeyboardEvent) => {
    const store = this.#store;
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || store.lift) return;
    const origin = event.composedPath()[0] as HTMLElement | undefined;
    const cardId = origin?.dataset?.id;
    const stageId = origin?.dataset?.stage;
    if (!cardId || !stageId || !origin.classList.contains('card')) return;
    const items = columnElement(this.#host, stageId)?.items ?? [];
    const index = items.findIndex((card) => card.id === cardId);
    switch (event.key) {
      case 'Enter': {
        const card = items[index];
        if (!card) return;
        event.preventDefault();
        this.#host.dispatchEvent(new CrmOpportunitySelectEvent(card));
        return;
      }
      case ' ': {
        if (!this.#context.mayMove()) return;
        event.preventDefault();
        const card = items[index];
        const column = store.columns.get(stageId);
        if (!card || !column || column.pending.has(card.id)) return;
        store.lift = { card, from: stageId, fromIndex: index, to: stageId, index };
        store.announcement = this.#context.localize().t('board.lifted', {
          name: card.name,
          stage: column.stage.name,
          position: index + 1,
          total: column.figures.count,
        });
        void this.focusCard(stageId, card.id);
        return;
      }
      case 'ArrowDown':
      case 'ArrowUp':
      case 'Home':
      case 'End': {
        event.preventDefault();
        let next = index;
        if (event.key === 'ArrowDown') next = Math.min(items.length - 1, index + 1);
        if (event.key === 'ArrowUp') next = Math.max(0, index - 1);
        if (event.key === 'Home') next = 0;
        if (event.key === 'End') next = items.length - 1;
        if (event.key === 'ArrowDown' && index === items.length - 1) void this.#data.loadMore(stageId);
        const card = items[next];
        if (card) void this.focusCard(stageId, card.id);
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        const open = store.targets().filter(store.showsCards);
        const step = (event.key === 'ArrowRight') !== this.#rtl() ? 1 : -1;
        for (let i = open.indexOf(stageId) + step; i >= 0 && i < open.length; i += step) {
          const cards = columnElement(this.#host, open[i]!)?.items ?? [];
          const card = cards[Math.min(index, cards.length - 1)];
          if (card) {
            void this.focusCard(open[i]!, card.id);
            return;
          }
        }
        return;
      }
    }
  };

  #onWindowKeyDown = (event: KeyboardEvent) => {
    if (this.#store.lift && !event.defaultPrevented && !event.altKey && !event.ctrlKey && !event.metaKey) {
      this.#onLiftedKey(event, this.#store.lift);
    }
  };

  #onWindowPointerDown = () => {
    if (this.#store.lift) this.cancelLift(true);
  };

  #onLiftedKey(event: KeyboardEvent, plan: MovePlan): void {
    const store = this.#store;
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        this.cancelLift(true);
        return;
      case 'Tab':
        this.cancelLift(true);
        return;
      case ' ':
      case 'Enter':
        event.preventDefault();
        store.lift = undefined;
        void this.#moves.move(plan, { keyboard: true });
        return;
      case 'ArrowUp':
      case 'ArrowDown': {
        event.preventDefault();
        if (!store.showsCards(plan.to)) return;
        const length = store.lengthWithout(plan.to, plan.card.id);
        const index = Math.max(0, Math.min(length, plan.index + (event.key === 'ArrowDown' ? 1 : -1)));
        if (event.key === 'ArrowDown' && index === length) void this.#data.loadMore(plan.to);
        this.#liftTo(plan, plan.to, index);
        return;
      }
      case 'Home':
      case 'End': {
        event.preventDefault();
        if (!store.showsCards(plan.to)) return;
        this.#liftTo(plan, plan.to, event.key === 'Home' ? 0 : store.lengthWithout(plan.to, plan.card.id));
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        const targets = store.targets();
        const step = (event.key === 'ArrowRight') !== this.#rtl() ? 1 : -1;
        const next = targets[targets.indexOf(plan.to) + step];
        if (!next) return;
        const index = store.showsCards(next) ? Math.min(plan.index, store.lengthWithout(next, plan.card.id)) : 0;
        this.#liftTo(plan, next, index);
        return;
      }
    }
  }

  #liftTo(plan: MovePlan, stageId: string, index: number): void {
    const store = this.#store;
    if (plan.to === stageId && plan.index === index) return;
    store.lift = { ...plan, to: stageId, index };
    const t = this.#context.localize();
    const column = store.columns.get(stageId)!;
    const name = plan.card.name;
    if (store.showsCards(stageId)) {
      const total = store.lengthWithout(stageId, plan.card.id) + 1;
      const count = Math.max(total, column.figures.count + (plan.from === stageId ? 0 : 1));
      store.announcement = t.t('board.over', { name, stage: column.stage.name, position: index + 1, total: count });
      void this.focusCard(stageId, plan.card.id);
    } else {
      const key = column.stage.kind === 'won' ? 'board.overWon' : 'board.overLost';
      store.announcement = t.t(key, { name, stage: column.stage.name });
      const zone = `.zone[data-stage="${CSS.escape(stageId)}"]`;
      void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(zone)?.focus());
    }
  }

  /** Puts a lifted deal back where it was (saying so, and focusing it, when `announce`). */
  cancelLift(announce: boolean): void {
    const store = this.#store;
    const plan = store.lift;
    if (!plan) return;
    store.lift = undefined;
    if (announce) {
      const stage = store.columns.get(plan.from)?.stage.name ?? '';
      store.announcement = this.#context.localize().t('board.cancelled', { name: plan.card.name, stage });
      void this.focusCard(plan.from, plan.card.id);
    }
  }

  focusCard(stageId: string, cardId: string): Promise<void> {
    return focusCard(this.#host, this.#store, stageId, cardId);
  }

  #rtl(): boolean {
    return getComputedStyle(this.#host).direction === 'rtl';
  }
}
