// The pages of a list after its first, loaded with "Show more" (the trash, the lead inbox, a
// record's history): one helper instead of the same cursor, state and button in each element.
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
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
export class MorePages<T> {
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
  ) {}

  /** Starts over after a first page that ended at `cursor` (null: none read yet, or no more). */
  reset(cursor: string | null = null): void {
    this.#generation++;
    this.items = [];
    this.#set('idle', cursor);
  }

  /** Reads the next page, if there is one and none is on its way. */
  async load(): Promise<void> {
    const { cursor } = this;
    const generation = this.#generation;
    if (!cursor || this.state === 'loading') return;
    this.#set('loading', cursor);
    let page: PageOf<T> | undefined;
    try {
      page = await this.next(cursor);
    } catch {
      // Shown as a failed page, with a retry.
    }
    // A page that comes after a reset belongs to the list as it was.
    if (generation !== this.#generation) return;
    if (page) this.items = [...this.items, ...page.items];
    this.#set(page ? 'idle' : 'error', page ? page.nextCursor : cursor);
  }

  /** The "Show more" button (part `load-more`) while there is more, or why the last page failed. */
  render(labels: MoreLabels): TemplateResult | typeof nothing {
    return this.cursor ? moreButton({ ...labels, state: this.state, onClick: () => void this.load() }) : nothing;
  }

  #set(state: MoreButtonOptions['state'], cursor: string | null): void {
    this.state = state;
    this.cursor = cursor;
    this.host.requestUpdate();
  }
}
