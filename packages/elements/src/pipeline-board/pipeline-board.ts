import {
  ApiError,
  type Board,
  type BoardColumn,
  type BoardFilters,
  type ChangeMessage,
  type CrmClient,
  type Opportunity,
  type Stage,
} from '@crmkit/core';
import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmOpportunityMovedEvent, CrmOpportunityMoveEvent } from '../shared/events.js';
import type { Localizer, MessageKey } from '../shared/localize.js';
import { tokens } from '../shared/tokens.js';
import { CrmPipelineColumn, type ColumnHost, type ColumnPreview } from './board-column.js';
import {
  appendPage,
  applyMove,
  columnFrom,
  figuresOf,
  locate,
  neighbours,
  openFigures,
  revertMove,
  settleMove,
  updateColumn,
  type BoardStage,
  type Columns,
  type ColumnState,
  type MovePlan,
} from './board-state.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import { failureOf, moneyText, PIPELINE_FAILURES, plural, type Failure } from './format.js';
import { follow } from './live.js';
import { styles } from './pipeline-board.styles.js';

type View =
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'error'; failure: Failure }
  | { status: 'loaded' };

/** A deal lifted from the keyboard: where it was, and where it would go now. */
interface Lift {
  plan: MovePlan;
}

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

interface Notice {
  message: string;
}

const MOVE_MESSAGES: Record<Failure | 'conflict' | 'stale', MessageKey> = {
  conflict: 'board.conflict',
  stale: 'board.stale',
  notFound: 'board.stale',
  unauthorized: 'board.forbidden',
  forbidden: 'board.forbidden',
  network: 'board.moveNetwork',
  generic: 'board.moveFailed',
};

/** Cards per request when a column is read again as far as it had been scrolled. */
const MAX_PAGE = 100;
/** How far a mouse moves before a press becomes a drag; how long a finger holds before it lifts a card. */
const DRAG_DISTANCE = 4;
const LONG_PRESS_MS = 250;

/**
 * A pipeline as a board: a column per open stage with its count and amounts (per currency and
 * converted into the organization's base currency), the deals as cards, and the closed stages
 * (won, lost) as drop zones. Columns load their first page of cards with the board and more as
 * they scroll, and render only the cards in view, so a board of 10,000 deals opens as fast as one
 * of 100.
 *
 * Deals move by mouse, touch (long press) or keyboard (Space or Enter lifts a deal, the arrow
 * keys move it across and within columns, Space or Enter drops it, Escape puts it back), each
 * step announced to screen readers. A move shows at once and is sent to the kit with the
 * version the card was read at; if the kit refuses it (someone changed the deal meanwhile, or
 * the stage needs something the deal lacks) the deal goes back and a notice says why. Stages
 * that require a lost reason ask for it in a dialog. Changes made by other people arrive live
 * and refresh only the columns they touch.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-pipeline-board pipeline-id="…"></crm-pipeline-board>
 * </crm-provider>
 * ```
 *
 * @summary A pipeline's deals as a board of stages, with drag and drop.
 * @tag crm-pipeline-board
 *
 * @slot actions - Buttons or links at the end of the board's header (e.g. "New deal").
 *
 * @csspart base - The board's outer box.
 * @csspart header - The header: pipeline name, open totals, actions and filters.
 * @csspart heading - The pipeline's name.
 * @csspart summary - The open deals' count and amounts.
 * @csspart filters - The filter controls.
 * @csspart columns - The horizontally scrolling row of columns.
 * @csspart column - One stage's column.
 * @csspart column-header - A column's name, count and amounts.
 * @csspart cards - A column's scrolling list of cards.
 * @csspart card - One deal.
 * @csspart column-empty - The note in a column without deals.
 * @csspart zones - The drop zones of the closed stages.
 * @csspart zone - One drop zone (a won or lost stage).
 * @csspart notice - The notice that a move did not go through.
 * @csspart dialog - The dialog that asks for a lost reason.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 *
 * @cssproperty [--crm-board-height=36rem] - The board's height; columns scroll within it.
 * @cssproperty [--crm-board-column-width=17rem] - The width of a column; on a wide board columns grow up to half as wide again to fill it.
 * @cssproperty [--crm-board-column-background=var(--crm-color-surface-muted)] - The background of a column.
 * @cssproperty [--crm-font-family=inherit] - Font family; by default the page's.
 * @cssproperty [--crm-color-text=CanvasText] - Main text colour.
 * @cssproperty [--crm-color-text-muted=color-mix(in srgb, CanvasText 68%, Canvas)] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas))] - Cards' background.
 * @cssproperty [--crm-color-surface-muted=color-mix(in srgb, CanvasText 7%, Canvas)] - Columns and skeleton.
 * @cssproperty [--crm-color-border=color-mix(in srgb, CanvasText 16%, Canvas)] - Borders and dividers.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Focus ring, drop indicator, owner badges.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Errors, overdue dates, the lost zone.
 * @cssproperty [--crm-color-success=light-dark(#15803d, #4ade80)] - The won zone.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius of columns and cards.
 * @cssproperty [--crm-spacing=1rem] - The base spacing unit.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - The cards' shadow.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused cards and controls.
 *
 * @fires {CrmOpportunityMoveEvent} crm-opportunity-move - A deal was dropped in a new place, before the move is sent. Cancelable: `preventDefault()` puts it back. `detail`: `opportunity` (the card), `from`, `to` (stages), `position` (`index`, `afterId`, `beforeId`), `lostReason` (settable).
 * @fires {CrmOpportunityMovedEvent} crm-opportunity-moved - The kit saved a move; `detail.opportunity` is the saved deal.
 */
export class CrmPipelineBoard extends CrmElement {
  static override styles = [tokens, buttons, controls, styles];

  /** The pipeline to show. Without one, the organization's default pipeline. */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /** Only deals of this owner (a user id). The owner filter sets it. */
  @property({ attribute: 'owner-id', reflect: true }) ownerId = '';

  /** Only the signed-in user's deals. The "Only my deals" filter sets it. */
  @property({ type: Boolean, reflect: true }) mine = false;

