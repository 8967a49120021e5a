import type { FieldError, Problem } from '@crmkit/core';
import { html } from 'hono/html';
import { PAGE_TEXTS, type PageLocale, type PageTexts } from './form-page-texts.js';

/** The start token's two refusals, told apart on the page: wait and resend, or reload. */
export const TOKEN_STALE = 'Open the form again: its start token is missing or stale';
export const TOKEN_EARLY = 'Sent too soon after opening';

/** What a plain HTML form's visitor is told: a refusal (as its problem) or thanks. */
export type PageOutcome =
  { kind: 'problem'; problem: Problem; retryAfter?: number } | { kind: 'thanks'; text: string | null };

export interface PageContext {
  locale: PageLocale;
  /** The form's fields, for their labels. */
  fields: { name: string; label: string }[];
  /** The page the form was on, when it is one of the form's own origins. */
  back: string | null;
}

/**
 * Headers of the page: it runs nothing and loads nothing (its one style is inline), and is the
 * answer to one POST, never to be cached.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** One line per field error, by the field's label, in the page's language. */
function fieldLine(t: PageTexts, fields: PageContext['fields'], error: FieldError): string {
  const label = fields.find((f) => f.name === error.path)?.label ?? (error.path === 'consent' ? t.consent : error.path);
  if (error.code === 'required') return t.field.required(label);
  if (error.code === 'too_long' && error.max !== undefined) return t.field.too_long(label, error.max);
  if (error.code === 'invalid_format' && (error.path === 'email' || error.path === 'phone' || error.path === 'country'))
    return t.field[error.path](label);
  return t.field.other(label);
}

/** The title, paragraphs and list of an outcome. */
function content(t: PageTexts, outcome: PageOutcome, fields: PageContext['fields']) {
  if (outcome.kind === 'thanks') return { title: t.thanksTitle, lines: [outcome.text ?? t.thanksBody], list: [] };
  const { problem } = outcome;
  const errors = problem.errors ?? [];
  const token = errors.find((e) => e.path === '_token');
  if (token)
    return token.message === TOKEN_EARLY
      ? { title: t.earlyTitle, lines: [t.earlyBody], list: [] }
      : { title: t.expiredTitle, lines: [t.expiredBody], list: [] };
  if (problem.status === 400 && errors.length) {
    // In the order the visitor sees the fields; consent (below them) and anything else after.
    const rank = (e: FieldError) => {
      const i = fields.findIndex((f) => f.name === e.path);
      return i >= 0 ? i : fields.length;
    };
    const sorted = [...errors].sort((a, b) => rank(a) - rank(b));
    return {
      title: t.invalidTitle,
      lines: [t.invalidIntro],
      list: [...new Set(sorted.map((e) => fieldLine(t, fields, e)))],
    };
  }
  if (problem.status === 429) return { title: t.busyTitle, lines: [t.busyBody(outcome.retryAfter ?? 60)], list: [] };
  const why = problem.status === 413 ? t.tooLarge : problem.status === 404 ? t.gone : t.tryLater;
  return { title: t.failedTitle, lines: [why], list: [] };
}

/**
 * A small page for a visitor whose browser sent a plain HTML form (no script): what went wrong,
 * each field's error by its label, and the way back, where what they typed is still in the form.
 * Everything interpolated is escaped by `html`.
 */
export async function renderFormPage(outcome: PageOutcome, { locale, fields, back }: PageContext): Promise<string> {
  const t = PAGE_TEXTS[locale];
  const { title, lines, list } = content(t, outcome, fields);
  const refused = outcome.kind === 'problem';
  const page = html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          :root {
            color-scheme: light dark;
            font-family: system-ui, sans-serif;
            line-height: 1.5;
          }
          main {
            max-width: 36rem;
            margin: 2rem auto;
            padding: 0 1rem;
          }
          h1 {
            font-size: 1.5rem;
          }
          li {
            margin: 0.25rem 0;
          }
          a {
            font-weight: 600;
          }
        </style>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${lines.map((line) => html`<p>${line}</p>`)}
          ${
            list.length
              ? html`<ul>
                  ${list.map((item) => html`<li>${item}</li>`)}
                </ul>`
              : ''
          }
          ${refused && back ? html`<p><a href="${back}">${t.backLink}</a></p>` : ''}
          ${refused ? html`<p>${t.backHint}</p>` : ''}
        </main>
      </body>
    </html> `;
  return String(await page);
}
