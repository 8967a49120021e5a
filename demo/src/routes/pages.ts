import type { CrmApp, CrmDatabase } from '@crmkit/server';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Account, Accounts } from '../auth/accounts.js';
import { homeOf, sectionsFor, type Section } from '../auth/role-pages.js';
import type { Sessions } from '../auth/session.js';
import type { ClientBundle } from '../bundle.js';
import { customerPage } from '../views/customer.js';
import { customersPage } from '../views/customers.js';
import { dealPage } from '../views/deal.js';
import { pipelinePage } from '../views/pipeline.js';
import { forecastPage } from '../views/forecast.js';
import { reportsPage } from '../views/reports.js';
import { trashPage } from '../views/trash.js';
import { leadsPage } from '../views/leads.js';
import { myDayPage } from '../views/my-day.js';
import { casePage, casesPage } from '../views/cases.js';
import { mayBuildSegments, segmentsPage } from '../views/segments.js';
import { shopPage } from '../views/shop.js';
import { ledgerPage } from '../views/ledger.js';
import { integrationsPage } from '../views/integrations.js';
import { messagePage } from '../views/message.js';
import { portalLang } from '../i18n.js';
import { ledgerEntries } from '../shop/ledger.js';
import { placeOrder, readOrderForm } from '../shop/orders.js';

interface PageOptions {
  accounts: Accounts;
  sessions: Sessions;
  bundle: ClientBundle;
  /** The kit itself, asked server-side for what a page needs before the components load. */
  crm: CrmApp;
  /** The database, for the portal's own tables (the ledger). */
  database: CrmDatabase;
  /** The website's contact page (another origin), linked from the leads page. */
  contactUrl?: () => string | undefined;
}

