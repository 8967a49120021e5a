// Field errors as the kit sends them in a problem document (`errors: [{ path, code, min, max }]`),
// told to the user in their language from the machine code, never from the English message.
import { ApiError, type FieldError, type FieldErrorCode } from '@crmkit/core';
import { useEnglish, type Localizer, type MessageKey } from './localize.js';
import * as en from './messages/en.js';

useEnglish(en.problem);

/** What a field error says, by code; codes a form cannot meet read as "Not valid". */
const BY_CODE: Partial<Record<FieldErrorCode, MessageKey>> = {
  required: 'problem.required',
  invalid_format: 'problem.invalid_format',
  invalid_value: 'problem.invalid_value',
  invalid_type: 'problem.invalid_type',
  too_short: 'problem.too_short',
  too_long: 'problem.too_long',
  too_small: 'problem.too_small',
  too_big: 'problem.too_big',
  not_found: 'problem.not_found',
  already_used: 'problem.already_used',
  forbidden_character: 'problem.forbidden_character',
};

/** A field's error as a form holds it: the code and its limits. */
export type FieldProblem = Pick<FieldError, 'code' | 'min' | 'max'>;

/**
 * The localized text of a field error. `formatKey` replaces the generic "check the format" where a
 * field can say more (an email address, a phone number).
 */
export function fieldErrorText(t: Localizer, error: FieldProblem, formatKey?: MessageKey): string {
  if (error.code === 'invalid_format' && formatKey) return t.t(formatKey);
  const key = BY_CODE[error.code] ?? 'problem.other';
  return t.t(key, { min: t.number(error.min ?? 0), max: t.number(error.max ?? 0) });
}

/**
 * The field errors of a refused request, by field: `emails.0` is the form's `emails`,
 * `customFields.budget.amount` its `customFields.budget`; the first error of a field wins. Empty
 * when the error carries none (not a validation failure).
 */
export function fieldProblems(error: unknown): Map<string, FieldProblem> {
  const problems = new Map<string, FieldProblem>();
  if (!(error instanceof ApiError)) return problems;
  for (const { path, code, min, max } of error.problem.errors ?? []) {
    const parts = path.split('.');
    const field = parts.slice(0, parts[0] === 'customFields' ? 2 : 1).join('.');
    if (!problems.has(field)) problems.set(field, { code, min, max });
  }
  return problems;
}
