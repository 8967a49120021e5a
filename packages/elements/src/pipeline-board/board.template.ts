import type { BoardCard } from '@crmkit/core';
import { html, nothing, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import type { ColumnHost, ColumnPreview } from './board-column.js';
import type { BoardMoves } from './board-moves.js';
import type { ColumnState, MovePlan } from './board-state.js';
import type { BoardStore } from './board-store.js';
import { moneyText, plural } from '../shared/format.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.board, en.deals, en.edit);

/** What a column shows of a keyboard move: the same object while the move does not change, so the column does not render for nothing. */
export class ColumnPreviews {
  readonly #cache = new Map<string, { key: string; preview: ColumnPreview }>();

  for(stageId: string, lift: MovePlan | undefined): ColumnPreview | undefined {
    if (!lift) return undefined;
    const preview: ColumnPreview = {};
    if (lift.from === stageId) preview.removeId = lift.card.id;
    if (lift.to === stageId) preview.insert = { card: lift.card, index: lift.index };
    if (!preview.removeId && !preview.insert) return undefined;
    const key = `${stageId}:${lift.card.id}:${lift.to}:${lift.index}`;
    const cached = this.#cache.get(stageId);
    if (cached?.key === key) return cached.preview;
    this.#cache.set(stageId, { key, preview });
    return preview;
  }
}

/** An open stage's column; it renders again only when something it shows changes. */
export function renderColumn(
  t: Localizer,
  store: BoardStore,
  column: ColumnState,
  options: {
    level: number;
    filtered: boolean;
    preview?: ColumnPreview;
    host: ColumnHost;
    movable: boolean;
    addable: boolean;
  },
) {
  const id = column.stage.id;
  const { drag, tabStop } = store;
  return html`<crm-pipeline-column
    exportparts="column, column-header, cards, card, column-empty, add-button"
    data-stage=${id}
    .column=${column}
    .locale=${t.locale}
    .owners=${store.owners}
    .tabStop=${tabStop?.stageId === id ? tabStop.cardId : null}
    .preview=${options.preview}
    .dropIndex=${drag?.over?.stageId === id ? drag.over.index : -1}
    .dragging=${drag?.stageId === id ? drag.cardId : null}
    .filtered=${options.filtered}
    .headingLevel=${options.level}
    .host=${options.host}
    .movable=${options.movable}
    .addable=${options.addable}
  ></crm-pipeline-column>`;
}

/** A closed stage (won, lost) as a drop zone. */
export function renderZone(t: Localizer, store: BoardStore, column: ColumnState) {
  const { stage, figures } = column;
  const over = store.drag?.over?.stageId === stage.id || store.lift?.to === stage.id;
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
          : svg`<path d="M6 6l8 8M14 6l-8 8" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`
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

/** The card that follows the pointer while it drags. */
export function renderGhost(t: Localizer, card: BoardCard | undefined, width: number | undefined) {
  if (!card || width === undefined) return nothing;
  return html`<div class="ghost" aria-hidden="true" style="inline-size: ${width}px">
    <div class="card-name">${card.name}</div>
    <div class="card-customer">${card.customerName ?? t.t('board.hiddenCustomer')}</div>
    <div class="card-amount">${moneyText(t, { amount: card.amount, currency: card.currency })}</div>
  </div>`;
}

/** The dialog that asks for a lost reason. */
export function renderDialog(t: Localizer, moves: BoardMoves) {
  const dialog = moves.dialog;
  return html`<dialog
    part="dialog"
    class="dialog"
    aria-labelledby="lost-title"
    aria-describedby="lost-intro"
    @cancel=${moves.onDialogCancel}
    @close=${moves.onDialogClose}
  >
    ${
      dialog
        ? html`<form method="dialog" class="dialog-form" novalidate @submit=${moves.onDialogSubmit}>
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
                list=${dialog.reasons.length ? 'lost-reasons' : nothing}
                aria-invalid=${dialog.error ? 'true' : 'false'}
                aria-describedby="lost-error"
              />
            </label>
            <datalist id="lost-reasons">
              ${dialog.reasons.map((reason) => html`<option value=${reason}></option>`)}
            </datalist>
            <p id="lost-error" class="dialog-error">${dialog.error ? t.t('board.lostRequired') : ''}</p>
            <div class="dialog-actions">
              <button class="button" type="button" value="cancel" @click=${moves.onDialogCancelClick}>
                ${t.t('edit.cancel')}
              </button>
              <button class="button primary" type="submit">${t.t('board.lostConfirm', { stage: dialog.stage })}</button>
            </div>
          </form>`
        : nothing
    }
  </dialog>`;
}
