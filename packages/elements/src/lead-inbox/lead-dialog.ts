// The inbox's two dialogs: why a lead is disqualified, and what a conversion makes of it (the
// customer, whether the lead becomes its contact, and optionally a deal in a pipeline's open stage).
// They gather the answers and check them; the inbox sends them and hands back the kit's refusals.
import {
  ApiError,
  type CrmClient,
  type Lead,
  type LeadConversion,
  type LeadConvert,
  type Pipeline,
} from '@crmkit/core';
import { html, nothing } from 'lit';
import { FormDialog, type FormDialogState } from '../shared/form-dialog.js';
import { leadDialogClass } from './dialog-class.js';
import { CrmCustomerSelectEvent, CrmOpportunitySelectEvent } from '../shared/events.js';
import { failureOf } from '../shared/failure.js';
import { fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { checkField, selectField, textField } from '../shared/form-fields.js';
import { typedMinorUnits } from '../shared/format.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.edit, en.field, en.form, en.inbox, en.leadDialog);

export type LeadDialogKind = 'disqualify' | 'convert';

/** What a conversion made, for the notice that links to it. */
export interface Converted {
  lead: Lead;
  customer?: { id: string; name: string };
  opportunity?: { id: string; name: string };
}

/** What the user typed or chose, as the form holds it. */
export interface Answers {
  reason: string;
  /** An existing customer to link the lead to, or '' for a new one. */
  customerId: string;
  customerName: string;
  customerKind: 'company' | 'person';
  createContact: boolean;
  openDeal: boolean;
  dealName: string;
  pipelineId: string;
  stageId: string;
  amount: string;
  currency: string;
  expectedCloseDate: string;
}

interface DialogState extends FormDialogState<Answers> {
  kind: LeadDialogKind;
  lead: Lead;
  /** One per opened conversion: a retried request is replayed by the kit, not done twice. */
  idempotencyKey: string;
  /** Customers the lead may already be (by its company's name), offered instead of a new one. */
  candidates: readonly { id: string; name: string }[];
}

/** The usual reasons to disqualify a lead, offered as the user types (any other may be typed). */
const REASONS: readonly MessageKey[] = [
  'leadDialog.reason.budget',
  'leadDialog.reason.need',
  'leadDialog.reason.authority',
  'leadDialog.reason.duplicate',
  'leadDialog.reason.spam',
];

/** The kit's names of a conversion's fields, as the form names them. */
const CONVERT_FIELDS: Record<string, keyof Answers> = {
  customerId: 'customerId',
  'customer.name': 'customerName',
  'customer.kind': 'customerKind',
  'opportunity.name': 'dealName',
  'opportunity.pipelineId': 'pipelineId',
  'opportunity.stageId': 'stageId',
  'opportunity.amount': 'amount',
  'opportunity.currency': 'currency',
  'opportunity.expectedCloseDate': 'expectedCloseDate',
};

const openStages = (pipeline: Pipeline | undefined) => pipeline?.stages.filter((s) => s.kind === 'open') ?? [];

/** Customers whose names hold the company's (the kit's search), to offer instead of a new one; none when it fails. */
/**
 * The customers the lead's company may be, as the kit matches them (names alike, case, punctuation
 * and a legal form at the end aside), each marked when it has that very name.
 */
async function customersLike(client: CrmClient | undefined, lead: Lead) {
  if (!client || !lead.company?.trim()) return [];
  const found = await client.leads.customerMatches(lead.id).catch(() => undefined);
  return found?.items ?? [];
}

export class LeadDialog extends FormDialog<Answers, DialogState> {
  /**
   * Opens the dialog for `lead`, with answers drawn from it (and the first pipeline's first stage). A
   * conversion first looks for customers by the lead's company, to offer them instead of a new one,
   * chosen when one has that very name.
   */
  async open(
    kind: LeadDialogKind,
    lead: Lead,
    pipelines: readonly Pipeline[],
    currency: string,
    client?: CrmClient,
  ): Promise<void> {
    const pipeline = pipelines[0];
    const candidates = kind === 'convert' ? await customersLike(client, lead) : [];
    // The same name is taken to be that customer; a merely similar one is offered.
    const same = candidates.find((c) => c.sameName);
    await this.show({
      kind,
      lead,
      answers: {
        reason: '',
        customerId: same?.id ?? '',
        customerName: lead.company ?? lead.name,
        customerKind: lead.company ? 'company' : 'person',
        createContact: true,
        openDeal: lead.status === 'qualified' && Boolean(pipeline),
        dealName: lead.company ?? lead.name,
        pipelineId: pipeline?.id ?? '',
        stageId: openStages(pipeline)[0]?.id ?? '',
        amount: '',
        currency,
        expectedCloseDate: '',
      },
      problems: new Map(),
      saving: false,
      idempotencyKey: crypto.randomUUID(),
      candidates,
    });
  }

  /** The name of a customer the dialog offered, by id. */
  customerName(id: string): string | undefined {
    return this.state?.candidates.find((c) => c.id === id)?.name;
  }

  /**
   * The conversion the answers ask for, or the fields to fix first (the kit checks again). Amounts
   * are typed in major units (`1,200.50`) and sent in minor units.
   */
  conversion(answers: Answers): { body: LeadConvert } | { problems: Map<string, FieldProblem> } {
    const problems = new Map<string, FieldProblem>();
    const existing = answers.customerId;
    if (!existing && !answers.customerName.trim()) problems.set('customerName', { code: 'required' });
    const body: LeadConvert = {
      ...(existing
        ? { customerId: existing }
        : { customer: { name: answers.customerName.trim(), kind: answers.customerKind } }),
      createContact: answers.createContact,
      opportunity: null,
    };
    if (answers.openDeal) {
      const amount = typedMinorUnits(answers.amount, answers.currency);
      if (amount === undefined) problems.set('amount', { code: 'invalid_format' });
      else if (amount < 0) problems.set('amount', { code: 'too_small', min: 0 });
      if (!/^[A-Z]{3}$/.test(answers.currency.trim().toUpperCase()))
        problems.set('currency', { code: 'invalid_format' });
      if (!answers.pipelineId) problems.set('pipelineId', { code: 'required' });
      if (!answers.stageId) problems.set('stageId', { code: 'required' });
      body.opportunity = {
        name: answers.dealName.trim() || answers.customerName.trim(),
        pipelineId: answers.pipelineId,
        stageId: answers.stageId,
        amount: amount ?? 0,
        currency: answers.currency.trim().toUpperCase(),
        expectedCloseDate: answers.expectedCloseDate || null,
      };
    }
    return problems.size ? { problems } : { body };
  }

  /**
   * Checks the reason and has `save` disqualify the lead with it; closes on success, else shows why
   * not (the reason's own error, or `notice`).
   */
  async disqualify(
    answers: Answers,
    save: (reason: string) => Promise<{ error?: unknown; notice: string }>,
  ): Promise<void> {
    const reason = answers.reason.trim();
    if (!reason) return this.refuse(new Map([['reason', { code: 'required' }]]));
    this.saving(true);
    const { error, notice } = await save(reason);
    if (!error) return this.close();
    const problem = fieldProblems(error).get('disqualifiedReason');
    await this.refuse(problem ? new Map([['reason', problem]]) : new Map(), notice);
  }

  /**
   * Checks the answers and sends the conversion (with this dialog's idempotency key, so a retry is not
   * done twice). Closes on success, with what the kit made; else shows the kit's refusal in the form.
   */
  async convert(
    client: CrmClient,
    t: Localizer,
    lead: Lead,
    answers: Answers,
  ): Promise<{ result: LeadConversion; body: LeadConvert } | undefined> {
    const checked = this.conversion(answers);
    if ('problems' in checked) return void (await this.refuse(checked.problems));
    this.saving(true);
    try {
      const key = this.state?.idempotencyKey;
      const result = await client.leads.convert(lead.id, checked.body, key ? { idempotencyKey: key } : {});
      this.close();
      return { result, body: checked.body };
    } catch (error) {
      const problems = new Map<string, FieldProblem>();
      if (error instanceof ApiError) {
        for (const { path, code, min, max } of error.problem.errors ?? []) {
          const field = CONVERT_FIELDS[path];
          if (field && !problems.has(field)) problems.set(field, { code, min, max });
        }
      }
      const formError = problems.size
        ? undefined
        : failureOf(error) === 'forbidden'
          ? t.t('inbox.actionForbidden', { name: lead.name })
          : error instanceof ApiError && error.problem.detail
            ? error.problem.detail
            : t.t('inbox.actionFailed', { name: lead.name });
      await this.refuse(problems, formError);
      return undefined;
    }
  }

  render(
    t: Localizer,
    pipelines: readonly Pipeline[],
    onSubmit: (kind: LeadDialogKind, lead: Lead, answers: Answers) => void,
  ) {
    const state = this.state;
    const titles: Record<LeadDialogKind, MessageKey> = {
      disqualify: 'leadDialog.disqualifyTitle',
      convert: 'leadDialog.convertTitle',
    };
    return this.renderDialog(
      t,
      state ? t.t(titles[state.kind], { name: state.lead.name }) : '',
      state ? this.#renderForm(t, state, pipelines, onSubmit) : html``,
    );
  }

  #renderForm(
    t: Localizer,
    state: DialogState,
    pipelines: readonly Pipeline[],
    onSubmit: (kind: LeadDialogKind, lead: Lead, answers: Answers) => void,
  ) {
    const { answers, kind } = state;
    const error = (field: string) => this.errorOf(t, field);
    const fields =
      kind === 'disqualify'
        ? [this.#disqualifyFields(t, answers, error)]
        : this.#convertFields(t, state, pipelines, error);
    const submit: Record<LeadDialogKind, MessageKey> = { disqualify: 'inbox.disqualify', convert: 'inbox.convert' };
    return this.renderForm(t, {
      intro: t.t(kind === 'disqualify' ? 'leadDialog.disqualifyIntro' : 'leadDialog.convertIntro'),
      fields,
      submitLabel: state.saving && kind === 'convert' ? t.t('leadDialog.converting') : t.t(submit[kind]),
      onSubmit: (now) => onSubmit(now.kind, now.lead, now.answers),
    });
  }

  #disqualifyFields(t: Localizer, answers: Answers, error: (field: string) => string | undefined) {
    return textField({
      id: 'field-reason',
      label: t.t('leadDialog.reason'),
      value: answers.reason,
      required: true,
      wide: true,
      maxlength: 200,
      autofocus: true,
      suggestions: REASONS.map((key) => t.t(key)),
      error: error('reason'),
      onInput: (reason) => this.set({ reason }),
    });
  }

  #convertFields(
    t: Localizer,
    state: DialogState,
    pipelines: readonly Pipeline[],
    error: (field: string) => string | undefined,
  ) {
    const { answers, lead } = state;
    const pipeline = pipelines.find((p) => p.id === answers.pipelineId);
    const deal = answers.openDeal
      ? [
          textField({
            id: 'field-dealName',
            label: t.t('leadDialog.dealName'),
            value: answers.dealName,
            wide: true,
            maxlength: 200,
            error: error('dealName'),
            onInput: (dealName) => this.set({ dealName }),
          }),
          selectField({
            id: 'field-pipelineId',
            label: t.t('leadDialog.pipeline'),
            value: answers.pipelineId,
            required: true,
            options: pipelines.map((p) => [p.id, p.name] as const),
            error: error('pipelineId'),
            onChange: (pipelineId) =>
              this.set({
                pipelineId,
                stageId: openStages(pipelines.find((p) => p.id === pipelineId))[0]?.id ?? '',
              }),
          }),
          selectField({
            id: 'field-stageId',
            label: t.t('leadDialog.stage'),
            value: answers.stageId,
            required: true,
            options: openStages(pipeline).map((s) => [s.id, s.name] as const),
            error: error('stageId'),
            onChange: (stageId) => this.set({ stageId }),
          }),
          textField({
            id: 'field-amount',
            label: t.t('leadDialog.amount', { currency: answers.currency }),
            value: answers.amount,
            inputmode: 'decimal',
            error: error('amount'),
            onInput: (amount) => this.set({ amount }),
          }),
          textField({
            id: 'field-currency',
            label: t.t('leadDialog.currency'),
            value: answers.currency,
            required: true,
            maxlength: 3,
            autocomplete: 'off',
            error: error('currency'),
            onInput: (currency) => this.set({ currency }),
          }),
          textField({
            id: 'field-expectedCloseDate',
            type: 'date',
            label: t.t('field.closeDate'),
            value: answers.expectedCloseDate,
            error: error('expectedCloseDate'),
            onInput: (expectedCloseDate) => this.set({ expectedCloseDate }),
          }),
        ]
      : [];
    const candidates = state.candidates;
    const customer = candidates.length
      ? selectField({
          id: 'field-customerId',
          label: t.t('leadDialog.customer'),
          value: answers.customerId,
          wide: true,
          options: [
            ...candidates.map((c) => [c.id, t.t('leadDialog.existingCustomer', { name: c.name })] as const),
            ['', t.t('leadDialog.newCustomer')] as const,
          ],
          autofocus: true,
          error: error('customerId'),
          onChange: (customerId) => this.set({ customerId }),
        })
      : nothing;
    const newCustomer = answers.customerId
      ? []
      : [
          textField({
            id: 'field-customerName',
            label: t.t('leadDialog.customerName'),
            value: answers.customerName,
            required: true,
            maxlength: 200,
            autofocus: !candidates.length,
            error: error('customerName'),
            onInput: (customerName) => this.set({ customerName }),
          }),
          selectField({
            id: 'field-customerKind',
            label: t.t('leadDialog.customerKind'),
            value: answers.customerKind,
            options: [
              ['company', t.t('leadDialog.company')],
              ['person', t.t('leadDialog.person')],
            ],
            onChange: (kind) => this.set({ customerKind: kind as Answers['customerKind'] }),
          }),
        ];
    return [
      customer,
      ...newCustomer,
      checkField({
        id: 'field-createContact',
        label: t.t('leadDialog.createContact', { name: lead.name }),
        checked: answers.createContact,
        onChange: (createContact) => this.set({ createContact }),
      }),
      pipelines.length
        ? checkField({
            id: 'field-openDeal',
            label: t.t('leadDialog.openDeal'),
            checked: answers.openDeal,
            onChange: (openDeal) => this.set({ openDeal }),
          })
        : nothing,
      ...deal,
    ];
  }

  /**
   * What the last conversion made, with a way to each record: it is read, so that the event the inbox
   * fires (`crm-customer-select`, `crm-opportunity-select`) carries it whole; `onFailed` when it cannot be.
   */
  renderConverted(t: Localizer, converted: Converted, client: CrmClient | undefined, onFailed: () => void) {
    const { customer, opportunity } = converted;
    const open = async (kind: 'customer' | 'opportunity', id: string) => {
      try {
        if (!client) throw new Error('unconfigured');
        this.host.dispatchEvent(
          kind === 'customer'
            ? new CrmCustomerSelectEvent(await client.customers.get(id))
            : new CrmOpportunitySelectEvent(await client.opportunities.get(id)),
        );
      } catch {
        onFailed();
      }
    };
    const link = (kind: 'customer' | 'opportunity', record: { id: string; name: string }) =>
      html`<button class="link-button" type="button" @click=${() => void open(kind, record.id)}>
        ${t.t(kind === 'customer' ? 'inbox.openCustomer' : 'inbox.openTheDeal', { name: record.name })}
      </button>`;
    return html`<div part="notice" class="converted">
      <p class="notice">${t.t('inbox.converted', { name: converted.lead.name })}</p>
      ${customer ? link('customer', customer) : nothing} ${opportunity ? link('opportunity', opportunity) : nothing}
    </div>`;
  }
}

leadDialogClass.register(LeadDialog);
