import { ApiError, type Board, type BoardColumn, type ChangeMessage, type CrmClient } from '@crmkit/core';
import type { ReactiveController } from 'lit';
import { LiveChanges } from '../shared/change-stream-controller.js';
import { appendPage, columnFrom, figuresOf, locate, openFigures, updateColumn, type MovePlan } from './board-state.js';
import type { BoardContext, BoardHost, BoardStore } from './board-store.js';
import { failureOf } from '../shared/failure.js';
import { plural } from '../shared/format.js';
import { useEnglish } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { everyPage } from '../shared/every-page.js';

useEnglish(en.board, en.deals);

/** Cards per request when a column is read again as far as it had been scrolled. */
const MAX_PAGE = 100;
/** Changes arriving within this long of each other are applied together. */
const SETTLE_MS = 60;

/**
 * The board's data: the board when the pipeline, filters or page size change, each column's next
 * page, the owners for the filter and the cards, and other people's changes from the kit's change
 * stream, which read again only the columns they touch.
 */
export class BoardData implements ReactiveController {
  /** Moves on their way to the kit, by deal id: their columns wait for them before being read again. */
  readonly moving = new Map<string, MovePlan>();
  /** Bumped by each full load: answers to older requests are dropped. */
  generation = 0;

  readonly #host: BoardHost;
  readonly #store: BoardStore;
  readonly #context: BoardContext;
  /** Told when a full load starts (a lifted deal is put back). */
  readonly #onLoad: () => void;
  /** The `pipeline-id` the board on show was asked for ('' for the default pipeline). */
  #shownFor?: string;
  /** What was last loaded, to tell when to load again. */
  #loadedFor?: { client: CrmClient; key: string };
  #ownersFor?: CrmClient;
  #abort?: AbortController;
  /** Changes from other users waiting to be applied: deal ids, and columns to read again. */
  readonly #changed = new Set<string>();
  readonly #dirtyColumns = new Set<string>();
  #flushTimer?: ReturnType<typeof setTimeout>;
  #announceLoad = false;

