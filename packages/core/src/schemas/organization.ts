import { z } from 'zod';
import { CurrencyCode, Id } from './common.js';
import { Name, Text } from './fields.js';
import { Locale } from './people.js';

/** Whether a text is a web origin exactly as a browser sends it: scheme, host and port, nothing more. */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

/** The origin of a site whose pages may embed an organization's components, e.g. `https://shop.example.com`. */
export const Origin = Text.max(200).refine(isOrigin, 'Use an origin like https://shop.example.com (no path or slash)');

/** The fewest characters of an embed secret: HMAC-SHA256 with a shorter key is open to guessing. */
export const EMBED_SECRET_MIN_LENGTH = 32;
/** The fewest different characters of an embed secret: fewer is a word or a pattern, not random data. */
export const EMBED_SECRET_MIN_DISTINCT = 10;
const RANDOM_HINT = 'use random data, e.g. the output of openssl rand -base64 48';

/**
 * The secret an organization's embed tokens are signed with. Only a minimum: at least 32
 * characters with at least 10 different ones, so that a word, a repeated character or a short
 * pattern is refused; it should be random data.
 */
export const EmbedSecret = Text.min(EMBED_SECRET_MIN_LENGTH, {
  message: `At least ${EMBED_SECRET_MIN_LENGTH} characters: ${RANDOM_HINT}`,
  abort: true,
})
  .max(512)
  .refine((secret) => new Set(secret).size >= EMBED_SECRET_MIN_DISTINCT, {
    message: `Too predictable (fewer than ${EMBED_SECRET_MIN_DISTINCT} different characters): ${RANDOM_HINT}`,
  });

/** A time zone of the IANA database, e.g. `Asia/Taipei` (the server checks that PostgreSQL knows it). */
export const TimeZone = Text.trim().min(1).max(64);

/** Units of the base currency per unit of each other currency, e.g. `{ "TWD": 0.031 }`. */
export const ExchangeRates = z
  .record(CurrencyCode, z.number().positive('Above 0').max(1e9))
  .refine((rates) => Object.keys(rates).length <= 200, { message: 'At most 200 currencies', params: { max: 200 } });

/** The short name of an organization in URLs and host identities, e.g. `acme` or `formosa-tea`. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use lower-case letters, digits and hyphens (at most 63), e.g. formosa-tea');

/**
 * The month (1 = January … 12) in which the organization's fiscal year starts: quotas' and reports'
 * quarters and years follow it. A fiscal year is named after the calendar year it ends in.
 */
export const FiscalYearStartMonth = z
  .number()
  .int('A whole month number')
  .min(1, 'A month from 1 (January)')
  .max(12, 'A month up to 12 (December)')
  .describe('The month (1–12) in which the fiscal year starts; quarters and years of quotas and reports follow it');

/**
 * The ISO weekday (1 = Monday … 7 = Sunday) on which the organization's weeks start: the
 * forecast's weekly snapshots follow it. Many teams in the US, Taiwan and Hong Kong start on Sunday.
 */
export const WeekStartsOn = z
  .number()
  .int('A whole weekday number')
  .min(1, 'A weekday from 1 (Monday)')
  .max(7, 'A weekday up to 7 (Sunday)')
  .describe('The ISO weekday (1 = Monday … 7 = Sunday) on which weeks start; the weekly forecast snapshots follow it');

/** What an organization's owner or admin may change about it. */
export const OrganizationSettings = z.object({
  name: Name,
  baseCurrency: CurrencyCode,
  exchangeRates: ExchangeRates,
  locale: Locale,
  timeZone: TimeZone,
  fiscalYearStartMonth: FiscalYearStartMonth,
  weekStartsOn: WeekStartsOn,
  allowedOrigins: z
    .array(Origin)
    .max(100)
    .describe('Sites whose pages may call the kit with embed tokens (CORS); applies to the next request'),
  embedSecret: EmbedSecret.nullable().describe(
    'Signs this organization’s embed tokens (write-only; null removes it and the kit’s own `embedSecret` applies)',
  ),
});

/** A change of settings: the named fields only; unknown fields are refused. */
export const OrganizationPatch = OrganizationSettings.partial().strict();
export type OrganizationPatch = z.input<typeof OrganizationPatch>;

/** A new organization, as the host's process or the CLI creates it (never a request: see docs/getting-started.md). */
export const OrganizationCreate = OrganizationSettings.partial().extend({ slug: Slug, name: Name }).strict();
export type OrganizationCreate = z.input<typeof OrganizationCreate>;

/** An organization as the API shows it: its settings, without the embed secret itself. */
export const Organization = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  baseCurrency: CurrencyCode,
  exchangeRates: z.record(z.string(), z.number()),
  locale: z.string(),
  timeZone: z.string(),
  fiscalYearStartMonth: z.number().int().describe("The month (1–12) in which the organization's fiscal year starts"),
  weekStartsOn: z
    .number()
    .int()
    .describe("The ISO weekday (1 = Monday … 7 = Sunday) on which the organization's weeks start"),
  allowedOrigins: z.array(z.string()),
  embedSecretSet: z.boolean().describe('Whether the organization has an embed secret of its own'),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
});
export type Organization = z.infer<typeof Organization>;
