import { ApiError, type CrmClient, type Customer } from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmCustomerSelectEvent } from '../shared/events.js';
import type { Localizer, MessageKey } from '../shared/localize.js';
import { tokens } from '../shared/tokens.js';
import { styles } from './customer-card.styles.js';

/** Why a load failed, as the user is told it. */
type Failure = 'notFound' | 'unauthorized' | 'forbidden' | 'network' | 'generic';

type View =
  | { status: 'empty' }
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'loaded'; customer: Customer }
  | { status: 'error'; failure: Failure };

/** What the user is told for each failure: a headline and, where it helps, what to do. */
const FAILURE_MESSAGES: Record<Failure, [MessageKey, MessageKey?]> = {
  notFound: ['error.notFound', 'error.notFoundDetail'],
  unauthorized: ['error.unauthorized'],
  forbidden: ['error.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['error.generic', 'error.genericDetail'],
};

/**
 * Shows one customer as the kit returns it from `GET /customers/:id`: name, kind, lifecycle
 * stage, industry, region, emails, phones, website, tags and when it was added. It loads the
 * customer itself, shows a skeleton while it does, and explains failures with a way to retry.
 *
 * Place it inside a `<crm-provider>`, or use it alone with `base-url` and `token`:
 *
 * ```html
 * <crm-customer-card base-url="/api/crm" token="…" customer-id="…"></crm-customer-card>
 * ```
 *
 * @summary A customer at a glance, loaded from the kit.
 * @tag crm-customer-card
 *
 * @slot header - Extra content under the customer's name, e.g. a status of the host's own.
 * @slot actions - Buttons or links at the end of the header (e.g. "Edit", "Call").
 * @slot empty - What to show when no `customer-id` is set. Defaults to a short note.
 *
 * @csspart base - The card's outer box.
 * @csspart header - The header: avatar, name, details line and actions.
 * @csspart avatar - The initials badge.
 * @csspart heading - The element holding the name (role `heading`).
 * @csspart name - The customer's name, a button that fires `crm-customer-select`.
 * @csspart subtitle - The line under the name: kind, industry (and region when compact).
 * @csspart stage - The lifecycle stage badge.
 * @csspart actions - The wrapper of the `actions` slot.
 * @csspart body - The section below the header (full variant).
 * @csspart fields - The list of labelled fields.
 * @csspart field - One labelled field.
 * @csspart label - A field's label.
 * @csspart value - A field's value.
 * @csspart tags - The list of tags.
 * @csspart tag - One tag.
 * @csspart footer - The footer with the dates.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The box around the `empty` slot.
 *
 * @cssproperty [--crm-font-family=inherit] - Font family; by default the page's.
 * @cssproperty [--crm-color-text=CanvasText] - Main text colour.
 * @cssproperty [--crm-color-text-muted=color-mix(in srgb, CanvasText 68%, Canvas)] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas))] - The card's background.
 * @cssproperty [--crm-color-surface-muted=color-mix(in srgb, CanvasText 7%, Canvas)] - Tags and skeleton.
 * @cssproperty [--crm-color-border=color-mix(in srgb, CanvasText 16%, Canvas)] - Borders and dividers.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Links, focus ring and avatar.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Error messages.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius of the card.
 * @cssproperty [--crm-spacing=1rem] - The base spacing unit.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - The card's shadow.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused controls.
 * @cssproperty [--crm-card-padding=var(--crm-spacing)] - Padding inside the card.
 *
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user activated the header (click, or Enter/Space on the name); `event.detail.customer` is the loaded customer.
 */
export class CrmCustomerCard extends CrmElement {
  static override styles = [tokens, styles];

  /** The id of the customer to show. Changing it loads the new customer (and cancels a pending load). */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** `full` shows every field; `compact` only the header and the first email and phone. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  /** The level of the heading that holds the name (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  @state() private view: View = { status: 'empty' };
  /** Announce loads only after the first render, so a page full of cards stays quiet as it opens. */
  @state() private announce = false;
  @state() private hasActions = false;

  @query('[part~="base"]') private baseElement?: HTMLElement;
  @query('[part~="name"]') private nameButton?: HTMLButtonElement;
  @query('[part~="retry-button"]') private retryButton?: HTMLButtonElement;

  #abort?: AbortController;
  /** The client and id of the last load started, to tell when a new one is needed. */
  #requested?: { client: CrmClient; id: string };
  #focusAfterLoad = false;

  /** The customer on show, once loaded. */
  get customer(): Customer | undefined {
    return this.view.status === 'loaded' ? this.view.customer : undefined;
  }

  /** Loads the customer again (what the "Try again" button does). */
  reload(): void {
    const client = this.client;
    const id = this.#id();
    if (client && id) this.#load(client, id);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A load cut short by a disconnect starts again.
    if (this.hasUpdated && !this.#requested) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.view.status === 'loading') {
      this.#abort?.abort();
      this.#requested = undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    const id = this.#id();
    if (!id) {
      this.#cancel();
      this.view = { status: 'empty' };
    } else if (!client) {
      this.#cancel();
      this.view = { status: 'unconfigured' };
    } else if (this.#requested?.client !== client || this.#requested.id !== id) {
      this.#load(client, id);
    } else if (changed.has('token') && this.view.status === 'error') {
      // A new token may be what the failed load was missing.
      this.#load(client, id);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#focusAfterLoad) return;
    // Keep keyboard focus in the card across a retry: the button it was on is gone.
    if (this.view.status === 'loading') {
      this.baseElement?.focus({ preventScroll: true });
    } else {
      this.#focusAfterLoad = false;
      (this.nameButton ?? this.retryButton ?? this.baseElement)?.focus({ preventScroll: true });
    }
  }

  protected override render() {
    const t = this.localize;
    const view = this.view;
    let content: TemplateResult;
    switch (view.status) {
      case 'empty':
        content = html`<div part="base" class="card">
          <div part="empty" class="empty">
            <slot name="empty">${t.t('card.empty')}</slot>
          </div>
        </div>`;
        break;
      case 'unconfigured':
        content = this.#renderError(t, t.t('card.notConnected'), false);
        break;
      case 'loading':
        content = this.#renderSkeleton();
        break;
      case 'error': {
        const [message, detail] = FAILURE_MESSAGES[view.failure];
        // Retrying cannot make a missing customer appear.
        content = this.#renderError(t, t.t(message), view.failure !== 'notFound', detail && t.t(detail));
        break;
      }
      case 'loaded':
        content = this.#renderCustomer(t, view.customer);
        break;
    }
    return html`
      <div lang=${t.locale} class="root">
        ${content}
        <div role="status" class="visually-hidden">${this.#statusText(t)}</div>
      </div>
    `;
  }

  /** The live region's text: what a screen reader user hears when the card changes. */
  #statusText(t: Localizer): string {
    const view = this.view;
    if (view.status === 'error') return t.t(FAILURE_MESSAGES[view.failure][0]);
    if (!this.announce) return '';
    if (view.status === 'loading') return t.t('card.loading');
    if (view.status === 'loaded') return t.t('card.loaded', { name: view.customer.name });
    return '';
  }

  #renderSkeleton() {
    const compact = this.variant === 'compact';
    return html`
      <div part="base skeleton" class="card loading" aria-busy="true" tabindex="-1">
        <div class="header">
          <span class="avatar bone"></span>
          <div class="title">
            <span class="bone line" style="inline-size: 55%"></span>
            <span class="bone line small" style="inline-size: 35%"></span>
          </div>
        </div>
        ${
          compact
            ? nothing
            : html`<div class="body">
                <span class="bone line" style="inline-size: 70%"></span>
                <span class="bone line" style="inline-size: 45%"></span>
                <span class="bone line" style="inline-size: 60%"></span>
              </div>`
        }
        <span class="visually-hidden">${this.localize.t('card.loading')}</span>
      </div>
    `;
  }

  #renderError(t: Localizer, message: string, canRetry: boolean, detail?: string) {
    return html`
      <div part="base" class="card" tabindex="-1">
        <div part="error" class="error">
          <svg class="error-icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M10 5.5v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
            <circle cx="10" cy="14" r="1.1" fill="currentColor" />
          </svg>
          <div class="error-text">
            <p class="error-message">${message}</p>
            ${detail ? html`<p class="error-detail">${detail}</p>` : nothing}
          </div>
          ${
            canRetry
              ? html`<button part="retry-button" class="retry" type="button" @click=${this.#onRetry}>
                  ${t.t('action.retry')}
                </button>`
              : nothing
          }
        </div>
      </div>
    `;
  }

  #renderCustomer(t: Localizer, customer: Customer) {
    const compact = this.variant === 'compact';
    const subtitle = [t.t(`kind.${customer.kind}`), customer.industry, compact ? customer.region : null].filter(
      Boolean,
    );
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    return html`
      <article part="base" class="card" aria-labelledby="name" tabindex="-1">
        <div part="header" class="header">
          <div class="identity" @click=${this.#onIdentityClick}>
            <span part="avatar" class="avatar" data-kind=${customer.kind} aria-hidden="true"
              >${initials(customer.name)}</span
            >
            <div class="title">
              <div part="heading" class="heading" role="heading" aria-level=${level}>
                <button part="name" id="name" class="name" type="button">${customer.name}</button>
              </div>
              <div class="meta">
                <span part="subtitle" class="subtitle">${subtitle.join(' · ')}</span>
                <span part="stage" class="stage" data-stage=${customer.lifecycleStage}>
                  <span class="dot" aria-hidden="true"></span>
                  <span aria-hidden="true">${t.t(`stage.${customer.lifecycleStage}`)}</span>
                  <span class="visually-hidden"
                    >${t.t('a11y.stage', { stage: t.t(`stage.${customer.lifecycleStage}`) })}</span
                  >
                </span>
              </div>
              ${compact ? this.#renderContactLine(customer) : nothing}
              <slot name="header"></slot>
            </div>
          </div>
          <div part="actions" class="actions" ?hidden=${!this.hasActions}>
            <slot name="actions" @slotchange=${this.#onActionsChange}></slot>
          </div>
        </div>
        ${compact ? nothing : this.#renderBody(t, customer)}
      </article>
    `;
  }

  /** The compact variant's single line of the first email and phone. */
  #renderContactLine(customer: Customer) {
    const email = customer.emails[0];
    const phone = customer.phones[0];
    if (!email && !phone) return nothing;
    return html`<div class="contact-line">
      ${email ? html`<a href=${`mailto:${email}`}>${breakable(email)}</a>` : nothing}
      ${phone ? html`<a href=${telHref(phone)}>${phone}</a>` : nothing}
    </div>`;
  }

  #renderBody(t: Localizer, customer: Customer) {
    const website = customer.website ? webLink(customer.website) : undefined;
    const fields: [MessageKey, unknown][] = [
      [
        'field.emails',
        customer.emails.length
          ? list(customer.emails.map((email) => html`<a href=${`mailto:${email}`}>${breakable(email)}</a>`))
          : null,
      ],
      [
        'field.phones',
        customer.phones.length
          ? list(customer.phones.map((phone) => html`<a href=${telHref(phone)}>${phone}</a>`))
          : null,
      ],
      [
        'field.website',
        website
          ? website.href
            ? html`<a href=${website.href} target="_blank" rel="noopener noreferrer"
                >${breakable(website.text)}<span class="visually-hidden"> ${t.t('link.newTab')}</span></a
              >`
            : website.text
          : null,
      ],
      ['field.region', customer.region],
      ['field.size', customer.size ? t.t('size.employees', { range: sizeRange(t, customer.size) }) : null],
      ['field.source', customer.source],
      ['field.address', customer.address],
      [
        'field.tags',
        customer.tags.length
          ? html`<ul part="tags" class="tags">
              ${customer.tags.map((tag) => html`<li part="tag" class="tag">${tag}</li>`)}
            </ul>`
          : null,
      ],
    ];
    const shown = fields.filter(([, value]) => value !== null && value !== undefined && value !== '');
    const updatedLater = customer.updatedAt.slice(0, 10) !== customer.createdAt.slice(0, 10);
    return html`
      <div part="body" class="body">
        ${
          shown.length
            ? html`<dl part="fields" class="fields">
                ${shown.map(
                  ([label, value]) =>
                    html`<div part="field" class="field" data-field=${label.slice(6)}>
                      <dt part="label">${t.t(label)}</dt>
                      <dd part="value">${value}</dd>
                    </div>`,
                )}
              </dl>`
            : nothing
        }
      </div>
      <footer part="footer" class="footer">
        <span>${dateText(t, 'meta.created', customer.createdAt)}</span>
        ${updatedLater ? html`<span>${dateText(t, 'meta.updated', customer.updatedAt)}</span>` : nothing}
      </footer>
    `;
  }

  #id(): string {
    // Removing the attribute sets the property to null.
    return (this.customerId ?? '').trim();
  }

  #load(client: CrmClient, id: string): void {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    // A load after the first render follows something the user did (a retry, another customer).
    if (this.hasUpdated) this.announce = true;
    this.#requested = { client, id };
    this.view = { status: 'loading' };
    client.customers.get(id, { signal: abort.signal }).then(
      (customer) => {
        if (abort.signal.aborted) return;
        this.view = { status: 'loaded', customer };
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.view = { status: 'error', failure: failureOf(error) };
      },
    );
  }

  #cancel(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#requested = undefined;
  }

  #onRetry = () => {
    this.#focusAfterLoad = true;
    this.reload();
  };

  #onIdentityClick = (event: MouseEvent) => {
    const customer = this.customer;
    if (!customer) return;
    // Links and controls in the header (and slotted into it) keep their own meaning.
    for (const target of event.composedPath()) {
      if (target === event.currentTarget) break;
      if (target instanceof HTMLElement && target !== this.nameButton && isInteractive(target)) return;
    }
    this.dispatchEvent(new CrmCustomerSelectEvent(customer));
  };

  #onActionsChange = (event: Event) => {
    this.hasActions = (event.target as HTMLSlotElement).assignedNodes().length > 0;
  };
}

