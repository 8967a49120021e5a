// The pages of a list after its first, loaded with "Show more" (the trash, the lead inbox, a
// record's history): one controller instead of the same cursor, state and button in each element.
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { moreButton, type MoreButtonOptions } from './states.js';

/** A page as the kit lists them: its records and the cursor of the next, if any. */
export interface PageOf<T> {
  items: readonly T[];
  nextCursor: string | null;
}

/** The texts of the "Show more" button (see {@link moreButton}). */
export type MoreLabels = Omit<MoreButtonOptions, 'state' | 'onClick'>;

/**
 * The records that "Show more" brought after a list's first page, the cursor of the next page,
 * and whether one is on its way or failed. Reading the first page again (`reset`) drops them, and a
 * page that arrives after a reset is ignored (it belongs to the list as it was).
 */
export class MorePages<T> implements ReactiveController {
  /** The records of the pages after the first, in order. */
  items: readonly T[] = [];
  /** The next page's cursor: null when the list has no more. */
  cursor: string | null = null;
  state: MoreButtonOptions['state'] = 'idle';
  #generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Reads the page at `cursor`, as the list is now (its filters, its queue). */
    private readonly next: (cursor: string) => Promise<PageOf<T>>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the list has more than is shown. */
  get hasMore(): boolean {
    return this.cursor !== null;
  }

  /** Starts over after a first page that ended at `cursor` (null: none read yet, or no more). */
  reset(cursor: string | null = null): void {
    this.#generation++;
    this.items = [];
    this.cursor = cursor;
    this.state = 'idle';
    this.host.requestUpdate();
  }

  /** Reads the next page, if there is one and none is on its way. */
  async load(): Promise<void> {
    const cursor = this.cursor;
    if (!cursor || this.state === 'loading') return;
    const generation = this.#generation;
    this.#set('loading');
    try {
      const page = await this.next(cursor);
      if (generation !== this.#generation) return;
      this.items = [...this.items, ...page.items];
      this.cursor = page.nextCursor;
      this.#set('idle');
    } catch {
      if (generation === this.#generation) this.#set('error');
    }
  }

  /** The "Show more" button (part `load-more`) while there is more, or why the last page failed. */
  render(labels: MoreLabels): TemplateResult | typeof nothing {
    return this.cursor ? moreButton({ ...labels, state: this.state, onClick: () => void this.load() }) : nothing;
  }

  #set(state: MoreButtonOptions['state']): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
