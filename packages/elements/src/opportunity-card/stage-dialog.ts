// The dialog that asks what a move needs before it is sent: a lost reason and the competitor when
// a deal is lost, the stage to go back to when it is reopened, and whatever the target stage
// requires that the deal lacks (an amount, a close date, a contact). It only gathers the answers:
// the card sends them with the move, in one versioned write. It loads the first time a move asks (parts.ts).
import type { CrmClient, Opportunity, OpportunityPatch, Stage } from '@crmkit/core';

import { html } from 'lit';
import type { FieldProblem } from '../shared/field-errors.js';
import { FormDialog, type FormDialogState } from '../shared/form-dialog.js';
import { typedMinorUnits } from '../shared/format.js';
import { selectField, textField } from '../shared/form-fields.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { unmet, type DialogKind } from './deal-rules.js';
import { stageDialogClass } from './parts.js';

useEnglish(en.deal, en.edit, en.field, en.form);

/** What the user typed, as text. */
export interface Answers {
  stageId: string;
  lostReason: string;
  wonReason: string;
  competitor: string;
  amount: string;
  expectedCloseDate: string;
  contactId: string;
}

export interface DialogState extends FormDialogState<Answers> {
  kind: DialogKind;
  /** The customer's contacts, for a stage that requires one: [id, name]. */
  contacts?: readonly (readonly [string, string])[];
}

/** The deal a move is for, with its pipeline's stages and usual lost reasons. */
export interface DialogDeal {
  opportunity: Opportunity;
  stages: readonly Stage[];
  lostReasons: readonly string[];
}

const TITLES: Record<DialogKind, MessageKey> = {
  won: 'deal.wonTitle',
  lost: 'deal.lostTitle',
  reopen: 'deal.reopenTitle',
  stage: 'deal.moveTo',
};

export class StageDialog extends FormDialog<Answers, DialogState> {
  /** Opens the dialog for a move of `deal` into `stageId`. */
  async open(kind: DialogKind, deal: Opportunity, stageId: string, client?: CrmClient): Promise<void> {
    await this.show({
      kind,
      answers: {
        stageId,
        lostReason: deal.lostReason ?? '',
        wonReason: deal.wonReason ?? '',
        competitor: '',
        amount: '',
        expectedCloseDate: deal.expectedCloseDate ?? '',
        contactId: deal.contactId ?? '',
      },
      problems: new Map(),
      saving: false,
    });
    if (client) await this.#loadContacts(client, deal);
  }

