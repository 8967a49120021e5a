import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { leadForms, organizations } from '../db/schema/index.js';
import type { CrmEnv } from '../http/env.js';
import { chooseLocale } from './form-page-texts.js';
import { PAGE_HEADERS, renderFormPage, type PageOutcome } from './form-page.js';

/** How a submission's body is encoded: JSON from a script, or either encoding of an HTML form. */
export function encodingOf(c: Context): 'json' | 'form' | null {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') return 'form';
  return null;
}

/**
 * Whether to answer with a page rather than JSON: an HTML form's encoding and an Accept that
 * does not ask for JSON, as a browser posting a form without script sends.
 */
export function wantsPage(c: Context): boolean {
  return encodingOf(c) === 'form' && !/json/i.test(c.req.header('accept') ?? '');
}

/** A form-encoded body's text fields (a file, which no form field is, is left out). */
export async function formFields(c: Context): Promise<Record<string, string>> {
  // Parsed from the bytes the route already read, with the request's own type (and boundary).
  const data = await new Response(await c.req.arrayBuffer(), {
    headers: { 'content-type': c.req.header('content-type') ?? '' },
  }).formData();
  const fields: Record<string, string> = {};
  for (const [key, value] of data) if (typeof value === 'string') fields[key] = value;
  return fields;
}

/** The page the request came from, when it is on one of the form's origins; else null. */
export function refererOn(c: Context, origins: string[]): URL | null {
  const referer = c.req.header('referer');
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return origins.includes(url.origin) ? url : null;
  } catch {
    return null;
  }
}

/** The way back to the form's page, without the status of an earlier submission. */
function backTo(c: Context, origins: string[]): string | null {
  const url = refererOn(c, origins);
  url?.searchParams.delete('crm_status');
  return url ? url.toString() : null;
}

/**
 * The page a plain HTML form's visitor gets: in the first of their languages the kit speaks,
 * else the organization's, else English; labels and the way back from the form (when the key
 * still names one).
 */
export async function formPageResponse(c: Context<CrmEnv>, status: number, outcome: PageOutcome): Promise<Response> {
  const [form] = await c.var.crmDb
    .select({ fields: leadForms.fields, origins: leadForms.allowedOrigins, orgLocale: organizations.locale })
    .from(leadForms)
    .innerJoin(organizations, eq(organizations.id, leadForms.orgId))
    .where(eq(leadForms.publicKey, c.req.param('publicKey') ?? ''))
    .limit(1);
  const locale = chooseLocale(c.req.header('accept-language'), form?.orgLocale);
  const body = await renderFormPage(outcome, {
    locale,
    fields: form?.fields ?? [],
    back: form ? backTo(c, form.origins) : null,
  });
  return new Response(body, { status, headers: { ...PAGE_HEADERS, 'content-language': locale } });
}
