import { ApiError, type Stage } from '@crmkit/core';
import { CrmOpportunityMovedEvent, CrmOpportunityMoveEvent } from '../shared/events.js';
import { useEnglish, type MessageKey } from '../shared/localize.js';
import type { BoardData } from './board-data.js';
import { focusCard } from './board-keyboard.js';
import { applyMove, neighbours, revertMove, settleMove, type BoardStage, type MovePlan } from './board-state.js';
import type { BoardContext, BoardHost, BoardStore } from './board-store.js';
import { failureOf, type Failure } from '../shared/failure.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.board, en.require);

const MOVE_MESSAGES: Record<Failure | 'conflict' | 'stale', MessageKey> = {
  conflict: 'board.conflict',
  stale: 'board.stale',
  notFound: 'board.stale',
  unauthorized: 'board.forbidden',
  forbidden: 'board.forbidden',
  network: 'board.moveNetwork',
  generic: 'board.moveFailed',
};

/** The fields a stage can require that the notice names. */
const REQUIRED_FIELDS = ['lostReason', 'amount', 'expectedCloseDate', 'contactId'];

/** The lost-reason dialog while it asks. */
export interface LostDialog {
  name: string;
  stage: string;
  error: boolean;
  /** The pipeline's usual reasons, offered as the reason is typed. */
  reasons: readonly string[];
}

/**
 * Carries out moves, however they were made (pointer or keyboard): asks for a lost reason where
 * the stage needs one, lets the host veto the move, shows it at once, and sends it with the
 * version the card was read at. If the kit refuses, the deal goes back and a notice says why.
 */
export class BoardMoves {
  dialog?: LostDialog;

  readonly #host: BoardHost;
  readonly #store: BoardStore;
  readonly #context: BoardContext;
  readonly #data: BoardData;
  #dialogAnswer?: (reason: string | null) => void;

  constructor(host: BoardHost, store: BoardStore, context: BoardContext, data: BoardData) {
    this.#host = host;
    this.#store = store;
    this.#context = context;
    this.#data = data;
  }

  #focusCard(stageId: string, cardId: string): Promise<void> {
    return focusCard(this.#host, this.#store, stageId, cardId);
  }

