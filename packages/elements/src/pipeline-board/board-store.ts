import type { BoardFilters, CrmClient } from '@crmkit/core';
import type { ReactiveControllerHost } from 'lit';
import type { Localizer } from '../shared/localize.js';
import type { Columns, MovePlan } from './board-state.js';
import type { Failure } from '../shared/failure.js';

export type View =
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'error'; failure: Failure }
  | { status: 'loaded' };

/** Where a dragged card would land. */
export interface Over {
  stageId: string;
  index: number;
}

/** The pipeline on show. */
export interface BoardMeta {
  pipelineId: string;
  name: string;
  baseCurrency: string;
  /** The pipeline's usual reasons for losing a deal. */
  lostReasons: readonly string[];
}

/** What the board's controllers read from the element and ask of it. */
export interface BoardHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly hasUpdated: boolean;
}

/** The element's protected parts and settings its controllers use, handed over as functions. */
export interface BoardContext {
  client(): CrmClient | undefined;
  localize(): Localizer;
  /** The `pipeline-id` asked for ('' for the default pipeline). */
  pipelineId(): string;
  filters(): BoardFilters;
  /** Cards per column in each page (1–100). */
  pageSize(): number;
  /** Whether the caller may move deals (a viewer may not): no drag, no keyboard lift. */
  mayMove(): boolean;
}

/**
 * Everything the board shows, shared by its controllers (data, moves, keyboard, pointer). Each
 * assignment asks the element to render again, as a `@state` would.
 */
export class BoardStore {
  readonly #host: ReactiveControllerHost;
  #view: View = { status: 'loading' };
  #reloading = false;
  #columns: Columns = new Map();
  #meta?: BoardMeta;
  #owners: ReadonlyMap<string, string> = new Map();
  #announcement = '';
  #notice?: string;
  #lift?: MovePlan;
  #drag?: { cardId: string; stageId: string; over?: Over };
  #tabStop?: { stageId: string; cardId: string };

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  #changed(): void {
    this.#host.requestUpdate();
  }

  get view() {
    return this.#view;
  }
  set view(value: View) {
    this.#view = value;
    this.#changed();
  }
  /** The board on show is being read again (new filters): it stays, dimmed, until the new one arrives. */
  get reloading() {
    return this.#reloading;
  }
  set reloading(value: boolean) {
    this.#reloading = value;
    this.#changed();
  }
  get columns() {
    return this.#columns;
  }
  set columns(value: Columns) {
    this.#columns = value;
    this.#changed();
  }
  get meta() {
    return this.#meta;
  }
  set meta(value: BoardMeta | undefined) {
    this.#meta = value;
    this.#changed();
  }
  /** Owner names by user id. */
  get owners() {
    return this.#owners;
  }
  set owners(value: ReadonlyMap<string, string>) {
    this.#owners = value;
    this.#changed();
  }
  /** What the live region says. */
  get announcement() {
    return this.#announcement;
  }
  set announcement(value: string) {
    this.#announcement = value;
    this.#changed();
  }
  /** Why the last move did not go through. */
  get notice() {
    return this.#notice;
  }
  set notice(value: string | undefined) {
    this.#notice = value;
    this.#changed();
  }
  /** A deal lifted from the keyboard: where it was, and where it would go now. */
  get lift() {
    return this.#lift;
  }
  set lift(value: MovePlan | undefined) {
    this.#lift = value;
    this.#changed();
  }
  /** A deal dragged by a pointer, and where it would land. */
  get drag() {
    return this.#drag;
  }
  set drag(value: { cardId: string; stageId: string; over?: Over } | undefined) {
    this.#drag = value;
    this.#changed();
  }
  /** The card in the tab order. */
  get tabStop() {
    return this.#tabStop;
  }
  set tabStop(value: { stageId: string; cardId: string } | undefined) {
    this.#tabStop = value;
    this.#changed();
  }

  /** Whether a stage shows cards (an open stage) or is a drop zone (won, lost). */
  showsCards = (stageId: string): boolean => this.#columns.get(stageId)?.stage.kind === 'open';

  /** Open columns, then the closed stages' zones: the places a lifted deal visits with ← and →. */
  targets(): string[] {
    const all = [...this.#columns.values()];
    return [
      ...all.filter((c) => c.stage.kind === 'open').map((c) => c.stage.id),
      ...all.filter((c) => c.stage.kind !== 'open').map((c) => c.stage.id),
    ];
  }

  /** The cards of a column without one (the card being moved). */
  lengthWithout(stageId: string, cardId: string): number {
    const cards = this.#columns.get(stageId)?.cards ?? [];
    return cards.filter((card) => card.id !== cardId).length;
  }

  /** Keeps one card the board's tab stop: the one it was, else one near where it was, else the first. */
  fixTabStop(stageId?: string, index = 0): void {
    const current = this.#tabStop;
    if (current && this.#columns.get(current.stageId)?.cards.some((card) => card.id === current.cardId)) return;
    const near = stageId ?? current?.stageId;
    const column = near ? this.#columns.get(near) : undefined;
    const card = column?.cards[Math.min(index, column.cards.length - 1)];
    if (column && card) {
      this.tabStop = { stageId: column.stage.id, cardId: card.id };
      return;
    }
    for (const c of this.#columns.values()) {
      if (c.stage.kind === 'open' && c.cards[0]) {
        this.tabStop = { stageId: c.stage.id, cardId: c.cards[0].id };
        return;
      }
    }
    this.tabStop = undefined;
  }
}