  /** Only deals expected to close on or after this day (`2026-03-31`). */
  @property({ attribute: 'close-from', reflect: true }) closeFrom = '';

  /** Only deals expected to close on or before this day (`2026-03-31`). */
  @property({ attribute: 'close-to', reflect: true }) closeTo = '';

  /** Only deals whose customer carries this tag. */
  @property({ reflect: true }) tag = '';

  /** Cards per column in each page loaded (1–100). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** The level of the heading that holds the pipeline's name (1–6); columns' headings are one below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private view: View = { status: 'loading' };
  /** The board on show is being read again (new filters): it stays, dimmed, until the new one arrives. */
  @state() private reloading = false;
  @state() private columns: Columns = new Map();
  @state() private meta?: { pipelineId: string; name: string; baseCurrency: string };
  @state() private owners: ReadonlyMap<string, string> = new Map();
  @state() private announcement = '';
  @state() private notice?: Notice;
  @state() private lift?: Lift;
  @state() private drag?: { cardId: string; stageId: string; over?: { stageId: string; index: number } };
  @state() private tabStop?: { stageId: string; cardId: string };
  @state() private dialog?: { name: string; stage: string; error: boolean };
  /** On a narrow screen the filters fold away behind a button; whether they are shown. */
  @state() private filtersOpen = false;

  @query('.ghost') private ghost?: HTMLElement;
  @query('dialog') private dialogElement?: HTMLDialogElement;
  @query('.columns') private columnsElement?: HTMLElement;

  /** The `pipeline-id` the board on show was asked for ('' for the default pipeline). */
  #shownFor?: string;
  /** What was last loaded, to tell when to load again. */
  #loadedFor?: { client: CrmClient; key: string };
  #ownersFor?: CrmClient;
  #abort?: AbortController;
  #live?: { client: CrmClient; abort: AbortController };
  /** Bumped by each full load: answers to older requests are dropped. */
  #generation = 0;
  #press?: Press;
  #frame = 0;
  #dialogAnswer?: (reason: string | null) => void;
  /** Moves on their way to the kit, by deal id. */
  #moving = new Map<string, MovePlan>();
  /** Changes from other users waiting to be applied: deal ids, and columns to read again. */
  #changed = new Set<string>();
  #dirtyColumns = new Set<string>();
  #flushTimer?: ReturnType<typeof setTimeout>;
  #announceLoad = false;
  readonly #columnHost: ColumnHost = { loadMore: (stageId) => void this.#loadMore(stageId) };

  /** The board's filters as the kit takes them. */
  get filters(): BoardFilters {
    const filters: BoardFilters = {};
    if (this.mine) filters.mine = 'true';
    else if (this.ownerId) filters.ownerId = this.ownerId;
    if (this.closeFrom) filters.closeFrom = this.closeFrom;
    if (this.closeTo && (!this.closeFrom || this.closeTo >= this.closeFrom)) filters.closeTo = this.closeTo;
    if (this.tag.trim()) filters.tag = this.tag.trim();
    return filters;
  }