  async move(plan: MovePlan, { keyboard }: { keyboard: boolean }): Promise<void> {
    const store = this.#store;
    const t = this.#context.localize();
    const client = this.#context.client();
    const from = store.columns.get(plan.from);
    const to = store.columns.get(plan.to);
    if (!client || !store.meta || !from || !to) return;
    const name = plan.card.name;
    const backHome = () => keyboard && void this.#focusCard(plan.from, plan.card.id);
    if (plan.from === plan.to && plan.index === plan.fromIndex) {
      store.announcement = t.t('board.unchanged', { name });
      backHome();
      return;
    }
    const position = store.showsCards(plan.to)
      ? { index: plan.index, ...neighbours(store.columns, plan.to, plan.card.id, plan.index) }
      : { index: 0 };
    let lostReason: string | undefined;
    if (to.stage.requires.includes('lostReason')) {
      const answer = await this.#askLostReason(name, to.stage.name);
      if (answer === null) {
        store.announcement = t.t('board.cancelled', { name, stage: from.stage.name });
        backHome();
        return;
      }
      lostReason = answer;
    }
    const event = new CrmOpportunityMoveEvent({
      opportunity: plan.card,
      from: asStage(from.stage),
      to: asStage(to.stage),
      position,
      ...(lostReason !== undefined ? { lostReason } : {}),
    });
    this.#host.dispatchEvent(event);
    if (event.defaultPrevented) {
      store.announcement = t.t('board.vetoed', { name, stage: from.stage.name });
      backHome();
      return;
    }
    const move: MovePlan = { ...plan, afterId: position.afterId, beforeId: position.beforeId };
    const before = { from, to };
    this.#data.moving.set(plan.card.id, move);
    store.columns = applyMove(store.columns, move, store.showsCards);
    store.notice = undefined;
    if (store.showsCards(plan.to)) {
      const total = store.columns.get(plan.to)!.figures.count;
      store.announcement = t.t('board.dropped', { name, stage: to.stage.name, position: plan.index + 1, total });
      store.tabStop = { stageId: plan.to, cardId: plan.card.id };
      if (keyboard) void this.#focusCard(plan.to, plan.card.id);
    } else {
      store.announcement = t.t('board.droppedClosed', { name, stage: to.stage.name });
      store.fixTabStop(plan.from, plan.fromIndex);
      if (keyboard && store.tabStop) void this.#focusCard(store.tabStop.stageId, store.tabStop.cardId);
    }
    const generation = this.#data.generation;
    try {
      const body = {
        stageId: plan.to,
        ...(move.afterId ? { afterId: move.afterId } : {}),
        ...(move.beforeId ? { beforeId: move.beforeId } : {}),
        ...(event.detail.lostReason !== undefined ? { lostReason: event.detail.lostReason } : {}),
      };
      const saved = await client.opportunities.move(plan.card.id, body, { version: plan.card.version });
      if (generation !== this.#data.generation) return;
      this.#data.moving.delete(plan.card.id);
      store.columns = settleMove(store.columns, move, {
        version: saved.version,
        position: saved.position,
        name: saved.name,
        amount: saved.amount,
        currency: saved.currency,
        probability: saved.probability,
        expectedCloseDate: saved.expectedCloseDate,
        ownerId: saved.ownerId,
      });
      const moved = new CrmOpportunityMovedEvent(saved, asStage(from.stage), asStage(to.stage));
      this.#host.dispatchEvent(moved);
      if (plan.from !== plan.to) await this.#data.refreshFigures([plan.from, plan.to]);
    } catch (error) {
      if (generation !== this.#data.generation) return;
      this.#data.moving.delete(plan.card.id);
      store.columns = revertMove(store.columns, move, before);
      store.notice = this.#failureMessage(error, plan, from.stage.name, to.stage.name);
      store.tabStop = { stageId: plan.from, cardId: plan.card.id };
      // The kit has the truth (e.g. the deal's latest version): read both columns again.
      this.#data.refreshColumns(plan.to === plan.from ? [plan.from] : [plan.from, plan.to]);
    } finally {
      if (generation === this.#data.generation) this.#data.flushWaiting();
    }
  }

  #failureMessage(error: unknown, plan: MovePlan, fromName: string, toName: string): string {
    const t = this.#context.localize();
    const params = { name: plan.card.name, stage: fromName, target: toName };
    if (error instanceof ApiError) {
      if (error.status === 412) return t.t('board.conflict', params);
      if (error.status === 409) return t.t('board.stale', params);
      if (error.status === 400 || error.status === 422) {
        const fields = (error.problem.errors ?? [])
          .map((e) => e.path.split('.')[0]!)
          .filter((p) => REQUIRED_FIELDS.includes(p));
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

  // ------------------------------------------------------------------ the lost-reason dialog

  #dialogElement(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  #reasonInput(): HTMLInputElement | null | undefined {
    return this.#dialogElement()?.querySelector<HTMLInputElement>('input[name="reason"]');
  }

  #setDialog(dialog: LostDialog | undefined): void {
    this.dialog = dialog;
    this.#host.requestUpdate();
  }

  #askLostReason(name: string, stage: string): Promise<string | null> {
    this.#dialogAnswer?.(null);
    this.#setDialog({ name, stage, error: false, reasons: this.#store.meta?.lostReasons ?? [] });
    return new Promise((resolve) => {
      this.#dialogAnswer = resolve;
      void this.#host.updateComplete.then(() => {
        const dialog = this.#dialogElement();
        if (!dialog) return resolve(null);
        const input = this.#reasonInput();
        if (input) input.value = '';
        if (!dialog.open) dialog.showModal();
        input?.focus();
      });
    });
  }

  #answer(reason: string | null): void {
    const answer = this.#dialogAnswer;
    this.#dialogAnswer = undefined;
    this.#setDialog(undefined);
    const dialog = this.#dialogElement();
    if (dialog?.open) dialog.close();
    answer?.(reason);
  }

  onDialogSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = this.#reasonInput();
    const reason = input?.value.trim() ?? '';
    if (!reason || reason.length > 200) {
      this.#setDialog({ ...this.dialog!, error: true });
      input?.focus();
      return;
    }
    this.#answer(reason);
  };

  onDialogCancel = (event: Event) => {
    event.preventDefault();
    this.#answer(null);
  };

  onDialogCancelClick = () => this.#answer(null);

  onDialogClose = () => {
    if (this.#dialogAnswer) this.#answer(null);
  };
}

function asStage(stage: BoardStage): Stage {
  return { ...stage } as BoardStage as Stage;
}
