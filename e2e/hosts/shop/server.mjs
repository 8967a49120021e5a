// A shop on another site (plain `node:http`, no framework) showing crmkit's board and a customer card
// on its back-office page (and a customer's page that loads only the card's code, through the autoloader),
// and the CRM's lead form on its public "Contact us" page. The back office: the page loads the browser build
// from the kit's site and calls the kit with an embed token the shop mints for its signed-in member. The kit's
// organization lists this shop's origin.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mintEmbedToken } from '@crmkit/server';

// Where the kit is (CRM_URL, e.g. https://crm.example.com), this shop's own origin, and the
// organization's embed secret, which only the shop's server knows.
const { CRM_URL, SHOP_ORIGIN, CRM_EMBED_SECRET, CRM_ORG_ID, CRM_USER_ID } = process.env;
// The browser build's hashes, from the same package version as the kit serves: the browser checks them.
const integrity = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@crmkit/elements/browser/integrity.json'), 'utf8'),
);
const attribute = (value) => String(value).replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** An embed token for the shop's signed-in member, for this shop's origin. */
async function embedToken() {
  // In a real shop: the member signed in to the shop, their CRM ids from your own records.
  const token = await mintEmbedToken(CRM_EMBED_SECRET, {
    orgId: CRM_ORG_ID,
    userId: CRM_USER_ID,
    scopes: ['*:read', 'opportunities:write'],
    audience: SHOP_ORIGIN,
  }); // valid 15 minutes; see docs/embedding.md for renewing it
  return token;
}

async function page(customerId) {
  const token = await embedToken();
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Shop back office</title>
  </head>
  <body>
    <script
      type="module"
      src="${CRM_URL}/crmkit/crmkit-elements.js"
      integrity="${integrity['crmkit-elements.js']}"
      crossorigin="anonymous"
    ></script>
    <crm-provider base-url="${CRM_URL}/api/crm" token="${attribute(token)}">
      <crm-customer-card customer-id="${attribute(customerId)}"></crm-customer-card>
      <crm-pipeline-board></crm-pipeline-board>
    </crm-provider>
  </body>
</html>`;
}

/**
 * A customer's page of the back office through the autoloader: one module script, and the browser loads the
 * code of the provider and the card (from beside the autoloader, on the kit's site), nothing else.
 */
async function customerPage(customerId) {
  const token = await embedToken();
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Shop back office: customer</title>
  </head>
  <body>
    <script
      type="module"
      src="${CRM_URL}/crmkit/crmkit-autoloader.js"
      integrity="${integrity['crmkit-autoloader.js']}"
      crossorigin="anonymous"
    ></script>
    <crm-provider base-url="${CRM_URL}/api/crm" token="${attribute(token)}">
      <crm-customer-card customer-id="${attribute(customerId)}"></crm-customer-card>
    </crm-provider>
  </body>
</html>`;
}

/**
 * The shop's public "Contact us" page: the CRM's lead form for visitors, no sign-in and no token. Only
 * the form's public key and the lead form's own file of the browser build.
 */
function contactPage(publicKey) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Contact us</title>
  </head>
  <body>
    <h1>Contact us</h1>
    <script
      type="module"
      src="${CRM_URL}/crmkit/crmkit-lead-form.js"
      integrity="${integrity['crmkit-lead-form.js']}"
      crossorigin="anonymous"
    ></script>
    <crm-lead-form base-url="${CRM_URL}/api/crm" public-key="${attribute(publicKey)}"></crm-lead-form>
  </body>
</html>`;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, SHOP_ORIGIN);
  const pages = {
    '/': () => page(url.searchParams.get('customer') ?? ''),
    '/customer': () => customerPage(url.searchParams.get('customer') ?? ''),
    '/contact': () => contactPage(url.searchParams.get('form') ?? ''),
  };
  if (req.method !== 'GET' || !Object.hasOwn(pages, url.pathname)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(await pages[url.pathname]());
});
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => server.close());
