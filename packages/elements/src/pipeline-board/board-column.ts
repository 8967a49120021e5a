import type { BoardCard } from '@crmkit/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { buttons } from '../shared/buttons.styles.js';
import { define } from '../shared/define.js';
import { plusIcon } from '../shared/icons.js';
import { localizer, type CrmLocale, type Localizer, type MessageKey, useEnglish } from '../shared/localize.js';
import { tokens } from '../shared/tokens.js';
import { styles } from './board-column.styles.js';
import type { ColumnState } from './board-state.js';
import { initials, moneyText, plural, separator, shortDay } from '../shared/format.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.board, en.deals, en.form);

/** What the board does for its columns. */
export interface ColumnHost {
  /** The column was scrolled near the end of its loaded cards (or asked to retry). */
  loadMore(stageId: string): void;
  /** The column's "+" was pressed: a new deal in its stage. */
  create(stageId: string): void;
}

/** A deal being moved from the keyboard, as one column shows it. */
export interface ColumnPreview {
  /** The card lifted out of this column. */
  removeId?: string;
  /** The lifted card, shown at `index` of this column's cards. */
  insert?: { card: BoardCard; index: number };
}

const NO_OWNERS: ReadonlyMap<string, string> = new Map();
/** Ask for the next page this many cards before the end of what is loaded. */
const LOAD_AHEAD = 8;
/** Cards rendered above and below the ones in view, so a quick scroll shows no gap. */
const OVERSCAN = 4;
/** A card's height (with its gap) until one is measured. */
const ROW_ESTIMATE = 100;

/**
 * One column of `<crm-pipeline-board>`: a stage's heading and figures, and its cards in a list
 * that scrolls on its own, renders only the cards in view (cards are all one height, so the
 * list is a window over fixed rows) and asks the board for more as it nears the end. Internal
 * to the board, which hands it everything it shows; a column renders again only when something
 * it shows changes.
 *
 * @summary A column of the pipeline board (internal).
 * @tag crm-pipeline-column
 * @csspart column - The column's box.
 * @csspart column-header - The stage's name, count and amounts.
 * @csspart cards - The scrolling list of cards.
 * @csspart card - One deal.
 * @csspart add-button - The "+" that creates a deal in the column's stage.
 */
export class CrmPipelineColumn extends LitElement {
  static override styles = [tokens, buttons, styles];

  /** The column's stage, figures and loaded cards. */
  @property({ attribute: false }) column?: ColumnState;
  @property({ attribute: false }) locale: CrmLocale = 'en';
  /** Owner names by user id. */
  @property({ attribute: false }) owners: ReadonlyMap<string, string> = NO_OWNERS;
  /** The card that is the board's tab stop, when it is in this column. */
  @property({ attribute: false }) tabStop: string | null = null;
  @property({ attribute: false }) preview?: ColumnPreview;
  /** Where a dragged card would land (an index into the cards without it); -1 when none. */
  @property({ attribute: false }) dropIndex = -1;
  /** The card being dragged out of this column, if any. */
  @property({ attribute: false }) dragging: string | null = null;
  /** Whether the board's filters narrow what is shown. */
  @property({ attribute: false }) filtered = false;
  @property({ attribute: false }) headingLevel = 3;
  @property({ attribute: false }) host?: ColumnHost;
  /** Whether its cards can be moved (else they say nothing of how). */
  @property({ attribute: false }) movable = true;
  /** Whether it offers "+" for a new deal in its stage. */
  @property({ attribute: false }) addable = false;

  @query('.cards') private list?: HTMLElement;
  /** The rows rendered: those in view and a few around them. */
  @state() private range = { first: 0, last: OVERSCAN * 2 };
  /** The height of a row (a card and its gap), as measured. */
  @state() private rowHeight = ROW_ESTIMATE;

  #items: readonly BoardCard[] = [];
  #today = today();
  #indexOf = new Map<string, number>();

