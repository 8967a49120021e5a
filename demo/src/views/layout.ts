import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Account } from '../auth/accounts.js';
import { homeOf, sectionsFor, type Section } from '../auth/role-pages.js';
import type { ClientBundle, Entry } from '../bundle.js';
import { messages, portalLang, type Lang } from '../i18n.js';

/** What `html` gives back: escaped markup, possibly still resolving. */
export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

interface DocumentOptions {
  lang: Lang;
  title: string;
  bundle: ClientBundle;
  /** Browser entries this page runs, after the shared stylesheet. */
  scripts?: Entry[];
  bodyClass?: string;
  body: Markup;
}

/** A whole HTML document. Everything interpolated goes through `html`, which escapes it. */
export function document({ lang, title, bundle, scripts = [], bodyClass, body }: DocumentOptions) {
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>${title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        ${bundle.tags('styles.css')} ${scripts.map((entry) => bundle.tags(entry))}
      </head>
      <body class="${bodyClass}">
        ${body}
      </body>
    </html>`;
}

export const logo = html`<svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
  <rect width="32" height="32" rx="9" fill="currentColor" />
  <path
    d="M8 22V10l8 7 8-7v12"
    fill="none"
    stroke="#fff"
    stroke-width="2.6"
    stroke-linecap="round"
    stroke-linejoin="round"
  />
</svg>`;

/** The same mark as the browser tab's icon. */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="9" fill="#4f46e5"/><path d="M8 22V10l8 7 8-7v12" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** Each page's name in the navigation's messages. */
const NAV_LABELS = {
  'my-day': 'myDay',
  customers: 'customers',
  segments: 'segments',
  leads: 'leads',
  cases: 'cases',
  pipeline: 'pipeline',
  forecast: 'forecast',
  reports: 'reports',
  trash: 'trash',
  shop: 'shop',
  ledger: 'ledger',
  integrations: 'integrations',
} as const satisfies Record<Section, string>;

interface PortalOptions {
  /** Which main navigation entry is the current page. */
  section?: Section;
  account: Account;
  title: string;
  bundle: ClientBundle;
  scripts?: Entry[];
  main: Markup;
}

/** A signed-in page: the portal's header with the organization, the user and sign-out, then `main`. */
export function portalPage({ account, title, bundle, scripts, main, section = 'customers' }: PortalOptions) {
  const lang = portalLang(account.locale);
  const t = messages[lang];
  return document({
    lang,
    title: `${title} · ${t.portal}`,
    bundle,
    scripts,
    body: html`<a class="skip-link" href="#main">${t.skip}</a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="${homeOf(account.role)}">${logo}<span class="brand-name">${t.portal}</span></a>
          <nav class="mainnav" aria-label="${t.nav.label}">
            ${sectionsFor(account.role).map(
              (entry) =>
                html`<a href="/${entry}" aria-current="${entry === section ? 'page' : 'false'}"
                  >${t.nav[NAV_LABELS[entry]]}</a
                >`,
            )}
          </nav>
          <div class="account">
            <span class="org" title="${account.orgName}">${account.orgName}</span>
            <span class="user">
              <span class="avatar" aria-hidden="true">${initials(account.name)}</span>
              <span class="user-text">
                <strong>${account.name}</strong>
                <small>${t.roles[account.role]}</small>
              </span>
            </span>
            <form method="post" action="/logout">
              <button class="button ghost" type="submit">${t.signOut}</button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" class="page">${main}</main>
      <footer class="footer">${t.footer}</footer>`,
  });
}

/** "Ryan Patel" → "RP"; "林雅婷" → "林". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (/^[\u3400-\u9fff]/u.test(words[0]!)) return [...words[0]!][0]!;
  return words
    .slice(0, 2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');
}
