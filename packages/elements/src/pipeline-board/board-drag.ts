import type { ReactiveController } from 'lit';
import type { CrmPipelineColumn } from './board-column.js';
import { columnElement } from './board-keyboard.js';
import type { BoardMoves } from './board-moves.js';
import type { BoardHost, BoardStore, Over } from './board-store.js';

/** A pointer pressed on a card, before and while it drags. */
interface Press {
  pointerId: number;
  type: string;
  startX: number;
  startY: number;
  x: number;
  y: number;
  cardId: string;
  stageId: string;
  /** Touch waits for a long press before it drags, so a swipe still scrolls. */
  timer?: ReturnType<typeof setTimeout>;
  dragging: boolean;
  offsetX: number;
  offsetY: number;
  width: number;
}

/** How far a mouse moves before a press becomes a drag; how long a finger holds before it lifts a card. */
const DRAG_DISTANCE = 4;
const LONG_PRESS_MS = 250;

/**
 * Dragging deals with a mouse, pen or finger (a long press first, so a swipe still scrolls): a
 * ghost follows the pointer, the column under it shows where the deal would land, the board and
 * the column scroll when it nears an edge, and letting go makes the move.
 */
export class BoardDrag implements ReactiveController {
  readonly #host: BoardHost;
  readonly #store: BoardStore;
  #press?: Press;
  #dropped = false;
  #frame = 0;
  readonly #moves: BoardMoves;
  readonly #mayMove: () => boolean;

  constructor(host: BoardHost, store: BoardStore, moves: BoardMoves, mayMove: () => boolean) {
    this.#host = host;
    this.#store = store;
    this.#moves = moves;
    this.#mayMove = mayMove;
    host.addController(this);
  }

  /** Whether a drag has just ended: the click its release makes is not a click on the card. */
  get justDropped(): boolean {
    return this.#dropped;
  }

  /** The width of the dragged card, while one drags (the ghost takes it). */
  get ghostWidth(): number | undefined {
    return this.#press?.dragging ? this.#press.width : undefined;
  }

