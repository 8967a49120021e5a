import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { messages, portalLang } from '../i18n.js';
import { formatMoney, MAX_QUANTITY, priceOf, PRODUCTS } from '../shop/catalog.js';
import { portalPage } from './layout.js';

interface ShopPageOptions {
  account: Account;
  bundle: ClientBundle;
  /** The customers this user may order for, as the kit listed them for them. */
  customers: { id: string; name: string }[];
  /** This order's own id: sent again, the same order is not placed twice. */
  orderId: string;
  /** What the form held when it was sent back, and why. */
  sent?: { customerId: string; quantities: Record<string, number>; error: string };
}

/** The shop: an order for one customer, a quantity per product, placed with the CRM by the portal's server. */
export function shopPage({ account, bundle, customers, orderId, sent }: ShopPageOptions) {
  const lang = portalLang(account.locale);
  const t = messages[lang];
  return portalPage({
    account,
    title: t.shop.title,
    bundle,
    section: 'shop',
    main: html`<div class="page-head">
        <h1>${t.shop.title}</h1>
        <p class="muted">${t.shop.lead}</p>
      </div>
      <form class="panel shop-form stack" method="post" action="/shop/orders">
        <input type="hidden" name="orderId" value="${orderId}" />
        ${sent ? html`<p class="alert" role="alert">${sent.error}</p>` : ''}
        <div class="field">
          <label for="shop-customer">${t.shop.customer}</label>
          <select id="shop-customer" name="customerId" required>
            <option value="">${t.shop.chooseCustomer}</option>
            ${customers.map(
              (c) => html`<option value="${c.id}" ${c.id === sent?.customerId ? 'selected' : ''}>${c.name}</option>`,
            )}
          </select>
        </div>
        <table class="shop-products">
          <caption class="visually-hidden">
            ${t.shop.products}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.shop.product}</th>
              <th scope="col" class="number">${t.shop.price}</th>
              <th scope="col" class="number">${t.shop.quantity}</th>
            </tr>
          </thead>
          <tbody>
            ${PRODUCTS.map(
              (p) =>
                html`<tr>
                  <th scope="row"><label for="qty-${p.sku}">${p.name[lang]}</label></th>
                  <td class="number">${formatMoney(priceOf(p, account.currency), account.currency, lang)}</td>
                  <td class="number">
                    <input
                      id="qty-${p.sku}"
                      name="qty.${p.sku}"
                      type="number"
                      inputmode="numeric"
                      min="0"
                      max="${MAX_QUANTITY}"
                      value="${sent?.quantities[p.sku] ?? 0}"
                    />
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <div><button class="button primary" type="submit">${t.shop.place}</button></div>
      </form>`,
  });
}