type PageEnv = { Variables: { account: Account } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in pages: `/` (a redirect), `/customers`, `/customers/:id`, `/pipeline`, `/deals/:id`, `/forecast`, `/reports`, `/leads`, `/my-day`, `/cases`, `/cases/:id`, `/segments`, `/segments/:id`, `/trash`, `/shop`, `/ledger` and `/integrations`. */
export function pageRoutes({ accounts, sessions, bundle, crm, database, contactUrl }: PageOptions) {
  /** Sends strangers to the sign-in page, and back here after it. */
  const signedIn = createMiddleware<PageEnv>(async (c, next) => {
    const session = await sessions.read(c);
    const account = session && (await accounts.get(session.orgId, session.userId));
    if (!account) {
      // A valid cookie for a user who is gone: forget it, or /login would send them back here.
      if (session) sessions.end(c);
      return c.redirect(`/login?${new URLSearchParams({ next: c.req.path })}`);
    }
    c.set('account', account);
    await next();
  });

  /** Answers "not found" for a page the member's role does not work in (see auth/role-pages.ts). */
  const opens = (section: Section) =>
    createMiddleware<PageEnv>(async (c, next) => {
      const { account } = c.var;
      if (!sectionsFor(account.role).includes(section))
        return c.html(messagePage({ bundle, lang: portalLang(account.locale), kind: 'notFound' }), 404);
      await next();
    });

  return new Hono<PageEnv>()
    .get('/', async (c) => {
      const session = await sessions.read(c);
      return c.redirect(session ? homeOf(session.role) : '/login');
    })
    .get('/customers', signedIn, opens('customers'), (c) =>
      c.html(customersPage({ account: c.var.account, bundle, q: c.req.query('q')?.slice(0, 200) ?? '' })),
    )
    .get('/pipeline', signedIn, opens('pipeline'), async (c) => {
      // The default pipeline, asked of the kit as this user (same cookie).
      const res = await crm.request('/pipelines?limit=50', { headers: { cookie: c.req.header('cookie') ?? '' } });
      if (res.status !== 200) throw new Error(`The kit answered ${res.status} for pipelines`);
      const { items } = (await res.json()) as { items: { id: string; name: string; isDefault: boolean }[] };
      const pipeline = items.find((p) => p.isDefault) ?? items[0] ?? null;
      // Filters from a link (the forecast's figures): an owner and the expected close dates.
      const day = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');
      const owner = c.req.query('owner');
      const filters = {
        ownerId: owner && UUID.test(owner) ? owner.toLowerCase() : '',
        closeFrom: day(c.req.query('from')),
        closeTo: day(c.req.query('to')),
      };
      return c.html(pipelinePage({ account: c.var.account, bundle, pipeline, filters }));
    })
    .get('/forecast', signedIn, opens('forecast'), (c) => c.html(forecastPage({ account: c.var.account, bundle })))
    .get('/reports', signedIn, opens('reports'), (c) => c.html(reportsPage({ account: c.var.account, bundle })))
    .get('/my-day', signedIn, opens('my-day'), (c) => c.html(myDayPage({ account: c.var.account, bundle })))
    .get('/segments', signedIn, opens('segments'), async (c) => {
      const segments = await segmentsFor(c.req.header('cookie'));
      // A member who may not build segments reads the first saved one instead of an empty builder.
      if (!mayBuildSegments(c.var.account) && segments[0]) return c.redirect(`/segments/${segments[0].id}`);
      return c.html(segmentsPage({ account: c.var.account, bundle, segments, current: 'new' }));
    })
    .get('/segments/:id', signedIn, opens('segments'), async (c) => {
      const cookie = c.req.header('cookie');
      const [segments, current] = await Promise.all([
        segmentsFor(cookie),
        recordFor(cookie, 'segments', c.req.param('id')),
      ]);
      return c.html(segmentsPage({ account: c.var.account, bundle, segments, current }), current ? 200 : 404);
    })
    .get('/trash', signedIn, opens('trash'), (c) => c.html(trashPage({ account: c.var.account, bundle })))
    .get('/leads', signedIn, opens('leads'), (c) =>
      c.html(leadsPage({ account: c.var.account, bundle, contactUrl: contactUrl?.() })),
    )
    .get('/cases', signedIn, opens('cases'), (c) => c.html(casesPage({ account: c.var.account, bundle })))
    .get('/cases/:id', signedIn, opens('cases'), async (c) => {
      const kase = await recordFor(c.req.header('cookie'), 'cases', c.req.param('id'));
      return c.html(casePage({ account: c.var.account, bundle, kase }), kase ? 200 : 404);
    })
    .get('/customers/:id', signedIn, opens('customers'), async (c) => {
      const customer = await recordFor(c.req.header('cookie'), 'customers', c.req.param('id'));
      return c.html(customerPage({ account: c.var.account, bundle, customer }), customer ? 200 : 404);
    })
    .get('/shop', signedIn, opens('shop'), async (c) =>
      c.html(
        shopPage({
          account: c.var.account,
          bundle,
          customers: await customersFor(c.req.header('cookie')),
          orderId: crypto.randomUUID(),
        }),
      ),
    )
    .post('/shop/orders', signedIn, opens('shop'), async (c) => {
      const cookie = c.req.header('cookie') ?? '';
      const form = readOrderForm(await c.req.parseBody());
      const result = await placeOrder(crm, cookie, c.var.account, form);
      // To the customer's card, where the order shows in their lifetime value.
      if (result.placed) return c.redirect(`/customers/${result.customerId}`, 303);
      const customers = await customersFor(cookie);
      const sent = { customerId: form.customerId, quantities: form.quantities, error: result.error };
      return c.html(
        shopPage({ account: c.var.account, bundle, customers, orderId: form.orderId, sent }),
        result.status,
      );
    })
    .get('/ledger', signedIn, opens('ledger'), async (c) => {
      const { account } = c.var;
      return c.html(ledgerPage({ account, bundle, entries: await ledgerEntries(database.db, account.orgId) }));
    })
    .get('/integrations', signedIn, opens('integrations'), (c) => {
      const { account } = c.var;
      return c.html(integrationsPage({ account, bundle }));
    })
    .get('/deals/:id', signedIn, opens('pipeline'), async (c) => {
      const deal = await recordFor(c.req.header('cookie'), 'opportunities', c.req.param('id'));
      return c.html(dealPage({ account: c.var.account, bundle, deal }), deal ? 200 : 404);
    });

  /** The customers this user may see (the first 200 by name), asked of the kit as them. */
  async function customersFor(cookie: string | undefined) {
    const res = await crm.request('/customers?limit=200&sort=name', { headers: { cookie: cookie ?? '' } });
    if (res.status !== 200) throw new Error(`The kit answered ${res.status} for customers`);
    const { items } = (await res.json()) as { items: { id: string; name: string }[] };
    return items.map(({ id, name }) => ({ id, name }));
  }

  /**
   * A record asked of the kit as this user (same cookie), so the page shows exactly what its
   * element may show: null when it does not exist for them.
   */
  async function recordFor(
    cookie: string | undefined,
    resource: 'customers' | 'opportunities' | 'cases' | 'segments',
    id: string,
  ) {
    if (!UUID.test(id)) return null;
    const res = await crm.request(`/${resource}/${id.toLowerCase()}`, { headers: { cookie: cookie ?? '' } });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`The kit answered ${res.status} for ${resource} ${id}`);
    const record = (await res.json()) as { id: string; name?: string; subject?: string };
    // A case is named by its subject.
    return { id: record.id, name: record.name ?? record.subject ?? '' };
  }

  /** The organization's segments, by name, as the kit lists them for this user (the first hundred). */
  async function segmentsFor(cookie: string | undefined) {
    const res = await crm.request('/segments?limit=100&sort=name', { headers: { cookie: cookie ?? '' } });
    if (res.status !== 200) throw new Error(`The kit answered ${res.status} for segments`);
    const { items } = (await res.json()) as { items: { id: string; name: string }[] };
    return items.map(({ id, name }) => ({ id, name }));
  }
}
