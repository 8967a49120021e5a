// What each kind of record asks for, and how what the user typed becomes the body the kit takes.
// The rules are the contract's (`@crmkit/core`); checked here only where a form can say so before
// sending (a required field, an email's shape, a number), the rest is the kit's to refuse.
import type { FieldProblem } from '../shared/field-errors.js';
import type { CrmRecordKind } from '../shared/events.js';
import { typedMinorUnits } from '../shared/format.js';
import { type MessageKey, useEnglish } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.channel, en.field, en.form, en.kind, en.priority, en.problem, en.stage);

export type FieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'date' | 'amount' | 'currency' | 'select' | 'check';

/** One field of a form: the record field it sets and how it is asked for. */
export interface FieldSpec {
  name: string;
  label: MessageKey;
  kind: FieldKind;
  required?: boolean;
  wide?: boolean;
  maxlength?: number;
  autocomplete?: string;
  /** A select's choices: values and their labels. */
  choices?: readonly (readonly [string, MessageKey])[];
  /** A better word than "check the format" for this field. */
  formatKey?: MessageKey;
}

/** Fields drawn by the form itself from data it loads: the owner, a customer, a deal's stage. */
export type PickerName = 'ownerId' | 'customerId' | 'stageId';

export interface FormSpec {
  title: MessageKey;
  fields: readonly (FieldSpec | PickerName)[];
}

const email: FieldSpec = {
  name: 'emails',
  label: 'field.emails',
  kind: 'email',
  maxlength: 320,
  autocomplete: 'email',
  formatKey: 'problem.email',
};
const phone: FieldSpec = {
  name: 'phones',
  label: 'field.phones',
  kind: 'tel',
  maxlength: 32,
  autocomplete: 'tel',
  formatKey: 'problem.phone',
};
const name = (autocomplete: string): FieldSpec => ({
  name: 'name',
  label: 'field.name',
  kind: 'text',
  required: true,
  wide: true,
  maxlength: 200,
  autocomplete,
});

export const FORMS: Record<CrmRecordKind, FormSpec> = {
  customer: {
    title: 'form.newCustomer',
    fields: [
      name('organization'),
      {
        name: 'kind',
        label: 'field.kind',
        kind: 'select',
        choices: [
          ['company', 'kind.company'],
          ['person', 'kind.person'],
        ],
      },
      {
        name: 'lifecycleStage',
        label: 'field.stage',
        kind: 'select',
        choices: (['lead', 'prospect', 'customer', 'subscriber', 'evangelist', 'churned'] as const).map(
          (stage) => [stage, `stage.${stage}`] as const,
        ),
      },
      email,
      phone,
      { name: 'region', label: 'field.region', kind: 'text', maxlength: 200 },
      'ownerId',
    ],
  },
  contact: {
    title: 'form.newContact',
    fields: [
      name('name'),
      { name: 'title', label: 'field.title', kind: 'text', maxlength: 200, autocomplete: 'organization-title' },
      'customerId',
      email,
      phone,
      'ownerId',
      { name: 'isPrimary', label: 'field.primary', kind: 'check' },
    ],
  },
  opportunity: {
    title: 'form.newDeal',
    fields: [
      name('off'),
      'customerId',
      'stageId',
      { name: 'amount', label: 'field.amount', kind: 'amount' },
      { name: 'currency', label: 'field.currency', kind: 'currency' },
      { name: 'expectedCloseDate', label: 'field.closeDate', kind: 'date' },
      'ownerId',
    ],
  },
  lead: {
    title: 'form.newLead',
    fields: [
      name('name'),
      { name: 'company', label: 'field.company', kind: 'text', maxlength: 200, autocomplete: 'organization' },
      { ...email, name: 'email' },
      { ...phone, name: 'phone' },
      { name: 'source', label: 'field.source', kind: 'text', maxlength: 200 },
      'ownerId',
    ],
  },
  case: {
    title: 'form.newCase',
    fields: [
      { name: 'subject', label: 'field.subject', kind: 'text', required: true, wide: true, maxlength: 200 },
      'customerId',
      {
        name: 'priority',
        label: 'field.priority',
        kind: 'select',
        choices: (['low', 'normal', 'high', 'urgent'] as const).map((p) => [p, `priority.${p}`] as const),
      },
      {
        name: 'channel',
        label: 'field.channel',
        kind: 'select',
        choices: [
          ['', 'channel.none'],
          ...(['email', 'phone', 'web', 'chat', 'in_person'] as const).map((c) => [c, `channel.${c}`] as const),
        ],
      },
      { name: 'dueBy', label: 'field.dueBy', kind: 'date' },
      { name: 'description', label: 'field.description', kind: 'textarea', wide: true, maxlength: 10_000 },
      'ownerId',
    ],
  },
};

