import { z } from 'zod';

/**
 * U+0000 (PostgreSQL text cannot hold it) and a UTF-16 half without its pair (it would be stored
 * as U+FFFD, silently changing the text). With the `u` flag a paired surrogate is one code point
 * and does not match.
 */
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const FORBIDDEN_CHARACTER = /[\u0000\uD800-\uDFFF]/u;

/** Whether a text holds a character the kit refuses to store (see {@link Text}). */
export function hasForbiddenCharacter(text: string): boolean {
  return FORBIDDEN_CHARACTER.test(text);
}

/** The message and machine code of a refused character, for every place that checks text. */
export const FORBIDDEN_CHARACTER_ERROR = {
  message: 'Contains a character that cannot be stored (U+0000 or an unpaired surrogate)',
  params: { code: 'forbidden_character' },
} as const;

/**
 * Any text the kit stores or searches: every string field of the contract starts from this, so a
 * NUL or an unpaired surrogate is a 400 naming its field rather than a database error.
 */
// A copy: zod rewrites the params object it is given (`message` becomes `error`), which would
// leave the shared constant without its message for the JSON walk.
export const Text = z.string().refine((text) => !hasForbiddenCharacter(text), { ...FORBIDDEN_CHARACTER_ERROR });

/** Reusable field rules, so every resource validates the same thing the same way. */
export const Name = Text.trim().min(1, 'Required').max(200);
export const ShortText = Text.trim().max(200);
export const LongText = Text.max(20_000);
export const Email = z.email('Not an email address').max(320);
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{3,32}$/, 'Use digits, spaces and + ( ) - . / only');
export const Tag = Text.trim().min(1).max(50);
export const ExternalId = Text.trim().min(1).max(200);
export const Probability = z.number().int().min(0, 'At least 0').max(100, 'At most 100');
// Years start at 0001: PostgreSQL has no year 0000 (it counts 1 BC before AD 1).
const FROM_YEAR_ONE = 'Use a year from 0001 on';
export const IsoDate = z.iso
  .date('Use a date like 2026-03-31')
  .refine((value) => !value.startsWith('0000'), FROM_YEAR_ONE);
export const IsoDateTime = z.iso
  .datetime({ offset: true, message: 'Use a date and time like 2026-03-31T09:00:00Z' })
  // Not a date at all is the format's error alone (NaN < 1 is false): one error per field.
  .refine((value) => !(new Date(value).getUTCFullYear() < 1), FROM_YEAR_ONE);

/** An ISO 3166-1 alpha-2 country code such as `TW` or `US`. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166 code such as TW');
/** A BCP 47 language tag such as `en`, `zh-Hant` or `zh-TW`. */
export const LanguageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'Use a language tag such as en or zh-Hant');
