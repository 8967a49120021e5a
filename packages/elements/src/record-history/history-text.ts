// How a history entry reads: who did what, and each changed field as "Label: before → after", in
// the reader's language. Ids read as the names they stand for (a stage, a member) where the
// element knows them; fields only the kit keeps for itself (positions, search text) are left out.
import { CASE_STATUSES, type CaseStatus, type HistoryEntry } from '@crmkit/core';
import { dayText, fullMoney, percent } from '../shared/format.js';
import { FORECAST_CATEGORIES } from '../shared/records.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.category, en.history, en.field, en.deal, en.edit, en.case);

/** What names the ids in a history stand for, as far as the caller may see them. */
export interface Names {
  users: ReadonlyMap<string, string>;
  stages: ReadonlyMap<string, string>;
}

/** The fields a reader cares about, with their label. Any other field is the kit's own bookkeeping. */
const LABELS: Record<string, MessageKey> = {
  name: 'field.name',
  kind: 'field.kind',
  lifecycleStage: 'field.stage',
  industry: 'field.industry',
  region: 'field.region',
  size: 'field.size',
  source: 'field.source',
  emails: 'field.emails',
  phones: 'field.phones',
  website: 'field.website',
  address: 'field.address',
  tags: 'field.tags',
  title: 'field.title',
  ownerId: 'field.owner',
  customerId: 'field.customer',
  contactId: 'field.primary',
  stageId: 'field.pipelineStage',
  amount: 'field.amount',
  currency: 'field.currency',
  probability: 'deal.probability',
  expectedCloseDate: 'field.closeDate',
  forecastCategory: 'deal.category',
  lostReason: 'deal.lostReason',
  wonReason: 'deal.wonReason',
  competitors: 'deal.competitors',
  company: 'field.company',
  subject: 'field.subject',
  priority: 'field.priority',
  channel: 'field.channel',
  dueBy: 'field.dueBy',
  description: 'field.description',
  status: 'field.status',
};

/** One changed field, ready to show. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Who made the change: a member's name, "the system" (no member), or someone no longer here. */
export function actorName(t: Localizer, entry: HistoryEntry, names: Names): string {
  if (!entry.actorId) return t.t('history.system');
  return names.users.get(entry.actorId) ?? t.t('history.unknown');
}

/**
 * The fields an update changed, in the order of {@link LABELS}, each as the reader reads it.
 * `current` (the record as it is now) fills in what a value needs to be read, such as an amount's
 * currency when only the amount changed.
 */
export function changesOf(
  t: Localizer,
  entry: HistoryEntry,
  names: Names,
  current: Record<string, unknown> = {},
): FieldChange[] {
  const before = { ...current, ...entry.before };
  const after = { ...current, ...entry.after };
  const changed = new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]);
  return Object.keys(LABELS)
    .filter((field) => changed.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({
      field,
      label: t.t(LABELS[field]!),
      before: valueText(t, field, before[field], before, names),
      after: valueText(t, field, after[field], after, names),
    }));
}

/** A field's value in words: money in its currency, days and percentages in the locale, ids as names. */
export function valueText(
  t: Localizer,
  field: string,
  value: unknown,
  record: Record<string, unknown>,
  names: Names,
): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return t.t('edit.empty');
  }
  if (Array.isArray(value)) return t.list(value.map(String));
  if (field === 'amount' && typeof value === 'number' && typeof record.currency === 'string') {
    return fullMoney(t, { amount: value, currency: record.currency });
  }
  if (field === 'probability' && typeof value === 'number') return percent(t, value / 100);
  if (field === 'stageId') return names.stages.get(String(value)) ?? t.t('history.hidden');
  if (field === 'ownerId') return names.users.get(String(value)) ?? t.t('history.unknown');
  if (field === 'customerId' || field === 'contactId') return t.t('history.hidden');
  if (field === 'forecastCategory' && FORECAST_CATEGORIES.includes(value as never))
    return t.t(`category.${value}` as MessageKey);
  // A case's status in words (a lead's, which the inbox names as queues, as it is).
  if (field === 'status' && CASE_STATUSES.includes(value as never)) return t.t(`case.status.${value as CaseStatus}`);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dayText(t, value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return t.date(value, { dateStyle: 'medium', timeStyle: 'short' });
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