  /** The customer's contacts, offered when a stage requires one. */
  async #loadContacts(client: CrmClient, deal: Opportunity): Promise<void> {
    try {
      const page = await client.contacts.list({ customerId: deal.customerId, limit: 100, sort: 'name' });
      if (this.state) this.state = { ...this.state, contacts: page.items.map((c) => [c.id, c.name] as const) };
    } catch {
      if (this.state) this.state = { ...this.state, contacts: [] };
    }
    this.host.requestUpdate();
  }

  /** The answers to the questions `asked` as the move's patch, or the problems that keep it from being sent. */
  patchOf(
    deal: DialogDeal,
    stage: Stage,
    answers: Answers,
    asked: readonly string[],
  ): { patch: OpportunityPatch; problems: Map<string, FieldProblem> } {
    const patch: OpportunityPatch = { stageId: stage.id };
    const problems = new Map<string, FieldProblem>();
    const { opportunity } = deal;
    if (asked.includes('lostReason')) {
      const reason = answers.lostReason.trim();
      if (!reason && stage.requires.includes('lostReason')) problems.set('lostReason', { code: 'required' });
      patch.lostReason = reason || null;
    }
    if (asked.includes('wonReason')) patch.wonReason = answers.wonReason.trim() || null;
    const competitor = answers.competitor.trim();
    if (asked.includes('competitor') && competitor) {
      const known = opportunity.competitors;
      patch.competitors = known.includes(competitor) ? known : [...known, competitor];
    }
    if (asked.includes('amount')) {
      const amount = typedMinorUnits(answers.amount, opportunity.currency);
      if (amount === undefined) problems.set('amount', { code: 'invalid_format' });
      else if (amount <= 0) problems.set('amount', { code: 'too_small', min: 0 });
      else patch.amount = amount;
    }
    if (asked.includes('expectedCloseDate')) {
      if (!answers.expectedCloseDate) problems.set('expectedCloseDate', { code: 'required' });
      else patch.expectedCloseDate = answers.expectedCloseDate;
    }
    if (asked.includes('contactId')) {
      if (!answers.contactId) problems.set('contactId', { code: 'required' });
      else patch.contactId = answers.contactId;
    }
    return { patch, problems };
  }

  render(t: Localizer, deal: DialogDeal, onSubmit: (answers: Answers, asked: readonly string[]) => void) {
    const state = this.state;
    const target = state && deal.stages.find((s) => s.id === state.answers.stageId);
    return this.renderDialog(
      t,
      state && target ? t.t(TITLES[state.kind], { name: deal.opportunity.name, stage: target.name }) : '',
      state && target ? this.#renderForm(t, state, deal, target, onSubmit) : html``,
    );
  }

  /** The fields this move asks for: the lost reason and competitor, and what the stage still needs. */
  #asked(kind: DialogKind, target: Stage, deal: Opportunity): string[] {
    const asked: string[] = kind === 'lost' ? ['lostReason', 'competitor'] : [];
    for (const field of unmet(target, deal)) if (!asked.includes(field)) asked.push(field);
    // Why it was won is optional: after what the stage requires.
    if (kind === 'won') asked.push('wonReason');
    return asked;
  }

  #renderForm(
    t: Localizer,
    state: DialogState,
    deal: DialogDeal,
    target: Stage,
    onSubmit: (answers: Answers, asked: readonly string[]) => void,
  ) {
    const { answers } = state;
    const opportunity = deal.opportunity;
    const asked = this.#asked(state.kind, target, opportunity);
    const required = new Set<string>(target.requires);
    const error = (field: string) => this.errorOf(t, field);
    const intro: Record<DialogKind, string> = {
      won: t.t('deal.wonIntro', { stage: target.name }),
      lost: t.t('deal.lostIntro', { stage: target.name }),
      reopen: t.t('deal.reopenIntro'),
      stage: t.t('deal.needs', { stage: target.name }),
    };
    const first = state.kind === 'reopen' ? 'stageId' : asked[0];
    const fields = {
      stageId: () =>
        selectField({
          id: 'field-stageId',
          label: t.t('deal.reopenStage'),
          value: answers.stageId,
          autofocus: first === 'stageId',
          options: deal.stages.filter((s) => s.kind === 'open').map((s) => [s.id, s.name] as const),
          onChange: (stageId) => this.set({ stageId }),
        }),
      lostReason: () =>
        textField({
          id: 'field-lostReason',
          label: t.t('deal.lostReason'),
          value: answers.lostReason,
          required: required.has('lostReason'),
          maxlength: 200,
          suggestions: deal.lostReasons,
          autofocus: first === 'lostReason',
          error: error('lostReason'),
          onInput: (lostReason) => this.set({ lostReason }),
        }),
      wonReason: () =>
        textField({
          id: 'field-wonReason',
          label: t.t('deal.wonReason'),
          value: answers.wonReason,
          maxlength: 200,
          autofocus: first === 'wonReason',
          error: error('wonReason'),
          onInput: (wonReason) => this.set({ wonReason }),
        }),
      competitor: () =>
        textField({
          id: 'field-competitor',
          label: t.t('deal.competitor'),
          value: answers.competitor,
          maxlength: 50,
          autofocus: first === 'competitor',
          error: error('competitors'),
          onInput: (competitor) => this.set({ competitor }),
        }),
      amount: () =>
        textField({
          id: 'field-amount',
          label: `${t.t('field.amount')} (${opportunity.currency})`,
          value: answers.amount,
          required: true,
          inputmode: 'decimal',
          autofocus: first === 'amount',
          error: error('amount'),
          onInput: (amount) => this.set({ amount }),
        }),
      expectedCloseDate: () =>
        textField({
          id: 'field-expectedCloseDate',
          type: 'date',
          label: t.t('field.closeDate'),
          value: answers.expectedCloseDate,
          required: true,
          autofocus: first === 'expectedCloseDate',
          error: error('expectedCloseDate'),
          onInput: (expectedCloseDate) => this.set({ expectedCloseDate }),
        }),
      contactId: () =>
        selectField({
          id: 'field-contactId',
          label: t.t('field.primary'),
          value: answers.contactId,
          required: true,
          autofocus: first === 'contactId',
          options: [['', '—'] as const, ...(state.contacts ?? [])],
          error: error('contactId'),
          onChange: (contactId) => this.set({ contactId }),
        }),
    } as const;
    const shown = [...(state.kind === 'reopen' ? ['stageId'] : []), ...asked] as (keyof typeof fields)[];
    const submitLabel: Record<DialogKind, string> = {
      won: t.t('deal.markWon'),
      lost: t.t('deal.markLost'),
      reopen: t.t('deal.reopen'),
      stage: t.t('deal.moveTo', { stage: target.name }),
    };
    return this.renderForm(t, {
      intro: intro[state.kind],
      fields: shown.map((field) => fields[field]()),
      submitLabel: state.saving ? t.t('deal.moving') : submitLabel[state.kind],
      submitAutofocus: !first,
      onSubmit: (now) => {
        const stage = deal.stages.find((s) => s.id === now.answers.stageId);
        if (stage) onSubmit(now.answers, this.#asked(now.kind, stage, opportunity));
      },
    });
  }
}

stageDialogClass.register(StageDialog);