  constructor(host: BoardHost, store: BoardStore, context: BoardContext, onLoad: () => void) {
    this.#host = host;
    this.#store = store;
    this.#context = context;
    this.#onLoad = onLoad;
    host.addController(this);
    new LiveChanges(host, {
      client: context.client,
      // Once a board is on show: its deals, and its pipeline (renamed, stages changed).
      topics: () => {
        const meta = this.#store.meta;
        if (!this.#loadedFor || !meta) return undefined;
        return [{ entity: 'opportunity' }, { entity: 'pipeline', id: meta.pipelineId }];
      },
      onChange: (change) => this.#onChange(change),
      // After a dropped stream, changes may have been missed: read every column again.
      onOpen: (reconnected) => {
        if (!reconnected) return;
        for (const id of this.#store.columns.keys()) this.#dirtyColumns.add(id);
        this.#scheduleFlush();
      },
    });
  }

  /** Loads the board again at the next update, keeping nothing. */
  reload(): void {
    this.#loadedFor = undefined;
    this.#host.requestUpdate();
  }

  /** Called before each render: loads what the element now asks for. */
  sync(): void {
    const client = this.#context.client();
    if (!client) {
      this.#abort?.abort();
      this.#loadedFor = undefined;
      this.#store.view = { status: 'unconfigured' };
      return;
    }
    const key = JSON.stringify([this.#context.pipelineId(), this.#context.filters(), this.#context.pageSize()]);
    if (this.#loadedFor?.client !== client || this.#loadedFor.key !== key) {
      this.#loadedFor = { client, key };
      void this.#load(client);
    }
    if (this.#ownersFor !== client) {
      this.#ownersFor = client;
      void this.#loadOwners(client);
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#loadedFor = undefined;
    clearTimeout(this.#flushTimer);
  }

  async #load(client: CrmClient): Promise<void> {
    const store = this.#store;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const generation = ++this.generation;
    this.#onLoad();
    this.moving.clear();
    if (this.#host.hasUpdated) this.#announceLoad = true;
    // Filters keep the board on screen while it reloads; a new pipeline starts from the skeleton.
    const requested = this.#context.pipelineId();
    if (store.view.status === 'loaded' && this.#shownFor === requested) store.reloading = true;
    else store.view = { status: 'loading' };
    this.#shownFor = requested;
    try {
      let pipelineId = requested;
      if (!pipelineId) {
        const pipelines = await client.pipelines.list({ limit: 100 }, { signal: abort.signal });
        const chosen = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0];
        if (!chosen) {
          if (generation === this.generation) store.view = { status: 'none' };
          return;
        }
        pipelineId = chosen.id;
      }
      const board = await client.boards.get(
        pipelineId,
        { ...this.#context.filters(), limit: this.#context.pageSize() },
        { signal: abort.signal },
      );
      if (generation !== this.generation) return;
      this.#show(board);
    } catch (error) {
      if (abort.signal.aborted || generation !== this.generation) return;
      store.reloading = false;
      store.view = { status: 'error', failure: failureOf(error) };
      store.announcement = '';
    }
  }

  #show(board: Board): void {
    const store = this.#store;
    store.meta = {
      pipelineId: board.pipelineId,
      name: board.name,
      baseCurrency: board.baseCurrency,
      lostReasons: board.lostReasons,
    };
    store.columns = new Map(board.stages.map((column) => [column.id, columnFrom(column)]));
    store.view = { status: 'loaded' };
    store.reloading = false;
    store.fixTabStop();
    if (this.#announceLoad) {
      const t = this.#context.localize();
      const open = openFigures(store.columns, board.baseCurrency);
      store.announcement = t.t('board.loaded', {
        name: board.name,
        deals: plural(t, open.count, 'deals.one', 'deals.other'),
      });
    }
  }

  async #loadOwners(client: CrmClient): Promise<void> {
    try {
      const users = await everyPage((page) => client.users.list(page));
      if (this.#ownersFor === client) this.#store.owners = new Map(users.map((user) => [user.id, user.name]));
    } catch {
      // Without the list of users the board works on: cards show no owner, and there is no owner filter.
    }
  }

  /** Loads a column's next page (when it scrolls near its end, or the keyboard moves past it). */
  async loadMore(stageId: string): Promise<void> {
    const store = this.#store;
    const client = this.#context.client();
    const meta = store.meta;
    const column = store.columns.get(stageId);
    if (!client || !meta || !column?.nextCursor || column.loadingMore) return;
    const generation = this.generation;
    const cursor = column.nextCursor;
    store.columns = updateColumn(store.columns, stageId, (c) => ({ ...c, loadingMore: true, moreFailed: false }));
    try {
      const page = await client.boards.column(meta.pipelineId, stageId, {
        ...this.#context.filters(),
        limit: Math.max(this.#context.pageSize(), 50),
        cursor,
      });
      if (generation !== this.generation) return;
      store.columns = updateColumn(store.columns, stageId, (c) => (c.nextCursor === cursor ? appendPage(c, page) : c));
    } catch {
      if (generation !== this.generation) return;
      store.columns = updateColumn(store.columns, stageId, (c) => ({ ...c, loadingMore: false, moreFailed: true }));
    }
  }

  /** Reads a column again, as far down as it had been loaded: cards, cursor and figures. */
  async #refreshColumn(stageId: string): Promise<void> {
    const store = this.#store;
    const client = this.#context.client();
    const meta = store.meta;
    const column = store.columns.get(stageId);
    if (!client || !meta || !column) return;
    const generation = this.generation;
    const want = Math.max(this.#context.pageSize(), column.cards.length);
    try {
      let page: BoardColumn | undefined;
      const cards: BoardColumn['cards'] = [];
      let cursor: string | undefined;
      do {
        page = await client.boards.column(meta.pipelineId, stageId, {
          ...this.#context.filters(),
          limit: Math.min(MAX_PAGE, want - cards.length),
          cursor,
        });
        cards.push(...page.cards);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && cards.length < want);
      if (generation !== this.generation) return;
      if (this.#pendingIn(stageId)) {
        // A move into or out of it is on its way: read it again once that is settled.
        this.#dirtyColumns.add(stageId);
        return;
      }
      store.columns = updateColumn(store.columns, stageId, (current) => ({
        ...columnFrom({ ...page!, cards }),
        stage: current.stage,
      }));
      store.fixTabStop();
    } catch {
      // The live view stays as it was; the next change or reload brings it up to date.
    }
  }

  /** Reads only columns' figures again (after a move the kit confirmed: the cards are right). */
  async refreshFigures(stageIds: string[]): Promise<void> {
    const store = this.#store;
    const client = this.#context.client();
    const meta = store.meta;
    if (!client || !meta) return;
    const generation = this.generation;
    await Promise.all(
      stageIds.map(async (stageId) => {
        try {
          const page = await client.boards.column(meta.pipelineId, stageId, { ...this.#context.filters(), limit: 1 });
          if (generation !== this.generation || this.#pendingIn(stageId)) return;
          const figures = figuresOf(page);
          store.columns = updateColumn(store.columns, stageId, (c) =>
            !c.estimated && JSON.stringify(c.figures) === JSON.stringify(figures)
              ? c
              : { ...c, figures, estimated: false },
          );
        } catch {
          // Estimated figures stay until the next refresh.
        }
      }),
    );
  }

  /** Reads columns again soon (a move the kit refused: it has the truth). */
  refreshColumns(stageIds: string[]): void {
    for (const id of stageIds) this.#dirtyColumns.add(id);
    this.#scheduleFlush();
  }

  /** After a move settled: columns that waited for it are read now. */
  flushWaiting(): void {
    if (this.#dirtyColumns.size) this.#scheduleFlush();
  }

  #pendingIn(stageId: string): boolean {
    for (const plan of this.moving.values()) if (plan.from === stageId || plan.to === stageId) return true;
    return false;
  }

  #onChange(change: ChangeMessage): void {
    const store = this.#store;
    if (store.view.status !== 'loaded') return;
    if (change.entity === 'pipeline') return this.reload();
    if (this.moving.has(change.id)) return;
    const where = locate(store.columns, change.id);
    if (where) {
      const card = store.columns.get(where.stageId)!.cards[where.index]!;
      // Our own move, already shown.
      if (card.version >= change.version) return;
      this.#dirtyColumns.add(where.stageId);
    }
    if (change.action !== 'delete' || !where) this.#changed.add(change.id);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = setTimeout(() => void this.#flush(), SETTLE_MS);
  }

  /** Finds which columns the changed deals are in now, and reads only those columns again. */
  async #flush(): Promise<void> {
    const store = this.#store;
    const client = this.#context.client();
    const meta = store.meta;
    if (!client || !meta) return;
    const ids = [...this.#changed];
    this.#changed.clear();
    let unknown = false;
    await Promise.all(
      ids.map(async (id) => {
        try {
          const deal = await client.opportunities.get(id);
          // A deal of another pipeline that was never on this board does not concern it.
          if (deal.pipelineId === meta.pipelineId && !deal.deletedAt) this.#dirtyColumns.add(deal.stageId);
        } catch (error) {
          // Gone or out of sight: if it was not on screen, its column is unknown.
          if (!(error instanceof ApiError) || !locate(store.columns, id)) unknown = true;
        }
      }),
    );
    if (unknown && ids.length) {
      // A deal we never loaded left (deleted, or moved out of sight): figures may have changed anywhere.
      await this.refreshFigures([...store.columns.keys()].filter((id) => !this.#dirtyColumns.has(id)));
    }
    const columns = [...this.#dirtyColumns].filter((id) => !this.#pendingIn(id));
    columns.forEach((id) => this.#dirtyColumns.delete(id));
    await Promise.all(columns.map((id) => this.#refreshColumn(id)));
  }
}
