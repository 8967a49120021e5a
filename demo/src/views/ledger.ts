import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { messages, portalLang } from '../i18n.js';
import { formatMoney } from '../shop/catalog.js';
import type { LedgerEntry } from '../shop/ledger.js';
import { portalPage } from './layout.js';

/** The portal's ledger: what each won deal booked, newest first (admins and owners); deal and amount first, for narrow screens. */
export function ledgerPage({
  account,
  bundle,
  entries,
}: {
  account: Account;
  bundle: ClientBundle;
  entries: LedgerEntry[];
}) {
  const lang = portalLang(account.locale);
  const t = messages[lang];
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return portalPage({
    account,
    title: t.ledger.title,
    bundle,
    section: 'ledger',
    main: html`<div class="page-head">
        <h1>${t.ledger.title}</h1>
        <p class="muted">${t.ledger.lead}</p>
      </div>
      <section class="panel ledger-panel">
        ${
          entries.length
            ? html`<table class="ledger">
                <caption class="visually-hidden">
                  ${t.ledger.title}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.ledger.deal}</th>
                    <th scope="col" class="number">${t.ledger.amount}</th>
                    <th scope="col">${t.ledger.when}</th>
                    <th scope="col">${t.ledger.by}</th>
                  </tr>
                </thead>
                <tbody>
                  ${entries.map(
                    (e) =>
                      html`<tr>
                        <th scope="row"><a href="/deals/${e.dealId}">${e.dealName}</a></th>
                        <td class="number">${formatMoney(e.amount, e.currency, lang)}</td>
                        <td>${day.format(e.bookedAt)}</td>
                        <td>${e.bookedBy ?? t.ledger.integration}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="ledger-empty muted">${t.ledger.empty}</p>`
        }
      </section>`,
  });
}
