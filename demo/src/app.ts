import { serveStatic } from '@hono/node-server/serve-static';
import { createCrm, type CrmDatabase } from '@crmkit/server';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Accounts } from './auth/accounts.js';
import type { Sessions } from './auth/session.js';
import { distDir, type ClientBundle } from './bundle.js';
import { portalLang } from './i18n.js';
import { authRoutes } from './routes/auth.js';
import { pageRoutes } from './routes/pages.js';
import { API_BASE } from './views/customers.js';
import { FAVICON } from './views/layout.js';
import { messagePage } from './views/message.js';
import { ledgerHooks } from './shop/ledger.js';

export interface PortalOptions {
  database: CrmDatabase;
  accounts: Accounts;
  sessions: Sessions;
  bundle: ClientBundle;
  /** The website's contact page, on its own origin (see contact-site.ts), linked from the leads page once it listens. */
  contactUrl?: () => string | undefined;
}

/**
 * The demo portal: its own sign-in and pages, the built browser code under `/assets/`, and
 * crmkit mounted at `/api/crm`, trusting the portal's session through `identify`.
 */
export function createPortal({ database, accounts, sessions, bundle, contactUrl }: PortalOptions) {
  const crm = createCrm({
    database,
    identify: async (c) => {
      const session = await sessions.read(c);
      return session && { orgId: session.orgId, userId: session.userId, role: session.role };
    },
    // A won deal books a row in the portal's ledger, in the same transaction (see shop/ledger.ts).
    hooks: ledgerHooks,
  });

  const host = new Hono();
  // Refuses cross-site form posts (to /login, /logout and the kit alike); JSON needs CORS anyway. The
  // kit's public routes (lead forms) take posts from other sites by design, checked by each form's origins.
  const refuseCrossSite = csrf();
  host.use((c, next) => (c.req.path.startsWith(`${API_BASE}/public/`) ? next() : refuseCrossSite(c, next)));
  // The portal's own pages get a strict policy; the kit sets its own headers under API_BASE.
  host.use('*', async (c, next) => (c.req.path.startsWith(`${API_BASE}/`) ? next() : pageHeaders(c, next)));

  host.route(API_BASE, crm);
  host.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      // File names carry a content hash: a changed file is a new URL.
      onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );
  host.get('/favicon.svg', (c) => c.body(FAVICON, 200, { 'content-type': 'image/svg+xml' }));
  host.route('/', authRoutes({ accounts, sessions, bundle }));
  host.route('/', pageRoutes({ accounts, sessions, bundle, crm, database, contactUrl }));

  host.notFound(async (c) => {
    // Under a host the kit's own not-found handler does not run: answer in its format here.
    if (c.req.path.startsWith(`${API_BASE}/`)) {
      return c.json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such route.' }, 404, {
        'content-type': 'application/problem+json',
      });
    }
    const session = await sessions.read(c);
    const account = session && (await accounts.get(session.orgId, session.userId));
    return c.html(messagePage({ bundle, lang: portalLang(account?.locale ?? 'en'), kind: 'notFound' }), 404);
  });

  host.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    console.error(error);
    if (c.req.path.startsWith(`${API_BASE}/`)) {
      return c.json({ type: 'about:blank', title: 'Internal Server Error', status: 500 }, 500, {
        'content-type': 'application/problem+json',
      });
    }
    return c.html(messagePage({ bundle, lang: 'en', kind: 'failed' }), 500);
  });

  return host;
}

const pageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Components may set inline style attributes; scripts stay strictly same-origin.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  // HSTS is for whoever terminates TLS in front of the portal; over plain http it means nothing.
  strictTransportSecurity: false,
});
