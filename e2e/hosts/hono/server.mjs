// A shop's back office on Hono, in plain JavaScript: its own staff sign-in, crmkit mounted at
// /api/crm trusting that sign-in through `identify`, and one page with a customer card and the
// pipeline board. `DATABASE_URL` picks a PostgreSQL server, else the embedded database in .crmkit/.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import { createCrm, migrate } from '@crmkit/server';
import { openDatabase, serveElements, serveNode } from '@crmkit/server/node';

const SECRET = process.env.SESSION_SECRET; // signs the shop's session cookie
const PASSWORD = process.env.STAFF_PASSWORD; // stands in for your staff's own passwords
if (!SECRET || !PASSWORD) throw new Error('Set SESSION_SECRET and STAFF_PASSWORD');

// The shop's staff, as your own user store would have them.
const staff = [
  {
    id: 'staff-1',
    email: 'ada@north.example',
    name: 'Ada Lin',
    shop: 'north',
    shopName: 'North Trading',
    role: 'admin',
  },
  { id: 'staff-2', email: 'ben@north.example', name: 'Ben Wu', shop: 'north', shopName: 'North Trading', role: 'rep' },
];
const byEmail = (email) => staff.find((person) => person.email === String(email).toLowerCase());
const digest = (text) => createHash('sha256').update(String(text)).digest();
const mySession = async (c) => byEmail(await getSignedCookie(c, SECRET, 'sid'));

const database = await openDatabase(); // DATABASE_URL, else .crmkit/
await migrate(database);
const crm = createCrm({
  database,
  // Your sign-in, in your terms: the kit creates the organization and member on first sight.
  identify: async (c) => {
    const user = await mySession(c);
    if (!user) return null;
    return {
      organization: { slug: user.shop, name: user.shopName, locale: 'en' },
      user: { externalRef: user.id, email: user.email, name: user.name, role: user.role },
    };
  },
});

const app = new Hono();
app.use(csrf()); // refuses other sites' form posts to /login
app.route('/api/crm', crm);
app.get('/crmkit/:file', serveElements()); // the elements' browser build, from node_modules

app.get('/login', (c) =>
  c.html(
    html`<!doctype html>
      <title>Sign in</title>
      <form method="post">
        <label>Email <input name="email" type="email" autocomplete="username" required /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        <button>Sign in</button>
      </form>`,
  ),
);
app.post('/login', async (c) => {
  const { email, password } = await c.req.parseBody();
  const user = byEmail(email);
  if (!user || !timingSafeEqual(digest(password), digest(PASSWORD))) return c.redirect('/login?failed', 303);
  await setSignedCookie(c, 'sid', user.email, SECRET, { httpOnly: true, sameSite: 'Lax', path: '/' });
  return c.redirect('/', 303);
});
app.post('/logout', (c) => {
  deleteCookie(c, 'sid', { path: '/' });
  return c.redirect('/login', 303);
});

// The page: a customer (`?customer=` its id) and the board, through the kit on this origin.
app.get('/', async (c) => {
  if (!(await mySession(c))) return c.redirect('/login');
  const customerId = c.req.query('customer');
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Customers</title>
          <script type="module" src="/crmkit/crmkit-elements.js"></script>
        </head>
        <body>
          <crm-provider base-url="/api/crm">
            ${customerId ? html`<crm-customer-card customer-id="${customerId}"></crm-customer-card>` : ''}
            <crm-pipeline-board></crm-pipeline-board>
          </crm-provider>
        </body>
      </html>`,
  );
});

const server = serveNode({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 3000),
  kits: [crm],
  onListen: (info) => console.log(`Listening on http://localhost:${info.port}`),
});
process.once('SIGTERM', async () => {
  await server.close();
  await database.close();
});
