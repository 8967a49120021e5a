import type { Activity, ActivityCreate, ActivityType, FieldError } from '@crmkit/core';
import { useEnglish, type Localizer } from '../shared/localize.js';
import type { Target } from './target.js';
import { fromLocalInput, toLocalInput } from './time.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.log);

/** What the user is typing into the composer: kept until the kit has saved it. */
export interface Draft {
  type: ActivityType;
  subject: string;
  body: string;
  direction: 'outbound' | 'inbound';
  /** Minutes, as typed. */
  duration: string;
  outcome: string;
  /** When it happened (`datetime-local`); empty means now. */
  when: string;
  /** When a task is due (`datetime-local`). */
  due: string;
}
export type DraftField = Exclude<keyof Draft, 'type'>;
export type FieldErrors = Partial<Record<DraftField, string>>;

/** The fields in the order the form shows them: the first with an error takes focus. */
export const FIELD_ORDER: DraftField[] = ['subject', 'body', 'direction', 'duration', 'outcome', 'when', 'due'];
export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;

/** Which fields a type of activity has besides subject and notes. */
export function fieldsOf(type: ActivityType): Set<DraftField> {
  switch (type) {
    case 'call':
      return new Set(['direction', 'duration', 'outcome', 'when']);
    case 'email':
      return new Set(['direction', 'when']);
    case 'meeting':
      return new Set(['duration', 'outcome', 'when']);
    case 'note':
      return new Set(['when']);
    case 'task':
      return new Set(['due']);
  }
}

/** An empty draft of a type; a task is due tomorrow at nine unless the user says otherwise. */
export function emptyDraft(type: ActivityType = 'call'): Draft {
  return {
    type,
    subject: '',
    body: '',
    direction: 'outbound',
    duration: '',
    outcome: '',
    when: '',
    due: type === 'task' ? defaultDue() : '',
  };
}

/** Tomorrow at nine, local time. */
export function defaultDue(now = new Date()): string {
  const due = new Date(now);
  due.setDate(due.getDate() + 1);
  due.setHours(9, 0, 0, 0);
  return toLocalInput(due);
}

/** Whether the draft holds anything the user typed. */
export function isDirty({ subject, body, duration, outcome, when }: Draft): boolean {
  return Boolean(subject || body || duration || outcome || when);
}

/** Checks what can be checked before asking the kit: localized, next to each field. */
export function validateDraft(t: Localizer, draft: Draft): FieldErrors {
  const fields = fieldsOf(draft.type);
  const errors: FieldErrors = {};
  if (!draft.subject.trim()) errors.subject = t.t('log.form.required');
  else if (draft.subject.trim().length > SUBJECT_MAX)
    errors.subject = t.t('log.form.tooLong', { max: t.number(SUBJECT_MAX) });
  if (draft.body.length > BODY_MAX) errors.body = t.t('log.form.tooLong', { max: t.number(BODY_MAX) });
  if (fields.has('duration') && draft.duration.trim()) {
    const minutes = Number(draft.duration);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) errors.duration = t.t('log.form.durationInvalid');
  }
  if (fields.has('when') && draft.when && !fromLocalInput(draft.when)) errors.when = t.t('log.form.dateInvalid');
  if (fields.has('due')) {
    if (!draft.due) errors.due = t.t('log.form.dueRequired');
    else if (!fromLocalInput(draft.due)) errors.due = t.t('log.form.dateInvalid');
  }
  return errors;
}

/** The request body for a (valid) draft: only the fields its type has. */
export function requestBody(draft: Draft, target: Target): ActivityCreate {
  const fields = fieldsOf(draft.type);
  const body: ActivityCreate = {
    type: draft.type,
    subject: draft.subject.trim(),
    body: draft.body.trim() ? draft.body : null,
    [target.field]: target.id,
  };
  if (fields.has('direction')) body.direction = draft.direction;
  if (fields.has('duration') && draft.duration.trim()) body.durationSeconds = Math.round(Number(draft.duration) * 60);
  if (fields.has('outcome') && draft.outcome.trim()) body.outcome = draft.outcome.trim();
  if (fields.has('when') && draft.when) body.occurredAt = fromLocalInput(draft.when)!.toISOString();
  if (fields.has('due')) {
    const due = fromLocalInput(draft.due)!.toISOString();
    body.dueAt = due;
    body.occurredAt = due;
  }
  return body;
}

/** What the timeline shows while the kit saves an entry: its id is a stand-in. */
export function standIn(body: ActivityCreate): Activity {
  const now = new Date().toISOString();
  return {
    id: `pending-${crypto.randomUUID()}`,
    createdAt: now,
    updatedAt: now,
    version: 0,
    deletedAt: null,
    type: body.type,
    subject: body.subject,
    body: body.body ?? null,
    direction: body.direction ?? null,
    durationSeconds: body.durationSeconds ?? null,
    outcome: body.outcome ?? null,
    occurredAt: body.occurredAt ?? now,
    dueAt: body.dueAt ?? null,
    doneAt: null,
    customerId: body.customerId ?? null,
    contactId: body.contactId ?? null,
    leadId: body.leadId ?? null,
    opportunityId: body.opportunityId ?? null,
    caseId: body.caseId ?? null,
    ownerId: null,
  };
}

/** The kit's field paths, as the composer's fields. */
const PATH_FIELDS: Record<string, DraftField> = {
  subject: 'subject',
  body: 'body',
  direction: 'direction',
  durationSeconds: 'duration',
  outcome: 'outcome',
  dueAt: 'due',
};

/** Puts the kit's validation errors next to the fields they are about; the rest go above the button. */
export function mapFieldErrors(t: Localizer, type: ActivityType, errors: FieldError[]) {
  const fieldErrors: FieldErrors = {};
  const other: FieldError[] = [];
  for (const error of errors) {
    const root = error.path.split('.')[0] ?? '';
    const field = root === 'occurredAt' ? (type === 'task' ? 'due' : 'when') : PATH_FIELDS[root];
    if (field && (field === 'subject' || field === 'body' || fieldsOf(type).has(field))) {
      fieldErrors[field] ??= serverMessage(t, error.message);
    } else {
      other.push(error);
    }
  }
  return { fieldErrors, other };
}

/** The kit's English validation messages, in the user's language where we know them. */
function serverMessage(t: Localizer, message: string): string {
  const tooLong = /^Too big: expected string to have <=\s?(\d+) characters/.exec(message);
  if (tooLong) return t.t('log.form.tooLong', { max: t.number(Number(tooLong[1])) });
  if (message === 'Required') return t.t('log.form.required');
  return message;
}
