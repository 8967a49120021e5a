import type { CrmApp } from '@crmkit/server';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Account, Accounts } from '../auth/accounts.js';
import type { Sessions } from '../auth/session.js';
import type { ClientBundle } from '../bundle.js';
import { customerPage } from '../views/customer.js';
import { customersPage } from '../views/customers.js';
import { pipelinePage } from '../views/pipeline.js';
import { forecastPage } from '../views/forecast.js';

interface PageOptions {
  accounts: Accounts;
  sessions: Sessions;
  bundle: ClientBundle;
  /** The kit itself, asked server-side for what a page needs before the components load. */
  crm: CrmApp;
}

type PageEnv = { Variables: { account: Account } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in pages: `/` (a redirect), `/customers`, `/customers/:id`, `/pipeline` and `/forecast`. */
export function pageRoutes({ accounts, sessions, bundle, crm }: PageOptions) {
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

  return new Hono<PageEnv>()
    .get('/', async (c) => c.redirect((await sessions.read(c)) ? '/customers' : '/login'))
    .get('/customers', signedIn, (c) =>
      c.html(customersPage({ account: c.var.account, bundle, q: c.req.query('q')?.slice(0, 200) ?? '' })),
    )
    .get('/pipeline', signedIn, async (c) => {
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
    .get('/forecast', signedIn, (c) => c.html(forecastPage({ account: c.var.account, bundle })))
    .get('/customers/:id', signedIn, async (c) => {
      const { account } = c.var;
      const id = c.req.param('id');
      // Ask the kit as this user (same cookie), so the page shows exactly what the card may show.
      const res = UUID.test(id)
        ? await crm.request(`/customers/${id.toLowerCase()}`, { headers: { cookie: c.req.header('cookie') ?? '' } })
        : null;
      if (res && res.status !== 200 && res.status !== 404) {
        throw new Error(`The kit answered ${res.status} for customer ${id}`);
      }
      const customer = res?.status === 200 ? ((await res.json()) as { id: string; name: string }) : null;
      return c.html(customerPage({ account, bundle, customer }), customer ? 200 : 404);
    });
}
