import { HONEYPOT_FIELD, LeadSubmission, LeadSubmissionResult, NoQuery, PublicLeadForm } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { clientAddress } from '../auth/client-address.js';
import type { AuthOptions } from '../auth/options.js';
import { inOrg } from '../db/database.js';
import { leadForms } from '../db/schema/index.js';
import type { Caller, CrmEnv } from '../http/env.js';
import { fieldErrors, ProblemError, validationProblem } from '../http/problem.js';
import { json, problem } from '../resources/routes.js';
import { attributionOf, checkForm, formErrors, storeSubmission } from './capture.js';
import { TOKEN_EARLY, TOKEN_STALE } from './form-page.js';
import { formTokenTime, issueFormToken } from './form-token.js';
import { encodingOf, formFields, formPageResponse, refererOn, wantsPage } from './plain-form.js';
import { hitLimits } from './rate-limit.js';

/** A submission's body is small: a form's fields and a token. */
const MAX_SUBMISSION_BYTES = 16 * 1024;
/** A start token is good for a day; older ones are refused like a missing one. */
const TOKEN_LIFETIME_MS = 24 * 3600_000;
/** Per address and form: 5 a minute, 30 an hour. Per form: 600 an hour. */
const LIMITS = (formId: string, address: string) => [
  { key: `form-address-min:${formId}:${address}`, max: 5, windowSeconds: 60 },
  { key: `form-address-hour:${formId}:${address}`, max: 30, windowSeconds: 3600 },
  { key: `form:${formId}`, max: 600, windowSeconds: 3600 },
];
/**
 * Opening a form (a start token each time): 60 a minute per address and form, 1,200 a minute per
 * form. Far above what people reading a page do, but a token mill is held to it.
 */
const VIEW_LIMITS = (formId: string, address: string) => [
  { key: `form-view-address:${formId}:${address}`, max: 60, windowSeconds: 60 },
  { key: `form-view:${formId}`, max: 1200, windowSeconds: 60 },
];

const keyParam = z.object({ publicKey: z.string().max(100) });
const FormBody = z.record(z.string(), z.string()).describe('The fields of LeadSubmission, as a form sends them');

/** The live, active form of a public key, read past row-level security: the key is the credential. */
async function findForm(c: Context<CrmEnv>, publicKey: string) {
  const [form] = await c.var.crmDb
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.publicKey, publicKey), isNull(leadForms.deletedAt), eq(leadForms.active, true)));
  if (!form) throw new ProblemError(404, 'No such form.');
  return form;
}

/** CORS for the form's own allowed origins only; another site's browser request is refused. */
function allowOrigin(c: Context, origins: string[]): void {
  const origin = c.req.header('origin');
  if (!origin || origin === new URL(c.req.url).origin) return;
  if (!origins.includes(origin)) throw new ProblemError(403, 'This site may not use this form.');
  c.header('access-control-allow-origin', origin);
  c.header('vary', 'Origin', { append: true });
  c.header('access-control-expose-headers', 'Retry-After');
}

/** Where a plain HTML form goes after a submission: the form's page (its allowed origins only), with a status. */
function backTo(c: Context, origins: string[], status: string): string | null {
  const url = refererOn(c, origins);
  url?.searchParams.set('crm_status', status);
  return url ? url.toString() : null;
}

