// An Express app with crmkit mounted through Hono's Node adapter, using the kit's own sign-in
// (members added with `npx crmkit org add-member … --password-stdin`). Run `npx crmkit migrate` first.
import express from 'express';
import { Hono } from 'hono';
import { getRequestListener } from '@hono/node-server';
import { createCrm } from '@crmkit/server';
import { argon2Passwords, openDatabase, serveElements } from '@crmkit/server/node';

const database = await openDatabase(); // DATABASE_URL, else .crmkit/
const crm = createCrm({ database, passwords: argon2Passwords });
const kit = getRequestListener(new Hono().route('/api/crm', crm).get('/crmkit/:file', serveElements()).fetch);
const app = express();
// Before any body parser: the kit reads its own bodies. `use` without a path keeps the URL whole.
app.use((req, res, next) => (/^\/(api\/crm|crmkit)\//.test(req.url) ? kit(req, res) : next()));
app.get('/', (req, res) => res.type('html').send(page));

// The page signs in through the kit (POST /api/crm/auth/login), then shows the board and a
// customer (`?customer=` its id).
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Customers</title>
    <script type="module" src="/crmkit/crmkit-elements.js"></script>
  </head>
  <body>
    <form id="sign-in" hidden>
      <label>Email <input name="email" type="email" autocomplete="username" required /></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
      <button>Sign in</button>
      <p role="alert"></p>
    </form>
    <crm-provider base-url="/api/crm" hidden>
      <crm-customer-card></crm-customer-card>
      <crm-pipeline-board></crm-pipeline-board>
    </crm-provider>
    <script type="module">
      const form = document.querySelector('#sign-in');
      const crm = document.querySelector('crm-provider');
      const session = await fetch('/api/crm/auth/session');
      if (session.ok) {
        const customerId = new URLSearchParams(location.search).get('customer');
        if (customerId) crm.querySelector('crm-customer-card').customerId = customerId;
        crm.hidden = false;
      } else {
        form.hidden = false;
        form.addEventListener('submit', async (event) => {
          event.preventDefault();
          const response = await fetch('/api/crm/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(Object.fromEntries(new FormData(form))),
          });
          if (response.ok) location.reload();
          else form.querySelector('[role=alert]').textContent = (await response.json()).detail;
        });
      }
    </script>
  </body>
</html>`;

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`Listening on http://localhost:${server.address().port}`);
});
process.once('SIGTERM', async () => {
  server.close();
  await crm.shutdown();
  await database.close();
});
