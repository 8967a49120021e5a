import type { BoardFilters } from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls, filterRow, notice } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { dialogStyles } from '../shared/dialog.styles.js';
import { CrmOpportunitySelectEvent, type CrmRecordCreatedEvent } from '../shared/events.js';
import { plusIcon } from '../shared/icons.js';
import { RecordCreator } from '../shared/record-creator.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { TYPING_PAUSE_MS } from '../shared/typing.js';
// Registers <crm-pipeline-column>, which the board's template renders (the types below are erased).
import './board-column.js';
import type { ColumnHost } from './board-column.js';
import { BoardData } from './board-data.js';
import { BoardDrag } from './board-drag.js';
import { BoardKeyboard, columnElement } from './board-keyboard.js';
import { BoardMoves } from './board-moves.js';
import { openFigures } from './board-state.js';
import { BoardStore, type BoardContext } from './board-store.js';
import { ColumnPreviews, renderColumn, renderDialog, renderGhost, renderZone } from './board.template.js';
import { renderFilters } from './filters.template.js';
import { PIPELINE_FAILURES } from '../shared/failure.js';
import { moneyText, plural } from '../shared/format.js';
import { styles } from './pipeline-board.styles.js';
import { renderError, renderSkeleton } from './states.template.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.board, en.card, en.deals, en.filter, en.form, en.pipeline);

/**
 * A pipeline as a board: a column per open stage with its count and amounts (per currency and
 * converted into the organization's base currency), the deals as cards, and the closed stages
 * (won, lost) as drop zones. Columns load their first page of cards with the board and more as
 * they scroll, and render only the cards in view, so a board of 10,000 deals opens as fast as one
 * of 100.
 *
 * Deals move by mouse, touch (long press) or keyboard (Space lifts a deal, the arrow
 * keys move it across and within columns, Space or Enter drops it, Escape puts it back), each
 * step announced to screen readers. A move shows at once and is sent to the kit with the
 * version the card was read at; if the kit refuses it (someone changed the deal meanwhile, or
 * the stage needs something the deal lacks) the deal goes back and a notice says why. Stages
 * that require a lost reason ask for it in a dialog. Changes made by other people arrive live
 * and refresh only the columns they touch. A click on a card, or Enter on it, opens the deal: the
 * board fires `crm-opportunity-select` for the host to show it (e.g. in `<crm-opportunity-card>`).
 *
 * Inside a `<crm-provider>` the board offers what the caller may do: a viewer's deals do not
 * move, the owner filter lists the owners whose deals the caller sees, and a caller who may
 * create deals gets "New deal" in the header and a "+" on each column, which open a
 * `<crm-record-form>` (the column's stage chosen); the new deal shows in its column at once.
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
 * @csspart create-button - The "New deal" button.
 * @csspart add-button - A column's "+" for a new deal in its stage.
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
 * @cssproperty [--crm-board-height=576px] - The board's height; columns scroll within it.
 * @cssproperty [--crm-board-column-width=272px] - The width of a column; on a wide board columns grow up to half as wide again to fill it.
 * @cssproperty [--crm-board-column-background=var(--crm-color-surface-muted)] - The background of a column.
 * @cssproperty [--crm-font-family=inherit] - Font family; by default the page's.
 * @cssproperty [--crm-color-text=CanvasText] - Main text colour.
 * @cssproperty [--crm-color-text-muted=color-mix(in srgb, CanvasText 68%, Canvas)] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas))] - The board's and cards' background.
 * @cssproperty [--crm-color-surface-muted=color-mix(in srgb, CanvasText 7%, Canvas)] - Columns and skeleton.
 * @cssproperty [--crm-color-border=color-mix(in srgb, CanvasText 16%, Canvas)] - Borders and dividers.
 * @cssproperty [--crm-color-field=light-dark(Canvas, color-mix(in srgb, CanvasText 3%, Canvas))] - Background of inputs, selects and text areas.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Focus ring, drop indicator, owner badges.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Errors, overdue dates, the lost zone.
 * @cssproperty [--crm-color-success=light-dark(#15803d, #4ade80)] - The won zone.
 * @cssproperty [--crm-radius=8px] - Corner radius of columns and cards.
 * @cssproperty [--crm-spacing=16px] - The base spacing unit.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - The cards' shadow.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused cards and controls.
 *
 * @fires {CrmOpportunityMoveEvent} crm-opportunity-move - A deal was dropped in a new place, before the move is sent. Cancelable: `preventDefault()` puts it back. `detail`: `opportunity` (the card), `from`, `to` (stages), `position` (`index`, `afterId`, `beforeId`), `lostReason` (settable).
 * @fires {CrmOpportunityMovedEvent} crm-opportunity-moved - The kit saved a move; `detail.opportunity` is the saved deal.
 * @fires {CrmOpportunitySelectEvent} crm-opportunity-select - The user opened a deal: a click on its card, or Enter on the focused card. `detail.opportunity` is the card.
 */