/** What the user typed, by field (a checkbox as `'true'` or `''`). */
export type Values = Record<string, string>;

/** The first value of each select and the defaults the kit would use, so the form shows them. */
export function initialValues(kind: CrmRecordKind, defaults: Values): Values {
  const values: Values = { name: '', emails: '', phones: '', ownerId: '', customerId: '', stageId: '' };
  if (kind === 'customer') Object.assign(values, { kind: 'company', lifecycleStage: 'lead', region: '' });
  if (kind === 'contact') Object.assign(values, { title: '', isPrimary: '' });
  if (kind === 'opportunity') Object.assign(values, { amount: '', currency: 'USD', expectedCloseDate: '' });
  if (kind === 'lead') Object.assign(values, { company: '', email: '', phone: '', source: '' });
  if (kind === 'case')
    Object.assign(values, { subject: '', priority: 'normal', channel: '', dueBy: '', description: '' });
  return { ...values, ...defaults };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{3,32}$/;

/**
 * The body to send, or the fields the user must fix first. Only what the user filled in is sent, so
 * the kit's defaults apply to the rest (the owner is whoever creates it).
 */
export function buildBody(
  kind: CrmRecordKind,
  values: Values,
): { body: Record<string, unknown>; problems: Map<string, FieldProblem> } {
  const problems = new Map<string, FieldProblem>();
  const body: Record<string, unknown> = {};
  const text = (field: string) => (values[field] ?? '').trim();
  const optional = (field: string) => {
    if (text(field)) body[field] = text(field);
  };
  const required = (field: string) => {
    if (!text(field)) problems.set(field, { code: 'required' });
    body[field] = text(field);
  };
  const checked = (field: string, pattern: RegExp) => {
    if (text(field) && !pattern.test(text(field))) problems.set(field, { code: 'invalid_format' });
  };
  required(kind === 'case' ? 'subject' : 'name');
  for (const field of ['emails', 'email']) checked(field, EMAIL);
  for (const field of ['phones', 'phone']) checked(field, PHONE);
  if (kind === 'customer' || kind === 'contact') {
    body.emails = text('emails') ? [text('emails')] : [];
    body.phones = text('phones') ? [text('phones')] : [];
  }
  optional('ownerId');
  if (kind !== 'lead') optional('customerId');
  if (kind === 'customer') {
    body.kind = text('kind') || 'company';
    body.lifecycleStage = text('lifecycleStage') || 'lead';
    optional('region');
  } else if (kind === 'contact') {
    optional('title');
    body.isPrimary = values.isPrimary === 'true';
  } else if (kind === 'lead') {
    for (const field of ['company', 'email', 'phone', 'source']) optional(field);
  } else if (kind === 'case') {
    body.priority = text('priority') || 'normal';
    for (const field of ['channel', 'description']) optional(field);
    // A date is due by the end of that day where the user is.
    if (text('dueBy')) body.dueBy = new Date(`${text('dueBy')}T23:59:59`).toISOString();
  } else {
    required('customerId');
    required('stageId');
    body.pipelineId = text('pipelineId');
    const currency = text('currency').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) problems.set('currency', { code: 'invalid_format' });
    body.currency = currency;
    const amount = typedMinorUnits(text('amount'), currency);
    if (amount === undefined) problems.set('amount', { code: 'invalid_format' });
    else if (amount < 0) problems.set('amount', { code: 'too_small', min: 0 });
    else body.amount = amount;
    optional('expectedCloseDate');
  }
  return { body, problems };
}
