// A second website beside the portal, on its own origin: the company's public site with a "Contact us"
// page that carries crmkit's lead form. Visitors submit it without signing in; the form posts to the
// portal's kit across origins, allowed by the form's own list of origins (set here at start-up), and
// the organization's assignment rules give the lead to a rep, whose inbox shows it.
import { serveStatic } from '@hono/node-server/serve-static';
import type { CrmDatabase } from '@crmkit/server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import { distDir, type ClientBundle } from './bundle.js';
import { document } from './views/layout.js';

/** The sample organizations' sites: path, organization, language and the page's words. */
const SITES = [
  {
    path: '/',
    slug: 'acme',
    lang: 'en',
    title: 'Contact Acme Supply Co.',
    intro:
      'Questions about an order, a quote for your store, or a new line of products? Tell us and we will get back to you.',
  },
  {
    path: '/formosa',
    slug: 'formosa',
    lang: 'zh-Hant',
    title: '聯絡福爾摩沙貿易',
    intro: '想詢問報價、訂單或新品？留下您的資料，我們會盡快與您聯繫。',
  },
] as const;

/** Rows of raw SQL, on PostgreSQL (an array) and the embedded database (`{ rows }`) alike. */
async function rowsOf<T>(database: CrmDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Lets `origins` use the sample organizations' lead forms (added to each form's own list), as an
 * administrator would when they put the form on their site. Runs as the database owner.
 */
export async function allowContactOrigins(database: CrmDatabase, origins: string[]): Promise<void> {
  await database.db.execute(sql`
    update crm.lead_forms f
       set allowed_origins = (select array_agg(distinct o) from unnest(f.allowed_origins || string_to_array(${origins.join(' ')}, ' ')) as o)
      from crm.organizations org
     where org.id = f.org_id and org.slug in ('acme', 'formosa') and f.deleted_at is null`);
}

/** The contact site: `/` (Acme, in English) and `/formosa` (in Traditional Chinese). */
export function createContactSite({
  database,
  bundle,
  crmBaseUrl,
}: {
  database: CrmDatabase;
  bundle: ClientBundle;
  /** The portal's kit, as the visitor's browser reaches it (another origin). */
  crmBaseUrl: string;
}) {
  const site = new Hono();
  site.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", new URL(crmBaseUrl).origin],
        formAction: ["'self'", new URL(crmBaseUrl).origin],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false,
    }),
  );
  site.use('/assets/*', serveStatic({ root: distDir }));
  for (const { path, slug, lang, title, intro } of SITES) {
    site.get(path, async (c) => {
      const [form] = await rowsOf<{ public_key: string }>(
        database,
        sql`select f.public_key from crm.lead_forms f join crm.organizations o on o.id = f.org_id
             where o.slug = ${slug} and f.active and f.deleted_at is null order by f.created_at limit 1`,
      );
      return c.html(
        document({
          lang,
          title,
          bundle,
          scripts: ['contact.ts'],
          bodyClass: 'contact-site',
          body: html`<main class="contact" id="main">
            <h1>${title}</h1>
            <p>${intro}</p>
            ${form ? html`<crm-lead-form base-url="${crmBaseUrl}" public-key="${form.public_key}"></crm-lead-form>` : ''}
          </main>`,
        }),
      );
    });
  }
  return site;
}