  /** The cards as shown: the loaded ones, with a lifted card taken out or put in. */
  get items(): readonly BoardCard[] {
    return this.#items;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('column') || changed.has('preview')) {
      let items = this.column?.cards ?? [];
      const { removeId, insert } = this.preview ?? {};
      if (removeId) items = items.filter((card) => card.id !== removeId);
      if (insert) items = [...items.slice(0, insert.index), insert.card, ...items.slice(insert.index)];
      this.#items = items;
      this.#indexOf = new Map(items.map((card, index) => [card.id, index]));
    }
    // What is in view of the new cards (read before rendering them, so there is one render).
    if (changed.has('column') || changed.has('preview') || (changed as Map<PropertyKey, unknown>).has('rowHeight')) {
      this.#updateRange();
    }
  }

  protected override render() {
    const column = this.column;
    if (!column) return nothing;
    const t = localizer(this.locale);
    this.#today = today();
    const { stage, figures } = column;
    const count = figures.count + (this.preview?.insert ? 1 : 0) - (this.preview?.removeId ? 1 : 0);
    const empty = this.#items.length === 0 && !column.nextCursor;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    return html`
      <section part="column" class="column" aria-labelledby="title" lang=${t.locale}>
        <header part="column-header" class="head">
          <div class="title-row">
            <div id="title" class="title" role="heading" aria-level=${level} tabindex="-1">
              <span class="name">${stage.name}</span
              ><span class="visually-hidden">, ${plural(t, figures.count, 'deals.one', 'deals.other')}</span>
            </div>
            ${this.#renderProbability(t)}
            <span class="count" aria-hidden="true">${t.number(figures.count)}</span>
            ${
              this.addable
                ? html`<button
                    part="add-button"
                    class="add"
                    type="button"
                    aria-label=${t.t('form.newDealIn', { stage: stage.name })}
                    title=${t.t('form.newDealIn', { stage: stage.name })}
                    @click=${() => this.host?.create(stage.id)}
                  >
                    ${plusIcon()}
                  </button>`
                : nothing
            }
          </div>
          ${this.#renderFigures(t)}
        </header>
        <div class=${classMap({ body: true, 'drop-empty': this.dropIndex >= 0 && this.#dropLength() === 0 })}>
          <div
            part="cards"
            class="cards"
            role="list"
            aria-label=${t.t('board.cards', { stage: stage.name })}
            aria-busy=${column.loadingMore ? 'true' : 'false'}
            @scroll=${this.#onScroll}
          >
            <div class="sizer" style=${styleMap({ blockSize: `${this.#items.length * this.rowHeight}px` })}></div>
            ${repeat(
              this.#items.slice(this.range.first, this.range.last + 1),
              (card) => card.id,
              (card, offset) => this.#renderCard(t, card, this.range.first + offset, count),
            )}
          </div>
          ${
            empty
              ? html`<p part="column-empty" class="empty">
                  ${t.t(this.filtered ? 'board.emptyFiltered' : 'board.empty')}
                </p>`
              : nothing
          }
        </div>
        ${column.loadingMore ? html`<p class="more" role="status">${t.t('board.loadingMore')}</p>` : nothing}
        ${
          column.moreFailed
            ? html`<p class="more failed">
                ${t.t('board.moreFailed')}
                <button class="link-button" type="button" @click=${this.#onRetryMore}>${t.t('action.retry')}</button>
              </p>`
            : nothing
        }
        ${this.movable ? html`<span id="how-to" class="visually-hidden">${t.t('board.howTo')}</span>` : nothing}
      </section>
    `;
  }

  #renderProbability(t: Localizer) {
    const probability = t.number(this.column!.stage.probability / 100, { style: 'percent' });
    const label = t.t('board.probability', { percent: probability });
    return html`<span class="probability" title=${label}
      ><span aria-hidden="true">${probability}</span><span class="visually-hidden">${label}</span></span
    >`;
  }

  #renderFigures(t: Localizer) {
    const { figures } = this.column!;
    const { converted, totals } = figures;
    const foreign = totals.length > 1 || (totals.length === 1 && totals[0]!.currency !== converted.currency);
    const sum = converted.sum;
    return html`<div class="figures" ?data-estimated=${this.column!.estimated}>
      <div class="amounts">
        <span class="sum">${moneyText(t, { amount: sum, currency: converted.currency })}</span>
        <span class="weighted" title=${t.t('board.weightedHint')}
          >${t.t('board.weighted', {
            amount: moneyText(t, { amount: converted.weighted, currency: converted.currency }, sum),
          })}</span
        >
      </div>
      ${
        foreign
          ? html`<ul class="currencies">
              ${totals.map(
                (total) =>
                  html`<li>
                    ${moneyText(t, { amount: total.sum, currency: total.currency })}<span class="muted"
                      >${separator(t)}${plural(t, total.count, 'deals.one', 'deals.other')}</span
                    >
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        converted.missingRates.length
          ? html`<p class="missing">${t.t('board.noRate', { currencies: t.list(converted.missingRates) })}</p>`
          : nothing
      }
    </div>`;
  }

  #renderCard(t: Localizer, card: BoardCard, index: number, count: number) {
    const column = this.column!;
    const pending = column.pending.has(card.id);
    const lifted = this.preview?.insert?.card.id === card.id;
    const owner = card.ownerId ? this.owners.get(card.ownerId) : undefined;
    const amount = moneyText(t, { amount: card.amount, currency: card.currency });
    const overdue = Boolean(card.expectedCloseDate && card.expectedCloseDate < this.#today);
    const customer = card.customerName ?? t.t('board.hiddenCustomer');
    const dropIndex = this.dropIndex;
    // Indicator positions count the cards without the dragged one.
    const withoutDragged = this.#dropIndexOf(card.id);
    // The card's name comes from its text: what a screen reader says is what a sighted user reads,
    // with the words the eye does not need ("Closes", the owner's full name) in hidden text.
    const comma = html`<span class="visually-hidden">${separator(t)}</span>`;
    return html`<div
      class="item"
      role="listitem"
      aria-posinset=${index + 1}
      aria-setsize=${Math.max(count, index + 1)}
      style=${styleMap({ transform: `translateY(${index * this.rowHeight}px)` })}
    >
      <div
        part="card"
        class=${classMap({
          card: true,
          pending,
          lifted,
          dragging: this.dragging === card.id,
          'drop-before': dropIndex >= 0 && withoutDragged === dropIndex,
          'drop-after':
            dropIndex >= 0 &&
            withoutDragged >= 0 &&
            withoutDragged === dropIndex - 1 &&
            dropIndex === this.#dropLength(),
        })}
        role="button"
        tabindex=${this.tabStop === card.id ? 0 : -1}
        data-id=${card.id}
        data-stage=${column.stage.id}
        aria-describedby=${ifDefined(this.movable ? 'how-to' : undefined)}
        aria-disabled=${ifDefined(pending ? 'true' : undefined)}
      >
        <div class="card-top">
          <div class="card-name">${card.name}${comma}</div>
          ${owner ? html`<span class="owner" title=${owner} aria-hidden="true">${initials(owner)}</span>` : nothing}
        </div>
        <div class="card-customer">${customer}${comma}</div>
        <div class="card-foot">
          <span class="card-amount">${amount}</span>
          ${
            pending
              ? html`<span class="card-close">${comma}${t.t('board.saving')}</span>`
              : card.expectedCloseDate
                ? html`<span class=${classMap({ 'card-close': true, overdue })}
                    >${comma}${withHidden(t, 'board.closes', 'date', shortDay(t, card.expectedCloseDate, this.#today))}</span
                  >`
                : html`<span class="visually-hidden">${comma}${t.t('board.noClose')}</span>`
          }
          ${
            owner
              ? html`<span class="visually-hidden">${comma}${t.t('board.ownedBy', { name: owner })}</span>`
              : nothing
          }
        </div>
      </div>
    </div>`;
  }

  /** The index of a card among the shown cards without the one being dragged. */
  #dropIndexOf(id: string): number {
    const index = this.#indexOf.get(id) ?? -1;
    if (!this.dragging) return index;
    const dragged = this.#indexOf.get(this.dragging);
    if (dragged === undefined) return index;
    if (id === this.dragging) return -2;
    return index > dragged ? index - 1 : index;
  }

  #dropLength(): number {
    return this.#items.length - (this.dragging && this.#indexOf.has(this.dragging) ? 1 : 0);
  }

  #frame = 0;
  #onScroll = () => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#updateRange();
    });
  };

  /** The rows in view (and a few around them), from the list's scroll position and height. */
  #updateRange(): void {
    const list = this.list;
    if (!list) return;
    const row = this.rowHeight;
    const count = this.#items.length;
    const top = Math.floor(list.scrollTop / row);
    const bottom = Math.ceil((list.scrollTop + list.clientHeight) / row);
    const first = Math.max(0, Math.min(top, count - 1) - OVERSCAN);
    const last = Math.max(first, Math.min(count - 1, bottom + OVERSCAN));
    if (first !== this.range.first || last !== this.range.last) this.range = { first, last };
    // Near the end of what is loaded: ask for the next page.
    const column = this.column;
    if (column?.nextCursor && !column.loadingMore && !column.moreFailed && bottom >= count - LOAD_AHEAD) {
      this.host?.loadMore(column.stage.id);
    }
  }

  #resize = new ResizeObserver(() => {
    // The list's height changed (or the page's font loaded): measure a card again and see what is in view.
    this.#measure();
    this.#updateRange();
  });

  #measure(): void {
    const item = this.renderRoot.querySelector<HTMLElement>('.item');
    const height = item?.offsetHeight;
    if (height && Math.abs(height - this.rowHeight) > 0.5) this.rowHeight = height;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.list) this.#resize.observe(this.list);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  protected override firstUpdated(): void {
    if (this.list) this.#resize.observe(this.list);
  }

  #onRetryMore = () => {
    if (this.column) this.host?.loadMore(this.column.stage.id);
  };

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Cards are measured once they are on screen (and again when the list resizes).
    if (this.rowHeight === ROW_ESTIMATE && changed.has('column') && this.#items.length) {
      requestAnimationFrame(() => this.#measure());
    }
  }

  /** The element of a shown card, if it is rendered (the list renders only what is near view). */
  cardElement(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
  }

  /** Scrolls the column into view and focuses its heading (where a keyboard lands on a column without cards). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus({ preventScroll: true });
    this.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /** Scrolls a card into view (rendering it first if it was not) and focuses it. */
  async focusCard(id: string): Promise<boolean> {
    await this.updateComplete;
    const index = this.#indexOf.get(id);
    if (index === undefined) return false;
    const list = this.list;
    if (list) {
      // Scroll the card's row into view, then render the rows there.
      const top = index * this.rowHeight;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + this.rowHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = top + this.rowHeight - list.clientHeight;
      }
      this.#updateRange();
      await this.updateComplete;
    }
    const element = this.cardElement(id);
    if (!element) return false;
    // Moving a card's node (it changed places) takes focus from it: give it back.
    if (this.shadowRoot?.activeElement !== element) element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    return true;
  }

  /**
   * Where a card dropped at `clientY` would go: an index into the shown cards without
   * `excluding` (the dragged card). Only rendered cards can be under the pointer.
   */
  indexAt(clientY: number, excluding: string | null): number {
    const rendered = [...this.renderRoot.querySelectorAll<HTMLElement>('.card[data-id]')]
      .map((element) => ({ element, index: this.#indexOf.get(element.dataset.id!) ?? -1 }))
      .filter(({ element, index }) => index >= 0 && element.dataset.id !== excluding)
      .sort((a, b) => a.index - b.index);
    const skip = (index: number) => {
      const dragged = excluding === null ? undefined : this.#indexOf.get(excluding);
      return dragged !== undefined && index > dragged ? index - 1 : index;
    };
    for (const { element, index } of rendered) {
      const box = element.getBoundingClientRect();
      if (clientY < box.top + box.height / 2) return skip(index);
    }
    const last = rendered.at(-1);
    return last ? skip(last.index) + 1 : 0;
  }

  /** Scrolls the card list when a dragged card nears its top or bottom edge. */
  autoScroll(clientY: number): void {
    const list = this.list;
    if (!list) return;
    const box = list.getBoundingClientRect();
    const edge = Math.min(48, box.height / 4);
    if (clientY < box.top + edge) list.scrollTop -= Math.ceil((box.top + edge - clientY) / 3);
    else if (clientY > box.bottom - edge) list.scrollTop += Math.ceil((clientY - (box.bottom - edge)) / 3);
  }
}

/** A message whose `{name}` part is shown and whose other words are for screen readers only. */
function withHidden(t: Localizer, key: MessageKey, name: string, shown: string) {
  const [before = '', after = ''] = t.t(key, { [name]: '\u0000' }).split('\u0000');
  return html`${before ? html`<span class="visually-hidden">${before}</span>` : nothing}${shown}${
    after ? html`<span class="visually-hidden">${after}</span>` : nothing
  }`;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

define('crm-pipeline-column', CrmPipelineColumn);

declare global {
  interface HTMLElementTagNameMap {
    'crm-pipeline-column': CrmPipelineColumn;
  }
}