  /** Loads the board again, keeping nothing (what "Try again" does). */
  reload(): void {
    this.#loadedFor = undefined;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('touchmove', this.#onTouchMove, { passive: false });
    // While a deal is lifted the keyboard moves it wherever focus is (re-rendering may take focus
    // away for a moment); a pointer pressed anywhere puts it back.
    window.addEventListener('keydown', this.#onWindowKeyDown, true);
    window.addEventListener('pointerdown', this.#onWindowPointerDown, true);
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('touchmove', this.#onTouchMove);
    window.removeEventListener('keydown', this.#onWindowKeyDown, true);
    window.removeEventListener('pointerdown', this.#onWindowPointerDown, true);
    this.#cancelLift(false);
    this.#endPress();
    this.#abort?.abort();
    this.#loadedFor = undefined;
    this.#live?.abort.abort();
    this.#live = undefined;
    clearTimeout(this.#flushTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (!client) {
      this.#abort?.abort();
      this.#loadedFor = undefined;
      this.view = { status: 'unconfigured' };
      return;
    }
    const key = JSON.stringify([this.pipelineId.trim(), this.filters, this.#pageSize()]);
    if (this.#loadedFor?.client !== client || this.#loadedFor.key !== key) {
      this.#loadedFor = { client, key };
      void this.#load(client);
    }
    if (this.#ownersFor !== client) {
      this.#ownersFor = client;
      void this.#loadOwners(client);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#press?.dragging) this.#placeGhost();
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const t = this.localize;
    let content: TemplateResult;
    switch (this.view.status) {
      case 'unconfigured':
        content = this.#renderError(t, t.t('card.notConnected'), false);
        break;
      case 'loading':
        content = this.#renderSkeleton(t);
        break;
      case 'none':
        content = html`<p part="empty" class="empty-state">${t.t('pipeline.none')}</p>`;
        break;
      case 'error': {
        const [message, detail] = PIPELINE_FAILURES[this.view.failure];
        content = this.#renderError(t, t.t(message), this.view.failure !== 'notFound', detail && t.t(detail));
        break;
      }
      case 'loaded':
        content = this.#renderBoard(t);
        break;
    }
    return html`<div lang=${t.locale} class="root">
      ${content}
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </div>`;
  }

  #renderSkeleton(t: Localizer) {
    return html`<div part="base skeleton" class="board" aria-busy="true">
      <div class="header">
        <span class="bone line" style="inline-size: 12rem; block-size: 1.125rem"></span>
        <span class="bone line" style="inline-size: 18rem"></span>
      </div>
      <div class="columns">
        ${[0, 1, 2, 3].map(
          (column) =>
            html`<div class="skeleton-column">
              <span class="bone line" style="inline-size: 55%"></span>
              <span class="bone line" style="inline-size: 35%"></span>
              ${[0, 1, 2].slice(0, 3 - (column % 2)).map(() => html`<span class="bone card-bone"></span>`)}
            </div>`,
        )}
      </div>
      <span class="visually-hidden">${t.t('board.loading')}</span>
    </div>`;
  }

  #renderError(t: Localizer, message: string, canRetry: boolean, detail?: string) {
    return html`<div part="base" class="board">
      <div part="error" class="error" role="alert">
        <svg class="error-icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
          <path d="M10 5.5v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
          <circle cx="10" cy="14" r="1.1" fill="currentColor" />
        </svg>
        <div class="error-text">
          <p class="error-message">${message}</p>
          ${detail ? html`<p class="error-detail">${detail}</p>` : nothing}
        </div>
        ${
          canRetry
            ? html`<button part="retry-button" class="button" type="button" @click=${this.#onRetry}>
                ${t.t('action.retry')}
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #renderBoard(t: Localizer) {
    const meta = this.meta!;
    const open = [...this.columns.values()].filter((column) => column.stage.kind === 'open');
    const closed = [...this.columns.values()].filter((column) => column.stage.kind !== 'open');
    const figures = openFigures(this.columns, meta.baseCurrency);
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const filtered = Object.keys(this.filters).length > 0;
    return html`<div
      part="base"
      class=${classMap({ board: true, dragging: Boolean(this.drag || this.lift), reloading: this.reloading })}
      aria-busy=${this.reloading ? 'true' : nothing}
      @keydown=${this.#onKeyDown}
      @pointerdown=${this.#onPointerDown}
    >
      <div part="header" class="header">
        <div class="title-row">
          <div part="heading" class="heading" role="heading" aria-level=${level}>${meta.name}</div>
          <p part="summary" class="summary">
            <span class="summary-count">${plural(t, figures.count, 'deals.one', 'deals.other')}</span>
            <span class="summary-sum"
              >${moneyText(t, { amount: figures.converted.sum, currency: meta.baseCurrency })}</span
            >
            <span class="summary-weighted" title=${t.t('board.weightedHint')}
              >${t.t('board.weighted', {
                amount: moneyText(
                  t,
                  { amount: figures.converted.weighted, currency: meta.baseCurrency },
                  figures.converted.sum,
                ),
              })}</span
            >
          </p>
          <div class="actions">
            <slot name="actions"></slot>
            <button
              class="button filters-toggle"
              type="button"
              aria-expanded=${this.filtersOpen ? 'true' : 'false'}
              aria-controls="filters"
              @click=${this.#onFiltersToggle}
            >
              ${t.t('filter.label')}${filtered ? ` (${Object.keys(this.filters).length})` : ''}
            </button>
          </div>
        </div>
        ${this.#renderFilters(t)}
      </div>
      <div role="alert" class="notice-region">
        ${
          this.notice
            ? html`<div part="notice" class="notice">
                <p>${this.notice.message}</p>
                <button class="link-button" type="button" @click=${this.#onDismiss}>${t.t('board.dismiss')}</button>
              </div>`
            : nothing
        }
      </div>
      <div part="columns" class="columns" exportparts="column, column-header, cards, card, column-empty">
        ${open.map((column) => this.#renderColumn(column, level + 1, filtered))}
      </div>
      ${
        closed.length
          ? html`<div part="zones" class="zones" role="group" aria-label=${t.t('board.closed')}>
              ${closed.map((column) => this.#renderZone(t, column))}
            </div>`
          : nothing
      }
      ${this.#renderGhost()} ${this.#renderDialog(t)}
    </div>`;
  }

  #renderColumn(column: ColumnState, level: number, filtered: boolean) {
    const id = column.stage.id;
    const drag = this.drag;
    return html`<crm-pipeline-column
      exportparts="column, column-header, cards, card, column-empty"
      data-stage=${id}
      .column=${column}
      .locale=${this.localize.locale}
      .owners=${this.owners}
      .tabStop=${this.tabStop?.stageId === id ? this.tabStop.cardId : null}
      .preview=${this.#previewFor(id)}
      .dropIndex=${drag?.over?.stageId === id ? drag.over.index : -1}
      .dragging=${drag?.stageId === id ? drag.cardId : null}
      .filtered=${filtered}
      .headingLevel=${level}
      .host=${this.#columnHost}
    ></crm-pipeline-column>`;
  }

  #renderZone(t: Localizer, column: ColumnState) {
    const { stage, figures } = column;
    const over = this.drag?.over?.stageId === stage.id || this.lift?.plan.to === stage.id;
    const kind = stage.kind === 'won' ? 'won' : 'lost';
    return html`<div
      part="zone"
      class=${classMap({ zone: true, over })}
      data-kind=${kind}
      data-stage=${stage.id}
      tabindex="-1"
      role="group"
      aria-label=${stage.name}
    >
      <svg class="zone-icon" viewBox="0 0 20 20" aria-hidden="true">
        ${
          kind === 'won'
            ? svg`<path
                d="M5 10.5l3.2 3.2L15 7"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
              />`
            : svg`<path
                d="M6 6l8 8M14 6l-8 8"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
              />`
        }
      </svg>
      <div class="zone-text">
        <span class="zone-name">${stage.name}</span>
        <span class="zone-figures"
          >${plural(t, figures.count, 'deals.one', 'deals.other')} ·
          ${moneyText(t, { amount: figures.converted.sum, currency: figures.converted.currency })}</span
        >
      </div>
      <span class="zone-hint">${t.t(kind === 'won' ? 'board.dropWon' : 'board.dropLost')}</span>
    </div>`;
  }

  #renderGhost() {
    const drag = this.drag;
    if (!drag || !this.#press?.dragging) return nothing;
    const card = this.columns.get(drag.stageId)?.cards.find((c) => c.id === drag.cardId);
    if (!card) return nothing;
    const t = this.localize;
    return html`<div class="ghost" aria-hidden="true" style="inline-size: ${this.#press.width}px">
      <div class="card-name">${card.name}</div>
      <div class="card-customer">${card.customerName ?? t.t('board.hiddenCustomer')}</div>
      <div class="card-amount">${moneyText(t, { amount: card.amount, currency: card.currency })}</div>
    </div>`;
  }

  #renderDialog(t: Localizer) {
    const dialog = this.dialog;
    return html`<dialog
      part="dialog"
      class="dialog"
      aria-labelledby="lost-title"
      aria-describedby="lost-intro"
      @cancel=${this.#onDialogCancel}
      @close=${this.#onDialogClose}
    >
      ${
        dialog
          ? html`<form method="dialog" class="dialog-form" novalidate @submit=${this.#onDialogSubmit}>
              <h2 id="lost-title" class="dialog-title">${t.t('board.lostTitle')}</h2>
              <p id="lost-intro" class="dialog-intro">
                ${t.t('board.lostIntro', { stage: dialog.stage, name: dialog.name })}
              </p>
              <label class="filter dialog-field">
                <span>${t.t('board.lostReason')}</span>
                <input
                  class="control"
                  name="reason"
                  maxlength="200"
                  required
                  autocomplete="off"
                  aria-invalid=${dialog.error ? 'true' : 'false'}
                  aria-describedby="lost-error"
                />
              </label>
              <p id="lost-error" class="dialog-error">${dialog.error ? t.t('board.lostRequired') : ''}</p>
              <div class="dialog-actions">
                <button class="button" type="button" value="cancel" @click=${this.#onDialogCancelClick}>
                  ${t.t('edit.cancel')}
                </button>
                <button class="button primary" type="submit">
                  ${t.t('board.lostConfirm', { stage: dialog.stage })}
                </button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  #renderFilters(t: Localizer) {
    const owners = [...this.owners].sort((a, b) => a[1].localeCompare(b[1], t.locale));
    const any = Object.keys(this.filters).length > 0;
    return html`<fieldset part="filters" id="filters" class=${classMap({ filters: true, open: this.filtersOpen })}>
      <legend class="visually-hidden">${t.t('filter.label')}</legend>
      ${
        owners.length
          ? html`<label class="filter wide">
              <span>${t.t('filter.owner')}</span>
              <select class="control" name="owner" ?disabled=${this.mine} @change=${this.#onOwnerChange}>
                <option value="" ?selected=${!this.ownerId}>${t.t('list.allOwners')}</option>
                ${owners.map(
                  ([id, name]) => html`<option value=${id} ?selected=${this.ownerId === id}>${name}</option>`,
                )}
              </select>
            </label>`
          : nothing
      }
      <label class="check">
        <input type="checkbox" name="mine" .checked=${this.mine} @change=${this.#onMineChange} />
        ${t.t('filter.mine')}
      </label>
      <label class="filter narrow">
        <span>${t.t('filter.closeFrom')}</span>
        <input
          class="control"
          type="date"
          name="closeFrom"
          .value=${this.closeFrom}
          max=${this.closeTo || nothing}
          @change=${this.#onCloseFromChange}
        />
      </label>
      <label class="filter narrow">
        <span>${t.t('filter.closeTo')}</span>
        <input
          class="control"
          type="date"
          name="closeTo"
          .value=${this.closeTo}
          min=${this.closeFrom || nothing}
          @change=${this.#onCloseToChange}
        />
      </label>
      <label class="filter narrow">
        <span>${t.t('filter.tag')}</span>
        <input
          class="control"
          type="search"
          name="tag"
          maxlength="50"
          placeholder=${t.t('filter.tagPlaceholder')}
          .value=${this.tag}
          @change=${this.#onTagChange}
        />
      </label>
      ${
        any
          ? html`<button class="link-button clear" type="button" @click=${this.#onClear}>${t.t('list.clear')}</button>`
          : nothing
      }
    </fieldset>`;
  }

  /** What a column shows of a keyboard move: the lifted card taken out here, and put in there. */
  #previewFor(stageId: string): ColumnPreview | undefined {
    const lift = this.lift;
    if (!lift) return undefined;
    const { plan } = lift;
    const preview: ColumnPreview = {};
    if (plan.from === stageId) preview.removeId = plan.card.id;
    if (plan.to === stageId) preview.insert = { card: plan.card, index: plan.index };
    if (!preview.removeId && !preview.insert) return undefined;
    // The same object while the move does not change, so the column does not render for nothing.
    const key = `${stageId}:${plan.card.id}:${plan.to}:${plan.index}`;
    const cached = this.#previews.get(stageId);
    if (cached?.key === key) return cached.preview;
    this.#previews.set(stageId, { key, preview });
    return preview;
  }
  #previews = new Map<string, { key: string; preview: ColumnPreview }>();

  // ---------------------------------------------------------------------------------------------
  // Loading

  #pageSize(): number {
    return Math.min(100, Math.max(1, Math.round(this.pageSize) || 20));
  }

  async #load(client: CrmClient): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const generation = ++this.#generation;
    this.#cancelLift(false);
    this.#moving.clear();
    if (this.hasUpdated) this.#announceLoad = true;
    // Filters keep the board on screen while it reloads; a new pipeline starts from the skeleton.
    const requested = this.pipelineId.trim();
    if (this.view.status === 'loaded' && this.#shownFor === requested) this.reloading = true;
    else this.view = { status: 'loading' };
    this.#shownFor = requested;
    try {
      let pipelineId = this.pipelineId.trim();
      if (!pipelineId) {
        const pipelines = await client.pipelines.list({ limit: 100 }, { signal: abort.signal });
        const chosen = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0];
        if (!chosen) {
          if (generation === this.#generation) this.view = { status: 'none' };
          return;
        }
        pipelineId = chosen.id;
      }
      const board = await client.boards.get(
        pipelineId,
        { ...this.filters, limit: this.#pageSize() },
        { signal: abort.signal },
      );
      if (generation !== this.#generation) return;
      this.#show(board);
      this.#startLive(client);
    } catch (error) {
      if (abort.signal.aborted || generation !== this.#generation) return;
      this.reloading = false;
      this.view = { status: 'error', failure: failureOf(error) };
      this.announcement = '';
    }
  }

  #show(board: Board): void {
    this.meta = { pipelineId: board.pipelineId, name: board.name, baseCurrency: board.baseCurrency };
    this.columns = new Map(board.stages.map((column) => [column.id, columnFrom(column)]));
    this.view = { status: 'loaded' };
    this.reloading = false;
    this.#fixTabStop();
    if (this.#announceLoad) {
      const t = this.localize;
      const open = openFigures(this.columns, board.baseCurrency);
      this.#announce(
        t.t('board.loaded', { name: board.name, deals: plural(t, open.count, 'deals.one', 'deals.other') }),
      );
    }
  }

  async #loadOwners(client: CrmClient): Promise<void> {
    try {
      const owners = new Map<string, string>();
      let cursor: string | undefined;
      do {
        const page = await client.users.list({ limit: 200, cursor });
        for (const user of page.items) owners.set(user.id, user.name);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && owners.size < 1000);
      if (this.#ownersFor === client) this.owners = owners;
    } catch {
      // Without the list of users the board works on: cards show no owner, and there is no owner filter.
    }
  }

  async #loadMore(stageId: string): Promise<void> {
    const client = this.client;
    const meta = this.meta;
    const column = this.columns.get(stageId);
    if (!client || !meta || !column?.nextCursor || column.loadingMore) return;
    const generation = this.#generation;
    const cursor = column.nextCursor;
    this.columns = updateColumn(this.columns, stageId, (c) => ({ ...c, loadingMore: true, moreFailed: false }));
    try {
      const page = await client.boards.column(meta.pipelineId, stageId, {
        ...this.filters,
        limit: Math.max(this.#pageSize(), 50),
        cursor,
      });
      if (generation !== this.#generation) return;
      this.columns = updateColumn(this.columns, stageId, (c) => (c.nextCursor === cursor ? appendPage(c, page) : c));
    } catch {
      if (generation !== this.#generation) return;
      this.columns = updateColumn(this.columns, stageId, (c) => ({ ...c, loadingMore: false, moreFailed: true }));
    }
  }

  /** Reads a column again, as far down as it had been loaded: cards, cursor and figures. */
  async #refreshColumn(stageId: string): Promise<void> {
    const client = this.client;
    const meta = this.meta;
    const column = this.columns.get(stageId);
    if (!client || !meta || !column) return;
    const generation = this.#generation;
    const want = Math.max(this.#pageSize(), column.cards.length);
    try {
      let page: BoardColumn | undefined;
      const cards: BoardColumn['cards'] = [];
      let cursor: string | undefined;
      do {
        page = await client.boards.column(meta.pipelineId, stageId, {
          ...this.filters,
          limit: Math.min(MAX_PAGE, want - cards.length),
          cursor,
        });
        cards.push(...page.cards);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && cards.length < want);
      if (generation !== this.#generation) return;
      if (this.#pendingIn(stageId)) {
        // A move into or out of it is on its way: read it again once that is settled.
        this.#dirtyColumns.add(stageId);
        return;
      }
      this.columns = updateColumn(this.columns, stageId, (current) => ({
        ...columnFrom({ ...page!, cards }),
        stage: current.stage,
      }));
      this.#fixTabStop();
    } catch {
      // The live view stays as it was; the next change or reload brings it up to date.
    }
  }

  /** Reads only a column's figures again (after a move the kit confirmed: the cards are right). */
  async #refreshFigures(stageIds: string[]): Promise<void> {
    const client = this.client;
    const meta = this.meta;
    if (!client || !meta) return;
    const generation = this.#generation;
    await Promise.all(
      stageIds.map(async (stageId) => {
        try {
          const page = await client.boards.column(meta.pipelineId, stageId, { ...this.filters, limit: 1 });
          if (generation !== this.#generation || this.#pendingIn(stageId)) return;
          const figures = figuresOf(page);
          this.columns = updateColumn(this.columns, stageId, (c) =>
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

  #pendingIn(stageId: string): boolean {
    for (const plan of this.#moving.values()) if (plan.from === stageId || plan.to === stageId) return true;
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Live updates

  #startLive(client: CrmClient): void {
    if (this.#live?.client === client && !this.#live.abort.signal.aborted) return;
    this.#live?.abort.abort();
    const abort = new AbortController();
    this.#live = { client, abort };
    follow(client, this.#onChange, {
      signal: abort.signal,
      // After a dropped stream, changes may have been missed: read the figures of every column again.
      onOpen: (reconnected) => {
        if (reconnected) for (const id of this.columns.keys()) this.#dirtyColumns.add(id);
        if (reconnected) this.#scheduleFlush();
      },
    });
  }

  #onChange = (change: ChangeMessage) => {
    if (this.view.status !== 'loaded') return;
    if (change.entity === 'pipeline' && change.id === this.meta?.pipelineId) {
      this.reload();
      return;
    }
    if (change.entity !== 'opportunity') return;
    if (this.#moving.has(change.id)) return;
    const where = locate(this.columns, change.id);
    if (where) {
      const card = this.columns.get(where.stageId)!.cards[where.index]!;
      // Our own move, already shown.
      if (card.version >= change.version) return;
      this.#dirtyColumns.add(where.stageId);
    }
    if (change.action !== 'delete' || !where) this.#changed.add(change.id);
    this.#scheduleFlush();
  };

  #scheduleFlush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = setTimeout(() => void this.#flush(), 60);
  }

  /** Finds which columns the changed deals are in now, and reads only those columns again. */
  async #flush(): Promise<void> {
    const client = this.client;
    const meta = this.meta;
    if (!client || !meta) return;
    const ids = [...this.#changed];
    this.#changed.clear();
    let unknown = false;
    await Promise.all(
      ids.map(async (id) => {
        try {
          const deal: Opportunity = await client.opportunities.get(id);
          // A deal of another pipeline that was never on this board does not concern it.
          if (deal.pipelineId === meta.pipelineId && !deal.deletedAt) this.#dirtyColumns.add(deal.stageId);
        } catch (error) {
          // Gone or out of sight: if it was not on screen, its column is unknown.
          if (!(error instanceof ApiError) || !locate(this.columns, id)) unknown = true;
        }
      }),
    );
    if (unknown && ids.length) {
      // A deal we never loaded left (deleted, or moved out of sight): figures may have changed anywhere.
      await this.#refreshFigures([...this.columns.keys()].filter((id) => !this.#dirtyColumns.has(id)));
    }
    const columns = [...this.#dirtyColumns].filter((id) => !this.#pendingIn(id));
    columns.forEach((id) => this.#dirtyColumns.delete(id));
    await Promise.all(columns.map((id) => this.#refreshColumn(id)));
  }

  // ---------------------------------------------------------------------------------------------
  // Moving

  #stage(stageId: string): Stage {
    return { ...this.columns.get(stageId)!.stage } as BoardStage as Stage;
  }

  #showsCards = (stageId: string) => this.columns.get(stageId)?.stage.kind === 'open';

  /** Open columns, then the closed stages' zones: the places a lifted deal visits with ← and →. */
  #targets(): string[] {
    const all = [...this.columns.values()];
    return [
      ...all.filter((c) => c.stage.kind === 'open').map((c) => c.stage.id),
      ...all.filter((c) => c.stage.kind !== 'open').map((c) => c.stage.id),
    ];
  }

  #column(stageId: string): CrmPipelineColumn | null {
    return this.renderRoot.querySelector<CrmPipelineColumn>(`crm-pipeline-column[data-stage="${CSS.escape(stageId)}"]`);
  }

  #zone(stageId: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.zone[data-stage="${CSS.escape(stageId)}"]`);
  }

  /**
   * Carries out a move: asks for a lost reason where the stage needs one, lets the host veto it,
   * shows it at once, and sends it with the version the card was read at. If the kit refuses,
   * the deal goes back and a notice says why.
   */
  async #move(plan: MovePlan, { keyboard }: { keyboard: boolean }): Promise<void> {
    const t = this.localize;
    const client = this.client;
    const meta = this.meta;
    const from = this.columns.get(plan.from);
    const to = this.columns.get(plan.to);
    if (!client || !meta || !from || !to) return;
    const name = plan.card.name;
    if (plan.from === plan.to && plan.index === plan.fromIndex) {
      this.#announce(t.t('board.unchanged', { name }));
      if (keyboard) void this.#focusCard(plan.from, plan.card.id);
      return;
    }
    const position = this.#showsCards(plan.to)
      ? { index: plan.index, ...neighbours(this.columns, plan.to, plan.card.id, plan.index) }
      : { index: 0 };
    let lostReason: string | undefined;
    if (to.stage.requires.includes('lostReason')) {
      const answer = await this.#askLostReason(name, to.stage.name);
      if (answer === null) {
        this.#announce(t.t('board.cancelled', { name, stage: from.stage.name }));
        if (keyboard) void this.#focusCard(plan.from, plan.card.id);
        return;
      }
      lostReason = answer;
    }
    const event = new CrmOpportunityMoveEvent({
      opportunity: plan.card,
      from: this.#stage(plan.from),
      to: this.#stage(plan.to),
      position,
      ...(lostReason !== undefined ? { lostReason } : {}),
    });
    this.dispatchEvent(event);
    if (event.defaultPrevented) {
      this.#announce(t.t('board.vetoed', { name, stage: from.stage.name }));
      if (keyboard) void this.#focusCard(plan.from, plan.card.id);
      return;
    }
    const move: MovePlan = { ...plan, afterId: position.afterId, beforeId: position.beforeId };
    const before = { from, to };
    this.#moving.set(plan.card.id, move);
    this.columns = applyMove(this.columns, move, this.#showsCards);
    this.notice = undefined;
    const shows = this.#showsCards(plan.to);
    if (shows) {
      const total = this.columns.get(plan.to)!.figures.count;
      this.#announce(t.t('board.dropped', { name, stage: to.stage.name, position: plan.index + 1, total }));
      this.tabStop = { stageId: plan.to, cardId: plan.card.id };
      if (keyboard) void this.#focusCard(plan.to, plan.card.id);
    } else {
      this.#announce(t.t('board.droppedClosed', { name, stage: to.stage.name }));
      this.#fixTabStop(plan.from, plan.fromIndex);
      if (keyboard && this.tabStop) void this.#focusCard(this.tabStop.stageId, this.tabStop.cardId);
    }
    const generation = this.#generation;
    try {
      const body = {
        stageId: plan.to,
        ...(move.afterId ? { afterId: move.afterId } : {}),
        ...(move.beforeId ? { beforeId: move.beforeId } : {}),
        ...(event.detail.lostReason !== undefined ? { lostReason: event.detail.lostReason } : {}),
      };
      const saved = await client.opportunities.move(plan.card.id, body, { version: plan.card.version });
      if (generation !== this.#generation) return;
      this.#moving.delete(plan.card.id);
      this.columns = settleMove(this.columns, move, {
        version: saved.version,
        position: saved.position,
        name: saved.name,
        amount: saved.amount,
        currency: saved.currency,
        probability: saved.probability,
        expectedCloseDate: saved.expectedCloseDate,
        ownerId: saved.ownerId,
      });
      const moved = new CrmOpportunityMovedEvent(saved, this.#stage(plan.from), this.#stage(plan.to));
      this.dispatchEvent(moved);
      if (plan.from !== plan.to) await this.#refreshFigures([plan.from, plan.to]);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#moving.delete(plan.card.id);
      this.columns = revertMove(this.columns, move, before);
      this.notice = { message: this.#failureMessage(error, plan, from.stage.name, to.stage.name) };
      this.tabStop = { stageId: plan.from, cardId: plan.card.id };
      // The kit has the truth (e.g. the deal's latest version): read both columns again.
      this.#dirtyColumns.add(plan.from);
      if (plan.to !== plan.from) this.#dirtyColumns.add(plan.to);
    } finally {
      if (generation === this.#generation && this.#dirtyColumns.size) this.#scheduleFlush();
    }
  }

  #failureMessage(error: unknown, plan: MovePlan, fromName: string, toName: string): string {
    const t = this.localize;
    const params = { name: plan.card.name, stage: fromName, target: toName };
    if (error instanceof ApiError) {
      if (error.status === 412) return t.t('board.conflict', params);
      if (error.status === 409) return t.t('board.stale', params);
      if (error.status === 400 || error.status === 422) {
        const known = ['lostReason', 'amount', 'expectedCloseDate', 'contactId'];
        const fields = (error.problem.errors ?? []).map((e) => e.path.split('.')[0]!).filter((p) => known.includes(p));
        if (fields.length) {
          return t.t('board.invalid', {
            ...params,
            fields: t.list([...new Set(fields)].map((f) => t.t(`require.${f}` as MessageKey))),
          });
        }
        return t.t('board.invalidOther', { ...params, reason: error.problem.detail ?? error.problem.title });
      }
    }
    return t.t(MOVE_MESSAGES[failureOf(error)], params);
  }

  #askLostReason(name: string, stage: string): Promise<string | null> {
    this.#dialogAnswer?.(null);
    this.dialog = { name, stage, error: false };
    return new Promise((resolve) => {
      this.#dialogAnswer = resolve;
      void this.updateComplete.then(() => {
        const dialog = this.dialogElement;
        if (!dialog) return resolve(null);
        const input = dialog.querySelector<HTMLInputElement>('input[name="reason"]');
        if (input) input.value = '';
        if (!dialog.open) dialog.showModal();
        input?.focus();
      });
    });
  }

  #answerDialog(reason: string | null): void {
    const answer = this.#dialogAnswer;
    this.#dialogAnswer = undefined;
    this.dialog = undefined;
    if (this.dialogElement?.open) this.dialogElement.close();
    answer?.(reason);
  }

  #onDialogSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = this.dialogElement?.querySelector<HTMLInputElement>('input[name="reason"]');
    const reason = input?.value.trim() ?? '';
    if (!reason || reason.length > 200) {
      this.dialog = { ...this.dialog!, error: true };
      input?.focus();
      return;
    }
    this.#answerDialog(reason);
  };

  #onDialogCancel = (event: Event) => {
    event.preventDefault();
    this.#answerDialog(null);
  };

  #onDialogCancelClick = () => this.#answerDialog(null);

  #onDialogClose = () => {
    if (this.#dialogAnswer) this.#answerDialog(null);
  };

  // ---------------------------------------------------------------------------------------------
  // Keyboard

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const origin = event.composedPath()[0] as HTMLElement | undefined;
    if (this.lift) return;
    const cardId = origin?.dataset?.id;
    const stageId = origin?.dataset?.stage;
    if (!cardId || !stageId || !origin.classList.contains('card')) return;
    const column = this.#column(stageId);
    const items = column?.items ?? [];
    const index = items.findIndex((card) => card.id === cardId);
    const open = this.#targets().filter((id) => this.#showsCards(id));
    switch (event.key) {
      case ' ':
      case 'Enter': {
        event.preventDefault();
        const card = items[index];
        if (!card || this.columns.get(stageId)?.pending.has(card.id)) return;
        this.lift = { plan: { card, from: stageId, fromIndex: index, to: stageId, index } };
        const t = this.localize;
        const total = this.columns.get(stageId)!.figures.count;
        this.#announce(
          t.t('board.lifted', {
            name: card.name,
            stage: this.columns.get(stageId)!.stage.name,
            position: index + 1,
            total,
          }),
        );
        void this.#focusCard(stageId, card.id);
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
        if (event.key === 'ArrowDown' && index === items.length - 1) void this.#loadMore(stageId);
        const card = items[next];
        if (card) void this.#focusCard(stageId, card.id);
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        const step = (event.key === 'ArrowRight') !== this.#rtl() ? 1 : -1;
        for (let i = open.indexOf(stageId) + step; i >= 0 && i < open.length; i += step) {
          const cards = this.#column(open[i]!)?.items ?? [];
          const card = cards[Math.min(index, cards.length - 1)];
          if (card) {
            void this.#focusCard(open[i]!, card.id);
            return;
          }
        }
        return;
      }
    }
  };

  #onWindowKeyDown = (event: KeyboardEvent) => {
    if (this.lift && !event.defaultPrevented && !event.altKey && !event.ctrlKey && !event.metaKey) {
      this.#onLiftedKey(event);
    }
  };

  #onWindowPointerDown = () => {
    if (this.lift) this.#cancelLift(true);
  };

  #onLiftedKey(event: KeyboardEvent): void {
    const lift = this.lift!;
    const { plan } = lift;
    const targets = this.#targets();
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        this.#cancelLift(true);
        return;
      case 'Tab':
        this.#cancelLift(true);
        return;
      case ' ':
      case 'Enter':
        event.preventDefault();
        this.lift = undefined;
        void this.#move(plan, { keyboard: true });
        return;
      case 'ArrowUp':
      case 'ArrowDown': {
        event.preventDefault();
        if (!this.#showsCards(plan.to)) return;
        const length = this.#lengthWithout(plan.to, plan.card.id);
        const index = Math.max(0, Math.min(length, plan.index + (event.key === 'ArrowDown' ? 1 : -1)));
        if (event.key === 'ArrowDown' && index === length) void this.#loadMore(plan.to);
        this.#liftTo(plan.to, index);
        return;
      }
      case 'Home':
      case 'End': {
        event.preventDefault();
        if (!this.#showsCards(plan.to)) return;
        this.#liftTo(plan.to, event.key === 'Home' ? 0 : this.#lengthWithout(plan.to, plan.card.id));
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        const step = (event.key === 'ArrowRight') !== this.#rtl() ? 1 : -1;
        const next = targets[targets.indexOf(plan.to) + step];
        if (!next) return;
        const index = this.#showsCards(next) ? Math.min(plan.index, this.#lengthWithout(next, plan.card.id)) : 0;
        this.#liftTo(next, index);
        return;
      }
    }
  }

  #lengthWithout(stageId: string, cardId: string): number {
    const cards = this.columns.get(stageId)?.cards ?? [];
    return cards.filter((card) => card.id !== cardId).length;
  }

  #liftTo(stageId: string, index: number): void {
    const plan = this.lift!.plan;
    if (plan.to === stageId && plan.index === index) return;
    this.lift = { plan: { ...plan, to: stageId, index } };
    const t = this.localize;
    const column = this.columns.get(stageId)!;
    const name = plan.card.name;
    if (this.#showsCards(stageId)) {
      const total = this.#lengthWithout(stageId, plan.card.id) + 1;
      const count = Math.max(total, column.figures.count + (plan.from === stageId ? 0 : 1));
      this.#announce(t.t('board.over', { name, stage: column.stage.name, position: index + 1, total: count }));
      void this.#focusCard(stageId, plan.card.id);
    } else {
      const key = column.stage.kind === 'won' ? 'board.overWon' : 'board.overLost';
      this.#announce(t.t(key, { name, stage: column.stage.name }));
      void this.updateComplete.then(() => this.#zone(stageId)?.focus());
    }
  }

  #cancelLift(announce: boolean): void {
    const lift = this.lift;
    if (!lift) return;
    this.lift = undefined;
    const { plan } = lift;
    if (announce) {
      const stage = this.columns.get(plan.from)?.stage.name ?? '';
      this.#announce(this.localize.t('board.cancelled', { name: plan.card.name, stage }));
      void this.#focusCard(plan.from, plan.card.id);
    }
  }

  async #focusCard(stageId: string, cardId: string): Promise<void> {
    this.tabStop = { stageId, cardId };
    await this.updateComplete;
    await this.#column(stageId)?.focusCard(cardId);
  }

  /** Keeps one card the board's tab stop: the one it was, else one near where it was, else the first. */
  #fixTabStop(stageId?: string, index = 0): void {
    const current = this.tabStop;
    if (current && this.columns.get(current.stageId)?.cards.some((card) => card.id === current.cardId)) return;
    const near = stageId ?? current?.stageId;
    const column = near ? this.columns.get(near) : undefined;
    const card = column?.cards[Math.min(index, column.cards.length - 1)];
    if (column && card) {
      this.tabStop = { stageId: column.stage.id, cardId: card.id };
      return;
    }
    for (const c of this.columns.values()) {
      if (c.stage.kind === 'open' && c.cards[0]) {
        this.tabStop = { stageId: c.stage.id, cardId: c.cards[0].id };
        return;
      }
    }
    this.tabStop = undefined;
  }