function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) {
    // 400 here can only mean an id that is not an id: for the user, no such customer.
    if (error.status === 404 || error.status === 400) return 'notFound';
    if (error.status === 401) return 'unauthorized';
    if (error.status === 403) return 'forbidden';
    return 'generic';
  }
  // fetch rejects with a TypeError when the network fails.
  return error instanceof TypeError ? 'network' : 'generic';
}

function isInteractive(element: HTMLElement): boolean {
  return element.matches(
    'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], [tabindex]',
  );
}

/** One or two letters for the avatar: initials of Latin names, the first character of CJK ones. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = [...(words[0] ?? '')][0] ?? '';
  if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(first)) return first;
  const letters = words.map((word) => [...word][0] ?? '').filter((char) => /\p{L}|\p{N}/u.test(char));
  return letters.slice(0, 2).join('').toUpperCase();
}

/**
 * An email address or web address with line-break opportunities after `@` and `/` and before
 * dots, so a narrow card wraps it as a person would rather than at any letter.
 */
function breakable(text: string) {
  return text.split(/(?<=[@/])|(?=\.)/).map((piece, i) => (i === 0 ? piece : html`<wbr />${piece}`));
}

/** A `tel:` URL with only the characters dialers understand. */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, '')}`;
}

/** A website as link text without the scheme; only http(s) addresses become links. */
function webLink(website: string): { href?: string; text: string } {
  try {
    const url = new URL(website);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { text: website };
    const text = (url.host + url.pathname).replace(/\/$/, '') + url.search;
    return { href: url.href, text };
  } catch {
    return { text: website };
  }
}

/** A company size such as `201-1000` written with the locale's digits: `201–1,000`. */
function sizeRange(t: Localizer, size: string): string {
  const [low, high] = size.replace('+', '').split('-').map(Number);
  if (low === undefined || Number.isNaN(low)) return size;
  if (high === undefined) return `${t.number(low)}+`;
  return `${t.number(low)}–${t.number(high)}`;
}

function dateText(t: Localizer, key: 'meta.created' | 'meta.updated', iso: string) {
  const [before, after] = t.t(key, { date: '\u0000' }).split('\u0000');
  return html`${before}<time datetime=${iso}>${t.date(iso)}</time>${after}`;
}

function list(items: TemplateResult[]) {
  return html`<ul class="values">
    ${items.map((item) => html`<li>${item}</li>`)}
  </ul>`;
}

define('crm-customer-card', CrmCustomerCard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-customer-card': CrmCustomerCard;
  }
}
