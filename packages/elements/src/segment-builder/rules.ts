// A segment's rules as the builder edits them: conditions in rows, matched all or any. The kit's rule
// tree (`SegmentRule`) may nest groups; the builder edits one level and leaves deeper trees as they are.
import {
  RFM_SEGMENTS,
  type CompanySize,
  type CustomerKind,
  type LifecycleStage,
  type SegmentCondition,
  type SegmentField,
  type SegmentRule,
} from '@crmkit/core';
import { minorDigits } from '../shared/localize.js';
import { typedMinorUnits } from '../shared/format.js';

/** How a field's value is entered: free text, one of a list, a member, tags, a count or an amount. */
export type FieldKind = 'text' | 'choice' | 'owner' | 'tags' | 'number' | 'money';
export type Operator = SegmentCondition['op'];

/** The fields the builder knows, in the order of its select, with how each is entered. */
export const FIELDS = {
  lifecycleStage: 'choice',
  kind: 'choice',
  size: 'choice',
  industry: 'text',
  region: 'text',
  source: 'text',
  tags: 'tags',
  ownerId: 'owner',
  orderCount: 'number',
  lifetimeValue: 'money',
  lastOrderDaysAgo: 'number',
  daysSinceLastPurchase: 'number',
  lastActivityDaysAgo: 'number',
  openOpportunities: 'number',
  rfmSegment: 'choice',
  rfmRecency: 'number',
  rfmFrequency: 'number',
  rfmMonetary: 'number',
} as const satisfies Record<SegmentField, FieldKind>;

/**
 * Fields a rule may hold that a new condition is not offered: the customer analysis' "days since the
 * last purchase" (its at-risk segments) says what "days since the last order" says, counted in the
 * organization's calendar days. A rule that holds it shows it; a new condition offers the one field.
 */
const KEPT_NOT_OFFERED: ReadonlySet<SegmentField> = new Set(['daysSinceLastPurchase']);

/** The fields a condition's select offers: the builder's, and its own field whatever it is. */
export const fieldsFor = (current: SegmentField): SegmentField[] =>
  (Object.keys(FIELDS) as SegmentField[]).filter((field) => field === current || !KEPT_NOT_OFFERED.has(field));

/** The operators each kind of field takes, in the order of its select (the kit's compile.ts decides). */
export const OPERATORS: Record<FieldKind, readonly Operator[]> = {
  text: ['eq', 'neq', 'contains', 'in', 'empty', 'notEmpty'],
  choice: ['eq', 'neq', 'empty', 'notEmpty'],
  owner: ['eq', 'neq', 'empty', 'notEmpty'],
  tags: ['contains', 'empty', 'notEmpty'],
  number: ['gte', 'lte', 'gt', 'lt', 'eq', 'neq'],
  money: ['gte', 'lte', 'gt', 'lt'],
};

/** The values a choice field offers. */
export const CHOICES = {
  lifecycleStage: ['subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned'] satisfies LifecycleStage[],
  kind: ['company', 'person'] satisfies CustomerKind[],
  size: ['1-10', '11-50', '51-200', '201-1000', '1001+'] satisfies CompanySize[],
  rfmSegment: RFM_SEGMENTS,
} as const;

/** One condition as its row holds it: the value as typed. */
export interface Row {
  field: SegmentField;
  op: Operator;
  value: string;
}

export type Match = 'all' | 'any';

/** The rows of an editable rule, or null for a rule nested deeper than the builder edits. */
export function rowsOf(rule: SegmentRule, currency: string): { match: Match; rows: Row[] } | null {
  const group =
    'all' in rule
      ? { match: 'all' as const, items: rule.all }
      : 'any' in rule
        ? { match: 'any' as const, items: rule.any }
        : null;
  const items = group ? (group.items as SegmentRule[]) : [rule];
  if (!items.every((item) => 'field' in item)) return null;
  return { match: group?.match ?? 'all', rows: (items as SegmentCondition[]).map((c) => rowOf(c, currency)) };
}

function rowOf(condition: SegmentCondition, currency: string): Row {
  const { field, op, value } = condition;
  let typed = '';
  if (Array.isArray(value)) typed = value.join(', ');
  else if (typeof value === 'number')
    typed = FIELDS[field] === 'money' ? String(value / 10 ** minorDigits(currency)) : String(value);
  else if (typeof value === 'string') typed = value;
  return { field, op, value: typed };
}

/** Whether a row's operator takes a value. */
export const takesValue = (op: Operator) => op !== 'empty' && op !== 'notEmpty';

/** A row as the kit's condition, or undefined while its value is missing or not a number where one is needed. */
export function conditionOf(row: Row, currency: string): SegmentCondition | undefined {
  const { field, op } = row;
  if (!takesValue(op)) return { field, op, value: null };
  const typed = row.value.trim();
  if (!typed) return undefined;
  const kind = FIELDS[field];
  if (kind === 'money') {
    const value = typedMinorUnits(typed, currency);
    return value === undefined ? undefined : { field, op, value };
  }
  if (kind === 'number') {
    const value = Number(typed.replace(/[\s,，]/g, ''));
    return Number.isFinite(value) ? { field, op, value } : undefined;
  }
  if (op === 'in') {
    const values = typed
      .split(/[,，、]/)
      .map((v) => v.trim())
      .filter(Boolean);
    return values.length ? { field, op, value: values } : undefined;
  }
  return { field, op, value: typed };
}

/** The rule of complete rows, or undefined while a row is incomplete (or there is none). */
export function ruleOf(match: Match, rows: readonly Row[], currency: string): SegmentRule | undefined {
  const conditions = rows.map((row) => conditionOf(row, currency));
  if (!conditions.length || conditions.some((c) => c === undefined)) return undefined;
  return (match === 'all' ? { all: conditions } : { any: conditions }) as SegmentRule;
}

/** A new row for `field`, or a row changed to it: its first operator, and no value. */
export const rowFor = (field: SegmentField): Row => ({ field, op: OPERATORS[FIELDS[field]][0]!, value: '' });
