import type { ReactiveController } from 'lit';
import type { LogHost } from './log-host.js';
import { displayOrder, type TimelineController } from './timeline-controller.js';

const ITEM = 'article[part~="item"]';

/**
 * The timeline's keyboard model: one entry at a time is in the tab order (a roving tabindex); Up
 * and Down move between entries (loading the next page past the end, and carrying on into it),
 * Home and End go to the first and last loaded, Page Up and Page Down move five at a time.
 */
export class TimelineKeys implements ReactiveController {
  /** The entry that is in the tab order. */
  activeId = '';

  readonly #host: LogHost;
  readonly #timeline: TimelineController;
  /** Where focus goes once a load has finished: the first entry, or the one at an index. */
  #focusAfterLoad: 'first' | number | undefined;

  constructor(host: LogHost, timeline: TimelineController) {
    this.#host = host;
    this.#timeline = timeline;
    host.addController(this);
  }

  /** Focus goes to the first entry (or the retry button) once the next load has finished. */
  focusFirstAfterLoad(): void {
    this.#focusAfterLoad = 'first';
  }

  hostUpdate(): void {
    const entries = this.#timeline.entries;
    if (!entries.some((entry) => entry.activity.id === this.activeId)) {
      // The first entry on show, which is not the first loaded when something is planned ahead.
      const { upcoming, rest } = displayOrder(entries, new Date());
      this.activeId = [...upcoming, ...rest].find((entry) => !entry.pending)?.activity.id ?? '';
    }
  }

  hostUpdated(): void {
    const timeline = this.#timeline;
    if (this.#focusAfterLoad === undefined || timeline.view.status === 'loading' || timeline.more === 'loading') return;
    const where = this.#focusAfterLoad;
    this.#focusAfterLoad = undefined;
    const items = this.#items();
    const item = where === 'first' ? items[0] : items[Math.min(where, items.length - 1)];
    const fallback = this.#host.renderRoot.querySelector<HTMLElement>('[part~="retry-button"], [part~="base"]');
    (item ?? fallback)?.focus({ preventScroll: where === 'first' });
  }

  #items(): HTMLElement[] {
    return [...this.#host.renderRoot.querySelectorAll<HTMLElement>(ITEM)];
  }

  onFocusIn = (event: FocusEvent) => {
    const article = (event.target as HTMLElement).closest<HTMLElement>(ITEM);
    const id = article?.dataset.id;
    if (!article || !id || id.startsWith('pending-') || id === this.activeId) return;
    // Moves the roving tabindex by hand: no render needed for it.
    this.activeId = id;
    for (const item of this.#items()) item.tabIndex = item === article ? 0 : -1;
  };

  onKeyDown = (event: KeyboardEvent) => {
    const article = event.target as HTMLElement;
    if (!article.matches(ITEM) || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this.#items();
    const index = items.indexOf(article);
    const last = items.length - 1;
    const next = nextIndex(event.key, index, last);
    if (next === undefined) return;
    event.preventDefault();
    const timeline = this.#timeline;
    if (next > last && timeline.nextCursor && timeline.more !== 'error') {
      // Past the end: load the next page (unless it is on its way already) and carry on into it.
      this.#focusAfterLoad = last + 1;
      void timeline.loadMore();
      return;
    }
    const target = items[Math.max(0, Math.min(last, next))];
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  };
}

/** Where a key moves from entry `index` of `0…last`; `undefined` for keys that do not move. */
function nextIndex(key: string, index: number, last: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return index + 1;
    case 'ArrowUp':
      return index - 1;
    case 'PageDown':
      return index + 5;
    case 'PageUp':
      return index - 5;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
