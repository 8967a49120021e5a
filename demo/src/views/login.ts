import { html } from 'hono/html';
import { DEMO_ACCOUNTS } from '../auth/demo-accounts.js';
import { DEMO_PASSWORD } from '../auth/passwords.js';
import type { ClientBundle } from '../bundle.js';
import { messages } from '../i18n.js';
import { document, logo } from './layout.js';

/** Why the last sign-in failed; the page shows a fixed sentence for each, never text from the URL. */
export type LoginError = 'credentials' | 'throttled' | 'invalid';

/** What each failure tells the person signing in (also the `message` of a JSON answer). */
export const LOGIN_ERRORS: Record<LoginError, string> = {
  credentials: 'That email and password do not match an account.',
  throttled: 'Too many failed attempts for this account. Wait a few minutes, then try again.',
  invalid: 'Enter an email address and a password.',
};

export function isLoginError(value: string | undefined): value is LoginError {
  return value !== undefined && Object.hasOwn(LOGIN_ERRORS, value);
}

interface LoginPageOptions {
  bundle: ClientBundle;
  error?: LoginError;
  /** Where to go after signing in (already checked to be a path on this site). */
  next?: string;
}

export function loginPage({ bundle, error, next }: LoginPageOptions) {
  const t = messages.en;
  return document({
    lang: 'en',
    title: `Sign in · ${t.portal}`,
    bundle,
    scripts: ['login.ts'],
    bodyClass: 'backdrop',
    body: html`<main class="login">
      <section class="login-intro">
        <div class="brand brand-large">${logo}<span>${t.portal}</span></div>
        <h2>A store's back office, with a CRM built in.</h2>
        <p>
          This portal has its own sign-in and its own pages. The customer list and cards come from
          <strong>crmkit</strong>: web components in the page, and the crmkit server mounted at <code>/api/crm</code>.
        </p>
      </section>
      <section class="login-card" aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        ${error ? html`<p class="alert" role="alert">${LOGIN_ERRORS[error]}</p>` : ''}
        <form id="login-form" class="stack" method="post" action="/login">
          ${next ? html`<input type="hidden" name="next" value="${next}" />` : ''}
          <label class="field">
            <span>Email</span>
            <input name="email" type="email" autocomplete="username" required autofocus maxlength="320" />
          </label>
          <label class="field">
            <span>Password</span>
            <input name="password" type="password" autocomplete="current-password" required maxlength="256" />
          </label>
          <button class="button primary wide" type="submit">Sign in</button>
        </form>
        <section class="demo-accounts" aria-labelledby="demo-title" data-password="${DEMO_PASSWORD}">
          <h2 id="demo-title">Demo accounts</h2>
          <p class="muted">Every account uses the password <code>${DEMO_PASSWORD}</code>.</p>
          <ul>
            ${DEMO_ACCOUNTS.map(
              (a) =>
                html`<li>
                  <span class="demo-who">
                    <span class="demo-email">${a.email}</span>
                    <small>${a.organization} · ${t.roles[a.role]}</small>
                  </span>
                  <button class="button small" type="button" data-email="${a.email}" aria-label="Use ${a.email}">
                    Use
                  </button>
                </li>`,
            )}
          </ul>
        </section>
      </section>
    </main>`,
  });
}