  #rtl(): boolean {
    return getComputedStyle(this).direction === 'rtl';
  }

  // ---------------------------------------------------------------------------------------------
  // Pointer (mouse, pen and touch)

  #onPointerDown = (event: PointerEvent) => {
    if (this.lift || this.#press || !event.isPrimary || event.button !== 0) return;
    const card = event.composedPath().find((node) => node instanceof HTMLElement && node.classList.contains('card')) as
      HTMLElement | undefined;
    const cardId = card?.dataset.id;
    const stageId = card?.dataset.stage;
    if (!card || !cardId || !stageId || this.columns.get(stageId)?.pending.has(cardId)) return;
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
    const drag = this.drag;
    if (press.dragging && drag) {
      this.#updateOver();
      const over = this.drag?.over;
      const column = this.columns.get(drag.stageId);
      const fromIndex = column?.cards.findIndex((card) => card.id === drag.cardId) ?? -1;
      const card = column?.cards[fromIndex];
      this.#endPress();
      if (over && card) {
        void this.#move(
          { card, from: drag.stageId, fromIndex, to: over.stageId, index: over.index },
          { keyboard: false },
        );
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
    this.drag = { cardId: press.cardId, stageId: press.stageId };
    this.#track();
  }

  #track(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const press = this.#press;
      if (!press?.dragging) return;
      this.#placeGhost();
      this.#updateOver();
      // Keep scrolling while the pointer rests near an edge.
      if (this.#autoScroll()) this.#track();
    });
  }

  #placeGhost(): void {
    const press = this.#press;
    const ghost = this.ghost;
    if (!press || !ghost) return;
    ghost.style.transform = `translate(${press.x - press.offsetX}px, ${press.y - press.offsetY}px)`;
  }

  #updateOver(): void {
    const press = this.#press;
    const drag = this.drag;
    if (!press || !drag) return;
    let over: { stageId: string; index: number } | undefined;
    for (const zone of this.renderRoot.querySelectorAll<HTMLElement>('.zone')) {
      if (inside(zone.getBoundingClientRect(), press.x, press.y)) over = { stageId: zone.dataset.stage!, index: 0 };
    }
    if (!over) {
      for (const column of this.renderRoot.querySelectorAll<CrmPipelineColumn>('crm-pipeline-column')) {
        const box = column.getBoundingClientRect();
        if (press.x >= box.left && press.x <= box.right && press.y >= box.top - 24 && press.y <= box.bottom + 24) {
          const stageId = column.dataset.stage!;
          over = { stageId, index: column.indexAt(press.y, stageId === drag.stageId ? drag.cardId : null) };
        }
      }
    }
    const previous = drag.over;
    if (previous?.stageId !== over?.stageId || previous?.index !== over?.index) this.drag = { ...drag, over };
  }

  #autoScroll(): boolean {
    const press = this.#press;
    const columns = this.columnsElement;
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
    const over = this.drag?.over;
    const column = over ? this.#column(over.stageId) : null;
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
    if (this.drag) this.drag = undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Filters and the rest

  #onOwnerChange = (event: Event) => {
    this.ownerId = (event.target as HTMLSelectElement).value;
  };
  #onMineChange = (event: Event) => {
    this.mine = (event.target as HTMLInputElement).checked;
  };
  #onCloseFromChange = (event: Event) => {
    this.closeFrom = (event.target as HTMLInputElement).value;
  };
  #onCloseToChange = (event: Event) => {
    this.closeTo = (event.target as HTMLInputElement).value;
  };
  #onTagChange = (event: Event) => {
    this.tag = (event.target as HTMLInputElement).value.trim();
  };
  #onClear = () => {
    this.ownerId = '';
    this.mine = false;
    this.closeFrom = '';
    this.closeTo = '';
    this.tag = '';
  };

  #onRetry = () => this.reload();

  #onFiltersToggle = () => {
    this.filtersOpen = !this.filtersOpen;
  };

  #onDismiss = () => {
    this.notice = undefined;
  };

  #announce(message: string): void {
    this.announcement = message;
  }
}

function inside(box: DOMRect, x: number, y: number): boolean {
  return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
}

define('crm-pipeline-board', CrmPipelineBoard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-pipeline-board': CrmPipelineBoard;
  }
}