export class CrmPipelineBoard extends CrmElement {
  static override styles = [tokens, buttons, controls, filterRow, states, notice, dialogStyles, styles];

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

  /** On a narrow screen the filters fold away behind a button; whether they are shown. */
  @state() private filtersOpen = false;

  readonly #store = new BoardStore(this);
  readonly #context: BoardContext = {
    client: () => this.client,
    localize: () => this.localize,
    pipelineId: () => this.pipelineId.trim(),
    filters: () => this.filters,
    pageSize: () => Math.min(100, Math.max(1, Math.round(this.pageSize) || 20)),
    mayMove: () => this.may('opportunities', 'move'),
  };
  readonly #data = new BoardData(this, this.#store, this.#context, () => this.#keyboard.cancelLift(false));
  readonly #moves = new BoardMoves(this, this.#store, this.#context, this.#data);
  readonly #keyboard = new BoardKeyboard(this, this.#store, this.#context, this.#data, this.#moves);
  readonly #drag = new BoardDrag(this, this.#store, this.#moves, this.#context.mayMove);
  readonly #previews = new ColumnPreviews();
  readonly #creator = new RecordCreator(this, 'opportunity');
  /** Applies the tag typed so far once typing pauses. */
  #tagTimer?: ReturnType<typeof setTimeout>;
  readonly #columnHost: ColumnHost = {
    loadMore: (stageId) => void this.#data.loadMore(stageId),
    create: (stageId) => this.#create(stageId),
  };

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

  /**
   * Shows a stage's deals (e.g. the funnel stage a user chose): scrolls its column into view and
   * focuses its first card, or its heading when it has none. False when the stage is no column of
   * the board as loaded (a closed stage, another pipeline's, or the board still loading).
   */
  async showStage(stageId: string): Promise<boolean> {
    await this.updateComplete;
    const column = this.#store.columns.get(stageId);
    const element = columnElement(this, stageId);
    if (!column || !element) return false;
    const first = column.cards[0];
    if (first) await this.#keyboard.focusCard(stageId, first.id);
    else await element.focusHeading();
    return true;
  }

  /** Loads the board again, keeping nothing (what "Try again" does). */
  reload(): void {
    this.#data.reload();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('crm-record-created', this.#onCreated);
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#tagTimer);
    document.removeEventListener('crm-record-created', this.#onCreated);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#data.sync();
  }

  protected override render() {
    const t = this.localize;
    const view = this.#store.view;
    let content: TemplateResult;
    switch (view.status) {
      case 'unconfigured':
        content = renderError(t, t.t('card.notConnected'));
        break;
      case 'loading':
        content = renderSkeleton(t);
        break;
      case 'none':
        content = html`<p part="empty" class="empty-state">${t.t('pipeline.none')}</p>`;
        break;
      case 'error': {
        const [message, detail] = PIPELINE_FAILURES[view.failure];
        const retry = view.failure !== 'notFound' ? this.#onRetry : undefined;
        content = renderError(t, t.t(message), detail && t.t(detail), retry);
        break;
      }
      case 'loaded':
        content = this.#renderBoard(t);
        break;
    }
    return html`<div lang=${t.locale} class="root">
      ${content}
      <div role="status" class="visually-hidden">${this.#store.announcement}</div>
    </div>`;
  }

  #renderBoard(t: Localizer) {
    const store = this.#store;
    const meta = store.meta!;
    const all = [...store.columns.values()];
    const open = all.filter((column) => column.stage.kind === 'open');
    const closed = all.filter((column) => column.stage.kind !== 'open');
    const figures = openFigures(store.columns, meta.baseCurrency);
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const filters = this.filters;
    const filtered = Object.keys(filters).length > 0;
    const base = meta.baseCurrency;
    const drag = store.drag;
    const dragged = drag && store.columns.get(drag.stageId)?.cards.find((c) => c.id === drag.cardId);
    const addable = this.offersCreate('opportunities');
    const movable = this.may('opportunities', 'move');
    return html`<div
      part="base"
      class=${classMap({ board: true, dragging: Boolean(drag || store.lift), reloading: store.reloading })}
      aria-busy=${store.reloading ? 'true' : nothing}
      @keydown=${this.#keyboard.onKeyDown}
      @pointerdown=${this.#drag.onPointerDown}
      @click=${this.#onClick}
    >
      <div part="header" class="header">
        <div class="title-row">
          <div part="heading" class="heading" role="heading" aria-level=${level}>${meta.name}</div>
          <p part="summary" class="summary">
            <span class="summary-count">${plural(t, figures.count, 'deals.one', 'deals.other')}</span>
            <span class="summary-sum">${moneyText(t, { amount: figures.converted.sum, currency: base })}</span>
            <span class="summary-weighted" title=${t.t('board.weightedHint')}
              >${t.t('board.weighted', {
                amount: moneyText(t, { amount: figures.converted.weighted, currency: base }, figures.converted.sum),
              })}</span
            >
          </p>
          <div class="actions">
            <slot name="actions"></slot>
            ${
              addable
                ? html`<button part="create-button" class="button primary" type="button" @click=${() => this.#create()}>
                    ${plusIcon()}${t.t('form.newDeal')}
                  </button>`
                : nothing
            }
            <button
              class="button filters-toggle"
              type="button"
              aria-expanded=${this.filtersOpen ? 'true' : 'false'}
              aria-controls="filters"
              @click=${this.#onFiltersToggle}
            >
              ${t.t('filter.label')}${filtered ? ` (${Object.keys(filters).length})` : ''}
            </button>
          </div>
        </div>
        ${renderFilters(t, {
          open: this.filtersOpen,
          owners: new Map([...store.owners].filter(([id]) => this.seesOwner(id))),
          ownerId: this.ownerId,
          mine: this.mine,
          closeFrom: this.closeFrom,
          closeTo: this.closeTo,
          tag: this.tag,
          active: filters,
          set: (patch) => {
            clearTimeout(this.#tagTimer);
            Object.assign(this, patch);
          },
          typeTag: (text) => {
            clearTimeout(this.#tagTimer);
            this.#tagTimer = setTimeout(() => (this.tag = text), TYPING_PAUSE_MS);
          },
        })}
      </div>
      <div role="alert" class="notice-region">
        ${
          store.notice
            ? html`<div part="notice" class="notice">
                <p>${store.notice}</p>
                <button class="link-button" type="button" @click=${this.#onDismiss}>${t.t('board.dismiss')}</button>
              </div>`
            : nothing
        }
      </div>
      <div part="columns" class="columns" exportparts="column, column-header, cards, card, column-empty">
        ${open.map((column) =>
          renderColumn(t, store, column, {
            level: level + 1,
            filtered,
            preview: this.#previews.for(column.stage.id, store.lift),
            host: this.#columnHost,
            movable,
            addable,
          }),
        )}
      </div>
      ${
        closed.length
          ? html`<div part="zones" class="zones" role="group" aria-label=${t.t('board.closed')}>
              ${closed.map((column) => renderZone(t, store, column))}
            </div>`
          : nothing
      }
      ${renderGhost(t, dragged, this.#drag.ghostWidth)} ${renderDialog(t, this.#moves)}
    </div>`;
  }

  #onRetry = () => this.reload();

  /** Opens the new deal form, in a column's stage or the first open one. */
  #create(stageId = '') {
    const meta = this.#store.meta;
    if (!meta) return;
    void this.#creator.open({ pipelineId: meta.pipelineId, stageId, currency: meta.baseCurrency });
  }

  /** A deal created anywhere on the page (this board's form or another) shows in its column at once. */
  #onCreated = (event: Event) => {
    const { resource, record } = (event as CrmRecordCreatedEvent).detail;
    if (resource === 'opportunity' && record.pipelineId === this.#store.meta?.pipelineId) {
      this.#data.refreshColumns([String(record.stageId)]);
    }
  };

  #onFiltersToggle = () => {
    this.filtersOpen = !this.filtersOpen;
  };

  #onDismiss = () => {
    this.#store.notice = undefined;
  };

  /** A click on a card opens its deal, unless it ends a drag. */
  #onClick = (event: MouseEvent) => {
    if (this.#drag.justDropped || this.#store.lift) return;
    const card = event
      .composedPath()
      .find((node): node is HTMLElement => node instanceof HTMLElement && node.classList.contains('card'));
    const { id, stage } = card?.dataset ?? {};
    const deal = stage ? this.#store.columns.get(stage)?.cards.find((c) => c.id === id) : undefined;
    if (deal) this.dispatchEvent(new CrmOpportunitySelectEvent(deal));
  };
}

define('crm-pipeline-board', CrmPipelineBoard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-pipeline-board': CrmPipelineBoard;
  }
}
