import type { ActivityType } from '@crmkit/core';

/** The activity types, in the order the composer and the filter offer them. */
export const ACTIVITY_TYPES: readonly ActivityType[] = ['call', 'email', 'meeting', 'note', 'task'];

/** Outcomes a call can have, as the sample data and most CRMs record them. */
export const CALL_OUTCOMES = ['connected', 'left_voicemail', 'no_answer', 'busy', 'wrong_number'] as const;

/** What `for="kind:id"` may name, and the API filter (and activity field) each kind maps to. */
export const TARGET_FIELDS = {
  customer: 'customerId',
  opportunity: 'opportunityId',
  lead: 'leadId',
  contact: 'contactId',
  case: 'caseId',
} as const;
export type TargetKind = keyof typeof TARGET_FIELDS;
export type TargetField = (typeof TARGET_FIELDS)[TargetKind];

/** Whose activity a log shows. */
export interface Target {
  kind: TargetKind;
  field: TargetField;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `customer:019…` → the filter to list with; `null` when empty, `undefined` when it names nothing valid. */
export function parseTarget(value: string | null | undefined): Target | null | undefined {
  const text = (value ?? '').trim();
  if (!text) return null;
  const match = /^(\w+):(.+)$/.exec(text);
  if (!match) return undefined;
  const kind = match[1]!.toLowerCase() as TargetKind;
  const id = match[2]!.trim();
  if (!Object.hasOwn(TARGET_FIELDS, kind) || !UUID.test(id)) return undefined;
  return { kind, field: TARGET_FIELDS[kind], id: id.toLowerCase() };
}