  hostConnected(): void {
    window.addEventListener('touchmove', this.#onTouchMove, { passive: false });
  }

  hostUpdated(): void {
    if (this.#press?.dragging) this.#placeGhost();
  }

  hostDisconnected(): void {
    window.removeEventListener('touchmove', this.#onTouchMove);
    this.#endPress();
  }

  onPointerDown = (event: PointerEvent) => {
    const store = this.#store;
    if (store.lift || this.#press || !event.isPrimary || event.button !== 0 || !this.#mayMove()) return;
    const card = event.composedPath().find((node) => node instanceof HTMLElement && node.classList.contains('card')) as
      HTMLElement | undefined;
    const cardId = card?.dataset.id;
    const stageId = card?.dataset.stage;
    if (!card || !cardId || !stageId || store.columns.get(stageId)?.pending.has(cardId)) return;
    const box = card.getBoundingClientRect();
    const press: Press = {
      pointerId: event.pointerId,
      type: event.pointerType,
      startX: event.clientX,
      startY: event.clientY,
      x: event.clientX,
      y: event.clientY,
      cardId,
      stageId,
      dragging: false,
      offsetX: event.clientX - box.left,
      offsetY: event.clientY - box.top,
      width: box.width,
    };
    this.#press = press;
    if (event.pointerType === 'touch') press.timer = setTimeout(() => this.#startDrag(), LONG_PRESS_MS);
    window.addEventListener('pointermove', this.#onPointerMove);
    window.addEventListener('pointerup', this.#onPointerUp);
    window.addEventListener('pointercancel', this.#onPointerCancel);
  };

  #onPointerMove = (event: PointerEvent) => {
    const press = this.#press;
    if (!press || event.pointerId !== press.pointerId) return;
    press.x = event.clientX;
    press.y = event.clientY;
    const distance = Math.hypot(press.x - press.startX, press.y - press.startY);
    if (!press.dragging) {
      if (press.type === 'touch') {
        // A finger that moves before the long press is scrolling, not dragging.
        if (distance > 8) this.#endPress();
        return;
      }
      if (distance < DRAG_DISTANCE) return;
      this.#startDrag();
    }
    event.preventDefault();
    this.#track();
  };

  #onPointerUp = (event: PointerEvent) => {
    const press = this.#press;
    if (!press || event.pointerId !== press.pointerId) return;
    press.x = event.clientX;
    press.y = event.clientY;
    const drag = this.#store.drag;
    if (press.dragging && drag) {
      // The click that follows the release ends a drag, it does not open the deal.
      this.#dropped = true;
      setTimeout(() => (this.#dropped = false));
      this.#updateOver();
      const over = this.#store.drag?.over;
      const column = this.#store.columns.get(drag.stageId);
      const fromIndex = column?.cards.findIndex((card) => card.id === drag.cardId) ?? -1;
      const card = column?.cards[fromIndex];
      this.#endPress();
      if (over && card) {
        const plan = { card, from: drag.stageId, fromIndex, to: over.stageId, index: over.index };
        void this.#moves.move(plan, { keyboard: false });
      }
      return;
    }
    this.#endPress();
  };

  #onPointerCancel = (event: PointerEvent) => {
    if (this.#press && event.pointerId === this.#press.pointerId) this.#endPress();
  };

  #onTouchMove = (event: TouchEvent) => {
    // Once a card is dragging, the finger drags it: the page must not scroll under it.
    if (this.#press?.dragging && event.cancelable) event.preventDefault();
  };

  #startDrag(): void {
    const press = this.#press;
    if (!press || press.dragging) return;
    press.dragging = true;
    this.#store.drag = { cardId: press.cardId, stageId: press.stageId };
    this.#track();
  }

  #track(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (!this.#press?.dragging) return;
      this.#placeGhost();
      this.#updateOver();
      // Keep scrolling while the pointer rests near an edge.
      if (this.#autoScroll()) this.#track();
    });
  }

  #placeGhost(): void {
    const press = this.#press;
    const ghost = this.#host.renderRoot.querySelector<HTMLElement>('.ghost');
    if (!press || !ghost) return;
    ghost.style.transform = `translate(${press.x - press.offsetX}px, ${press.y - press.offsetY}px)`;
  }

  #updateOver(): void {
    const press = this.#press;
    const drag = this.#store.drag;
    if (!press || !drag) return;
    const root = this.#host.renderRoot;
    let over: Over | undefined;
    for (const zone of root.querySelectorAll<HTMLElement>('.zone')) {
      if (inside(zone.getBoundingClientRect(), press.x, press.y)) over = { stageId: zone.dataset.stage!, index: 0 };
    }
    if (!over) {
      for (const column of root.querySelectorAll<CrmPipelineColumn>('crm-pipeline-column')) {
        const box = column.getBoundingClientRect();
        if (press.x >= box.left && press.x <= box.right && press.y >= box.top - 24 && press.y <= box.bottom + 24) {
          const stageId = column.dataset.stage!;
          over = { stageId, index: column.indexAt(press.y, stageId === drag.stageId ? drag.cardId : null) };
        }
      }
    }
    const previous = drag.over;
    if (previous?.stageId !== over?.stageId || previous?.index !== over?.index) this.#store.drag = { ...drag, over };
  }

  #autoScroll(): boolean {
    const press = this.#press;
    const columns = this.#host.renderRoot.querySelector<HTMLElement>('.columns');
    if (!press || !columns) return false;
    let scrolled = false;
    const box = columns.getBoundingClientRect();
    const edge = Math.min(56, box.width / 6);
    if (press.x < box.left + edge && columns.scrollLeft > 0) {
      columns.scrollLeft -= Math.ceil((box.left + edge - press.x) / 3);
      scrolled = true;
    } else if (press.x > box.right - edge && columns.scrollLeft + columns.clientWidth < columns.scrollWidth) {
      columns.scrollLeft += Math.ceil((press.x - (box.right - edge)) / 3);
      scrolled = true;
    }
    const over = this.#store.drag?.over;
    const column = over ? columnElement(this.#host, over.stageId) : null;
    if (column) {
      const list = column.renderRoot.querySelector<HTMLElement>('.cards');
      const before = list?.scrollTop;
      column.autoScroll(press.y);
      if (list && list.scrollTop !== before) scrolled = true;
    }
    return scrolled;
  }

  #endPress(): void {
    const press = this.#press;
    if (press?.timer) clearTimeout(press.timer);
    this.#press = undefined;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    window.removeEventListener('pointermove', this.#onPointerMove);
    window.removeEventListener('pointerup', this.#onPointerUp);
    window.removeEventListener('pointercancel', this.#onPointerCancel);
    if (this.#store.drag) this.#store.drag = undefined;
  }
}

function inside(box: DOMRect, x: number, y: number): boolean {
  return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
}