/** The public routes of lead forms: no sign-in, each scoped by its key to the form's organization. */
export function publicLeadFormRoutes(options: AuthOptions) {
  const app = new OpenAPIHono<CrmEnv>();
  // A browser posting a form without script shows what it gets: a refusal becomes a page (same
  // status), not JSON; no redirect, so the form the visitor goes back to still holds their input.
  app.use('/public/lead-forms/:publicKey/submissions', async (c, next) => {
    await next();
    if (c.error instanceof ProblemError && wantsPage(c)) {
      const retryAfter = Number(c.res.headers.get('retry-after')) || undefined;
      c.res = await formPageResponse(c, c.error.status, { kind: 'problem', problem: c.error.problem, retryAfter });
    }
  });
  // Read (within the kit's own body limit) and measured before the validator parses it; the
  // request keeps the bytes for the validator and the handler.
  app.use('/public/lead-forms/:publicKey/submissions', async (c, next) => {
    if (c.req.method === 'POST' && (await c.req.arrayBuffer()).byteLength > MAX_SUBMISSION_BYTES)
      throw new ProblemError(413, 'A form submission is at most 16 kB.');
    await next();
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/public/lead-forms/{publicKey}',
      tags: ['Lead forms'],
      summary: 'A form to render (public)',
      description:
        'No sign-in. The fields, texts, the honeypot field name, and a signed start token to send back. ' +
        'Limits: 60 a minute per address and form, 1,200 a minute per form (429 with Retry-After).',
      request: { params: keyParam, query: NoQuery },
      responses: {
        200: json(PublicLeadForm, 'The form'),
        400: problem('An unknown query parameter'),
        403: problem('Requested from a site the form does not allow'),
        404: problem('No such active form'),
        429: problem('Opened too often; see Retry-After'),
      },
    }),
    async (c) => {
      const form = await findForm(c, c.req.valid('param').publicKey);
      allowOrigin(c, form.allowedOrigins);
      const address = clientAddress(c, options);
      await inOrg(c.var.crmDb, { orgId: form.orgId, role: 'admin' }, (tx) =>
        hitLimits(c, tx, form.orgId, VIEW_LIMITS(form.id, address), 'This form was opened too often; try again later.'),
      );
      return c.json(
        {
          fields: form.fields,
          consentText: form.consentText,
          thankYouText: form.thankYouText,
          token: await issueFormToken(form.secret),
          honeypot: HONEYPOT_FIELD,
        },
        200,
      );
    },
  );

  app.options('/public/lead-forms/:publicKey/submissions', async (c) => {
    const form = await findForm(c, c.req.param('publicKey'));
    allowOrigin(c, form.allowedOrigins);
    c.header('access-control-allow-methods', 'POST');
    c.header('access-control-allow-headers', 'Content-Type');
    c.header('access-control-max-age', '600');
    return c.body(null, 204);
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/public/lead-forms/{publicKey}/submissions',
      tags: ['Lead forms'],
      summary: 'Submit a form (public)',
      description:
        'No sign-in. JSON, or a plain HTML form (`application/x-www-form-urlencoded` or `multipart/form-data`): ' +
        "answered with a 303 to the form's redirect URL, else back to the page with `crm_status`, else a thank-you " +
        "page. Unless its Accept asks for JSON, a plain form's refusal is a small HTML page in the visitor's " +
        'language (same status) naming each field by its label, with the way back to the form. ' +
        'Send the start token of `GET` as `_token`; ' +
        'a submission sooner than the form allows, or with the honeypot field filled, stores nothing. An open lead ' +
        'with the same email gets the submission as a note; otherwise a new lead, assigned by the rules. ' +
        'Limits: 5 a minute and 30 an hour per address and form, 600 an hour per form (429 with Retry-After); 16 kB.',
      request: {
        params: keyParam,
        body: {
          required: true,
          content: {
            'application/json': { schema: LeadSubmission },
            // A plain form sends blank fields as empty strings: they are dropped, then the JSON rules apply.
            'application/x-www-form-urlencoded': { schema: FormBody },
            'multipart/form-data': { schema: FormBody },
          },
        },
      },
      responses: {
        201: {
          description: 'Received (a plain HTML form with nowhere to go back to gets a thank-you page)',
          content: {
            'application/json': { schema: LeadSubmissionResult },
            'text/html': { schema: z.string() },
          },
        },
        303: { description: 'Received from a plain HTML form: to the thank-you page or back to the form' },
        400: problem('Some fields are not valid, or the start token is missing, forged, stale or too recent'),
        403: problem('Sent from a site the form does not allow'),
        404: problem('No such active form'),
        413: problem('Over 16 kB'),
        415: problem('Neither JSON nor a form encoding'),
        429: problem('Too many submissions; see Retry-After'),
      },
    }),
    // The body is read here, not by the validator: a plain HTML form's errors are still field errors.
    async (c) => {
      const form = await findForm(c, c.req.valid('param').publicKey);
      allowOrigin(c, form.allowedOrigins);
      const encoding = encodingOf(c);
      const plain = encoding === 'form';
      if (!encoding)
        throw new ProblemError(415, 'Send JSON, application/x-www-form-urlencoded or multipart/form-data.');
      let raw: unknown;
      try {
        raw = plain ? await formFields(c) : await c.req.json();
      } catch {
        throw new ProblemError(400, plain ? 'The form data is malformed.' : 'The body is not valid JSON.');
      }
      // Empty form fields are fields left out.
      if (plain) raw = Object.fromEntries(Object.entries(raw as Record<string, string>).filter(([, v]) => v !== ''));
      const parsed = LeadSubmission.safeParse(raw);
      const done = async () => {
        const target = plain ? (form.redirectUrl ?? backTo(c, form.allowedOrigins, 'ok')) : null;
        if (target) return c.redirect(target, 303);
        if (wantsPage(c)) return formPageResponse(c, 201, { kind: 'thanks', text: form.thankYouText });
        return c.json({ ok: true as const, thankYouText: form.thankYouText, redirectUrl: form.redirectUrl }, 201);
      };
      if (!parsed.success) {
        // With the form's own rules (required fields, consent) on what was sent: every error at once.
        const errors = fieldErrors(parsed.error, raw);
        if (raw && typeof raw === 'object' && !Array.isArray(raw))
          for (const e of formErrors(form, raw as LeadSubmission))
            if (!errors.some((x) => x.path === e.path)) errors.push(e);
        throw validationProblem(errors);
      }
      const input = parsed.data;
      // A bot: answered as a success, so it learns nothing, and nothing is stored.
      if (input[HONEYPOT_FIELD]) return done();
      const opened = await formTokenTime(form.secret, input._token);
      const age = opened === null ? -1 : Date.now() - opened;
      if (age < 0 || age > TOKEN_LIFETIME_MS)
        throw validationProblem([{ path: '_token', code: 'invalid_value', message: TOKEN_STALE }]);
      if (age < form.minFillSeconds * 1000)
        throw validationProblem([{ path: '_token', code: 'invalid_value', message: TOKEN_EARLY }]);
      checkForm(form, input);
      // The kit acts for the organization: no member, every record visible, assignment rules apply.
      const caller: Caller = { orgId: form.orgId, userId: null, role: 'admin', via: 'api-key' };
      const address = clientAddress(c, options);
      await inOrg(c.var.crmDb, { orgId: form.orgId, role: 'admin' }, async (tx) => {
        await hitLimits(c, tx, form.orgId, LIMITS(form.id, address));
        await storeSubmission(tx, caller, form, input, attributionOf(input, c.req.header('referer')));
      });
      return done();
    },
  );
  return app;
}
