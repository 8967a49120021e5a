import {
  ApiError,
  type CrmClient,
  type Customer,
  type CustomerPatch,
  type LifecycleStage,
  type Problem,
} from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import {
  CrmActivityCompleteEvent,
  CrmActivityCreateEvent,
  CrmCustomerBeforeEditEvent,
  CrmCustomerEditEvent,
  CrmCustomerSelectEvent,
} from '../shared/events.js';
import type { Localizer, MessageKey } from '../shared/localize.js';
import { tokens } from '../shared/tokens.js';
import { badges } from './badges.styles.js';
import { buttons } from '../shared/buttons.styles.js';
import { styles } from './customer-card.styles.js';
import {
  breakable,
  failureOf,
  initials,
  moneyText,
  plural,
  telHref,
  timeOf,
  withPart,
  type Failure,
} from './format.js';
import {
  changesBetween,
  draftOf,
  EDIT_FIELDS,
  loadSummary,
  valuesOf,
  valuesOfCustomer,
  valueText,
  type Draft,
  type EditField,
  type SummaryView,
  type Values,
} from './summary.js';

export { initials } from './format.js';

type View =
  | { status: 'empty' }
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'loaded'; customer: Customer }
  | { status: 'error'; failure: Failure };

type SummaryState =
  { status: 'idle' } | { status: 'loading' } | { status: 'loaded'; summary: SummaryView } | { status: 'error' };

/** What the form tells the user above its fields. */
type Notice = 'conflict' | 'reapplied' | 'invalid' | 'forbidden' | 'notFound' | 'network' | 'generic';

/** The form while the user edits: the version they started from, what they typed, how saving went. */
interface Edit {
  base: Customer;
  draft: Draft;
  /** Text typed into the tag box but not yet added. */
  tagText: string;
  saving: boolean;
  reloading: boolean;
  errors: Partial<Record<EditField, string>>;
  notice?: Notice;
  /** A problem's own words, when it names no field the form has. */
  detail?: string;
  /** After a reapply: the fields someone else changed too, with their value. */
  theirs: Partial<Record<EditField, string>>;
}

/** What the user is told for each failure: a headline and, where it helps, what to do. */
const FAILURE_MESSAGES: Record<Failure, [MessageKey, MessageKey?]> = {
  notFound: ['error.notFound', 'error.notFoundDetail'],
  unauthorized: ['error.unauthorized'],
  forbidden: ['error.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['error.generic', 'error.genericDetail'],
};

const NOTICES: Record<Notice, MessageKey> = {
  conflict: 'edit.conflict',
  reapplied: 'edit.reapplied',
  invalid: 'edit.invalid',
  forbidden: 'edit.forbidden',
  notFound: 'edit.notFound',
  network: 'edit.network',
  generic: 'edit.generic',
};

const FIELD_LABELS: Record<EditField, MessageKey> = {
  name: 'field.name',
  lifecycleStage: 'field.stage',
  industry: 'field.industry',
  region: 'field.region',
  emails: 'field.emails',
  phones: 'field.phones',
  tags: 'field.tags',
};

/** The lifecycle stages in their order (as the kit's schema lists them). */
const STAGES: readonly LifecycleStage[] = ['subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned'];

/** How many items the kit takes in each list field. */
const MAX_ITEMS: Partial<Record<EditField, number>> = { emails: 10, phones: 10, tags: 30 };

/**
 * Shows one customer: name, kind, lifecycle stage, industry, region, emails, phones, website,
 * tags and dates from `GET /customers/:id`, and, in the full variant, its owner, lifetime value,
 * last order, open deals, contacts and last and next activity from `GET /customers/:id/summary`.
 * It loads them itself, shows a skeleton while it does, and explains failures with a way to
 * retry. With `editable` it offers an Edit button that turns the card into a form for the key
 * fields; saving sends only what changed, with the version it read (`If-Match`), so a change
 * someone else made meanwhile is never overwritten: the card says so, keeps what the user
 * typed and offers to reapply it on the latest version.
 *
 * Place it inside a `<crm-provider>`, or use it alone with `base-url` and `token`:
 *
 * ```html
 * <crm-customer-card base-url="/api/crm" token="…" customer-id="…" editable></crm-customer-card>
 * ```
 *
 * @summary A customer at a glance, loaded from the kit, with inline editing.
 * @tag crm-customer-card
 *
 * @slot header - Extra content under the customer's name, e.g. a status of the host's own.
 * @slot actions - Buttons or links at the end of the header (e.g. "Call"); the Edit button follows them.
 * @slot empty - What to show when no `customer-id` is set. Defaults to a short note.
 *
 * @csspart base - The card's outer box.
 * @csspart header - The header: avatar, name, details line and actions.
 * @csspart avatar - The initials badge.
 * @csspart heading - The element holding the name (role `heading`).
 * @csspart name - The customer's name, a button that fires `crm-customer-select`.
 * @csspart subtitle - The line under the name: kind, industry (and region when compact).
 * @csspart stage - The lifecycle stage badge.
 * @csspart actions - The wrapper of the `actions` slot and the Edit button.
 * @csspart edit-button - The Edit button (with `editable`).
 * @csspart body - The section below the header (full variant).
 * @csspart stats - The band of figures: lifetime value, last order, open deals.
 * @csspart stat - One figure of that band.
 * @csspart fields - The list of labelled fields.
 * @csspart field - One labelled field.
 * @csspart label - A field's label.
 * @csspart value - A field's value.
 * @csspart tags - The list of tags.
 * @csspart tag - One tag.
 * @csspart section - A titled section: contacts, open deals, activity.
 * @csspart section-title - A section's title.
 * @csspart contact - One contact in the contacts section.
 * @csspart deal - One open deal.
 * @csspart activity - The last or next activity.
 * @csspart summary-error - The note shown when the summary could not be loaded, with its retry button.
 * @csspart footer - The footer with the dates.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The box around the `empty` slot.
 * @csspart form - The edit form.
 * @csspart form-field - One field of the edit form (label, control, hint, error).
 * @csspart field-error - A field's error message in the edit form.
 * @csspart notice - The form's message: a conflict, errors, or a failed save.
 * @csspart save-button - The form's Save button.
 * @csspart cancel-button - The form's Cancel button.
 *
 * @cssproperty [--crm-font-family=inherit] - Font family; by default the page's.
 * @cssproperty [--crm-color-text=CanvasText] - Main text colour.
 * @cssproperty [--crm-color-text-muted=color-mix(in srgb, CanvasText 68%, Canvas)] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas))] - The card's background.
 * @cssproperty [--crm-color-surface-muted=color-mix(in srgb, CanvasText 7%, Canvas)] - Tags, figures and skeleton.
 * @cssproperty [--crm-color-border=color-mix(in srgb, CanvasText 16%, Canvas)] - Borders and dividers.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Links, focus ring, avatar and the Save button.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Errors and overdue tasks.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius of the card.
 * @cssproperty [--crm-spacing=1rem] - The base spacing unit.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - The card's shadow.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused controls.
 * @cssproperty [--crm-card-padding=var(--crm-spacing)] - Padding inside the card.
 *
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user activated the header (click, or Enter/Space on the name); `event.detail.customer` is the loaded customer.
 * @fires {CrmCustomerBeforeEditEvent} crm-customer-before-edit - The user saves changes; cancelable: `preventDefault()` keeps the form open and sends nothing. `event.detail` has `customer` and `changes`.
 * @fires {CrmCustomerEditEvent} crm-customer-edit - The kit saved the user's changes; `event.detail` has the saved `customer`, the `previous` one and the `changes`.
 */
export class CrmCustomerCard extends CrmElement {
  static override styles = [tokens, buttons, badges, styles];

  /** The id of the customer to show. Changing it loads the new customer (and cancels a pending load). */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /**
   * `full` shows every field and the summary (owner, lifetime value, last order, open deals,
   * contacts, activity); `compact` only the header and the first email and phone, with one request.
   */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  /** The level of the heading that holds the name (1–6), to fit the page's outline. Section titles take the next level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Offers an Edit button that turns the card into a form for the name, stage, industry, region, emails, phones and tags. */
  @property({ type: Boolean, reflect: true }) editable = false;

  @state() private view: View = { status: 'empty' };
  @state() private summaryState: SummaryState = { status: 'idle' };
  @state() private edit: Edit | null = null;
  /** Announce loads only after the first render, so a page full of cards stays quiet as it opens. */
  @state() private announce = false;
  /** A one-off message for screen readers (e.g. "Changes saved."). */
  @state() private message = '';
  @state() private hasActions = false;

  @query('[part~="base"]') private baseElement?: HTMLElement;
  @query('[part~="name"]') private nameButton?: HTMLButtonElement;
  @query('[part~="retry-button"]') private retryButton?: HTMLButtonElement;

  #abort?: AbortController;
  #summaryAbort?: AbortController;
  /** The client and id of the last load started, to tell when a new one is needed. */
  #requested?: { client: CrmClient; id: string };
  #focusAfterLoad = false;
  /** Where focus goes after the next render: a selector inside the shadow root. */
  #focusNext?: string;

  /** The customer on show, once loaded. */
  get customer(): Customer | undefined {
    return this.view.status === 'loaded' ? this.view.customer : undefined;
  }

  /** The summary on show (full variant), once loaded. */
  get summary(): SummaryView | undefined {
    return this.summaryState.status === 'loaded' ? this.summaryState.summary : undefined;
  }

  /** Whether the edit form is open. */
  get editing(): boolean {
    return this.edit !== null;
  }

  /** Loads the customer (and its summary) again: what the "Try again" button does. An open form is closed. */
  reload(): void {
    const client = this.client;
    const id = this.#id();
    if (client && id) this.#load(client, id);
  }

  /** Opens the edit form (with `editable`, once the customer is loaded). */
  startEdit(): void {
    const customer = this.customer;
    if (!customer || !this.editable || this.edit) return;
    this.edit = {
      base: customer,
      draft: draftOf(customer),
      tagText: '',
      saving: false,
      reloading: false,
      errors: {},
      theirs: {},
    };
    this.message = '';
    this.#focusNext = '#edit-name';
  }

  /** Closes the edit form without saving. */
  cancelEdit(): void {
    if (!this.edit) return;
    this.edit = null;
    this.#focusNext = '[part~="edit-button"]';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A load cut short by a disconnect starts again.
    if (this.hasUpdated && !this.#requested) this.requestUpdate();
    // An activity log anywhere on the page may change this customer's last and next activity.
    document.addEventListener(CrmActivityCreateEvent.eventName, this.#onActivitySaved);
    document.addEventListener(CrmActivityCompleteEvent.eventName, this.#onActivitySaved);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener(CrmActivityCreateEvent.eventName, this.#onActivitySaved);
    document.removeEventListener(CrmActivityCompleteEvent.eventName, this.#onActivitySaved);
    if (this.view.status === 'loading') {
      this.#abort?.abort();
      this.#requested = undefined;
    }
    if (this.summaryState.status === 'loading') {
      this.#summaryAbort?.abort();
      this.summaryState = { status: 'idle' };
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
    } else if (this.variant === 'full' && this.summaryState.status === 'idle' && this.view.status !== 'error') {
      // Turned full after loading compact, or reconnected while the summary loaded.
      this.#loadSummary(client, id);
    }
    if (!this.editable && this.edit) this.edit = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
      this.#focusNext = undefined;
      target?.focus({ preventScroll: false });
    }
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
    if (this.message) return this.message;
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
          ${errorIcon()}
          <div class="error-text">
            <p class="error-message">${message}</p>
            ${detail ? html`<p class="error-detail">${detail}</p>` : nothing}
          </div>
          ${
            canRetry
              ? html`<button part="retry-button" class="button retry" type="button" @click=${this.#onRetry}>
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
    const level = this.#level();
    const showEdit = this.editable && !this.edit;
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
              ${compact && !this.edit ? this.#renderContactLine(customer) : nothing}
              <slot name="header"></slot>
            </div>
          </div>
          <div part="actions" class="actions" ?hidden=${!this.hasActions && !showEdit}>
            <slot name="actions" @slotchange=${this.#onActionsChange}></slot>
            ${
              showEdit
                ? html`<button
                    part="edit-button"
                    class="button"
                    type="button"
                    aria-label=${t.t('edit.editLabel', { name: customer.name })}
                    @click=${() => this.startEdit()}
                  >
                    ${pencilIcon()}${t.t('edit.edit')}
                  </button>`
                : nothing
            }
          </div>
        </div>
        ${this.edit ? this.#renderForm(t, this.edit) : compact ? nothing : this.#renderBody(t, customer)}
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
    const summary = this.summaryState;
    const owner =
      summary.status === 'loaded'
        ? summary.summary.owner
          ? html`<span title=${summary.summary.owner.email}>${summary.summary.owner.name}</span>`
          : html`<span class="muted">${t.t('owner.none')}</span>`
        : summary.status === 'loading'
          ? html`<span class="bone line" style="inline-size: 7rem"></span>`
          : null;
    const fields: [MessageKey, unknown][] = [
      ['field.owner', owner],
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
        ${this.#renderStats(t)}
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
        ${this.#renderSections(t)}
      </div>
      <footer part="footer" class="footer">
        <span>${withPart(t, 'meta.created', 'date', timeOf(t, customer.createdAt))}</span>
        ${updatedLater ? html`<span>${withPart(t, 'meta.updated', 'date', timeOf(t, customer.updatedAt))}</span>` : nothing}
      </footer>
    `;
  }

  /** Lifetime value, last order and open deals: the figures a rep looks for first. */
  #renderStats(t: Localizer) {
    const state = this.summaryState;
    if (state.status === 'error') {
      return html`<div part="summary-error" class="summary-error">
        ${errorIcon()}
        <span>${t.t('summary.error')}</span>
        <button class="link-button" type="button" @click=${this.#onSummaryRetry}>${t.t('action.retry')}</button>
      </div>`;
    }
    if (state.status !== 'loaded') {
      return html`<div part="stats" class="stats loading" aria-busy="true">
        ${[0, 1, 2].map(
          () =>
            html`<div class="stat">
              <span class="bone line small" style="inline-size: 60%"></span>
              <span class="bone line" style="inline-size: 80%"></span>
            </div>`,
        )}
        <span class="visually-hidden">${t.t('summary.loading')}</span>
      </div>`;
    }
    const { orders, openOpportunities: deals } = state.summary;
    const perCurrency = (amounts: { amount: number; currency: string }[]) =>
      amounts.map((money) => moneyText(t, money)).join(' + ');
    const ltvMain =
      orders.lifetimeValueBase ?? (orders.lifetimeValue.length === 1 ? orders.lifetimeValue[0] : undefined);
    const ltvParts = [plural(t, orders.count, 'summary.ordersOne', 'summary.ordersOther')];
    if (orders.lifetimeValue.length > 1) ltvParts.push(perCurrency(orders.lifetimeValue));
    const last = orders.lastOrder;
    return html`<dl part="stats" class="stats">
      <div part="stat" class="stat" data-stat="lifetime-value">
        <dt>${t.t('summary.lifetimeValue')}</dt>
        ${
          orders.count === 0
            ? html`<dd class="figure muted">${t.t('summary.noOrders')}</dd>`
            : html`<dd class="figure">${ltvMain ? moneyText(t, ltvMain) : perCurrency(orders.lifetimeValue)}</dd>
                <dd class="sub">${ltvParts.join(' · ')}</dd>`
        }
      </div>
      ${
        last
          ? html`<div part="stat" class="stat" data-stat="last-order">
              <dt>${t.t('summary.lastOrder')}</dt>
              <dd class="figure">${moneyText(t, { amount: last.totalAmount, currency: last.currency })}</dd>
              <dd class="sub">${timeOf(t, last.placedAt)}</dd>
            </div>`
          : nothing
      }
      <div part="stat" class="stat" data-stat="open-deals">
        <dt>${t.t('summary.openDeals')}</dt>
        ${
          deals.count === 0
            ? html`<dd class="figure muted">${t.t('summary.noDeals')}</dd>`
            : html`<dd class="figure">${perCurrency(deals.amounts)}</dd>
                <dd class="sub">${plural(t, deals.count, 'summary.dealsOne', 'summary.dealsOther')}</dd>`
        }
      </div>
    </dl>`;
  }

  /** Contacts, open deals and activity, each under its own title. */
  #renderSections(t: Localizer) {
    const state = this.summaryState;
    if (state.status !== 'loaded') return nothing;
    const { contacts, openOpportunities: deals, lastActivity, nextActivity } = state.summary;
    const level = Math.min(6, this.#level() + 1);
    const title = (key: MessageKey, count?: number) =>
      html`<div part="section-title" class="section-title" role="heading" aria-level=${level}>
        ${t.t(key)}${count ? html` <span class="count">${t.number(count)}</span>` : nothing}
      </div>`;
    const more = (shown: number, total: number) =>
      total > shown ? html`<p class="more">${t.t('summary.more', { count: t.number(total - shown) })}</p>` : nothing;
    const now = Date.now();
    return html`<div class="sections">
      <section part="section" class="section" data-section="contacts">
        ${title('summary.contacts', contacts.total)}
        ${
          contacts.items.length
            ? html`<ul class="items">
                  ${contacts.items.map(
                    (contact) =>
                      html`<li part="contact" class="item">
                        <span class="item-title">
                          <span class="item-name">${contact.name}</span>
                          ${contact.isPrimary ? html`<span class="badge">${t.t('summary.primary')}</span>` : nothing}
                        </span>
                        ${contact.title ? html`<span class="item-sub">${contact.title}</span>` : nothing}
                        ${
                          contact.emails[0] || contact.phones[0]
                            ? html`<span class="item-links">
                                ${contact.emails[0] ? html`<a href=${`mailto:${contact.emails[0]}`}>${breakable(contact.emails[0])}</a>` : nothing}
                                ${contact.phones[0] ? html`<a href=${telHref(contact.phones[0])}>${contact.phones[0]}</a>` : nothing}
                              </span>`
                            : nothing
                        }
                      </li>`,
                  )}
                </ul>
                ${more(contacts.items.length, contacts.total)}`
            : html`<p class="none">${t.t('summary.noContacts')}</p>`
        }
      </section>
      <section part="section" class="section" data-section="deals">
        ${title('summary.openDeals', deals.count)}
        ${
          deals.items.length
            ? html`<ul class="items">
                  ${deals.items.map(
                    (deal) =>
                      html`<li part="deal" class="item">
                        <span class="item-name">${deal.name}</span>
                        <span class="item-sub">
                          <span class="amount">${moneyText(t, { amount: deal.amount, currency: deal.currency })}</span>
                          ${
                            deal.expectedCloseDate
                              ? html`<span class="close"
                                  >${withPart(
                                    t,
                                    'summary.closes',
                                    'date',
                                    timeOf(t, deal.expectedCloseDate, { dateStyle: 'medium', timeZone: 'UTC' }),
                                  )}</span
                                >`
                              : nothing
                          }
                        </span>
                      </li>`,
                  )}
                </ul>
                ${more(deals.items.length, deals.count)}`
            : html`<p class="none">${t.t('summary.noDeals')}</p>`
        }
      </section>
      <section part="section" class="section" data-section="activity">
        ${title('summary.lastActivity')}
        ${lastActivity ? this.#renderActivity(t, lastActivity, 'last', now) : html`<p class="none">${t.t('summary.none')}</p>`}
        ${title('summary.nextActivity')}
        ${nextActivity ? this.#renderActivity(t, nextActivity, 'next', now) : html`<p class="none">${t.t('summary.none')}</p>`}
      </section>
    </div>`;
  }

  #renderActivity(
    t: Localizer,
    activity: NonNullable<SummaryView['lastActivity']>,
    which: 'last' | 'next',
    now: number,
  ) {
    const due = activity.dueAt ?? activity.occurredAt;
    const overdue = which === 'next' && new Date(due).getTime() < now;
    return html`<div part="activity" class="item activity" data-activity=${which}>
      <span class="item-name">${activity.subject}</span>
      <span class="item-sub ${overdue ? 'overdue' : ''}">
        <span class="type" data-type=${activity.type}>${t.t(`activity.${activity.type}`)}</span>
        <span class="when"
          >${
            which === 'last'
              ? timeOf(t, activity.occurredAt)
              : withPart(t, overdue ? 'summary.overdue' : 'summary.due', 'date', timeOf(t, due))
          }</span
        >
      </span>
    </div>`;
  }

  // ---- Editing -------------------------------------------------------------------------------

  #renderForm(t: Localizer, edit: Edit) {
    const draft = edit.draft;
    const busy = edit.saving || edit.reloading;
    const text = (field: 'name' | 'industry' | 'region', required = false) =>
      html`<input
        id=${`edit-${field}`}
        class="control"
        type="text"
        autocomplete="off"
        maxlength="200"
        ?required=${required}
        .value=${live(draft[field])}
        aria-invalid=${edit.errors[field] ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(edit, field) || nothing}
        @input=${(event: InputEvent) => this.#setDraft(field, (event.target as HTMLInputElement).value)}
      />`;
    const lines = (field: 'emails' | 'phones') =>
      html`<textarea
        id=${`edit-${field}`}
        class="control"
        rows=${Math.min(6, Math.max(2, draft[field].split('\n').length + 1))}
        autocomplete="off"
        spellcheck="false"
        .value=${live(draft[field])}
        aria-invalid=${edit.errors[field] ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(edit, field, true) || nothing}
        @input=${(event: InputEvent) => this.#setDraft(field, (event.target as HTMLTextAreaElement).value)}
      ></textarea>`;
    return html`
      <form
        part="form"
        class="form"
        novalidate
        aria-label=${t.t('edit.editLabel', { name: edit.base.name })}
        aria-busy=${busy ? 'true' : 'false'}
        @submit=${this.#onSubmit}
        @keydown=${this.#onFormKeydown}
      >
        ${this.#renderNotice(t, edit)}
        <div class="form-grid">
          ${this.#formField(t, edit, 'name', text('name', true), true)}
          ${this.#formField(
            t,
            edit,
            'lifecycleStage',
            html`<select
              id="edit-lifecycleStage"
              class="control"
              .value=${live(draft.lifecycleStage)}
              aria-describedby=${this.#describedBy(edit, 'lifecycleStage') || nothing}
              @change=${(event: Event) => this.#setDraft('lifecycleStage', (event.target as HTMLSelectElement).value)}
            >
              ${STAGES.map(
                (stage) =>
                  html`<option value=${stage} ?selected=${stage === draft.lifecycleStage}>
                    ${t.t(`stage.${stage}`)}
                  </option>`,
              )}
            </select>`,
          )}
          ${this.#formField(t, edit, 'industry', text('industry'))}
          ${this.#formField(t, edit, 'region', text('region'))}
          ${this.#formField(t, edit, 'emails', lines('emails'), false, t.t('edit.onePerLine'))}
          ${this.#formField(t, edit, 'phones', lines('phones'), false, t.t('edit.onePerLine'))}
          ${this.#formField(t, edit, 'tags', this.#renderTagEditor(t, edit), true, t.t('edit.addTagHint'))}
        </div>
        <div class="form-actions">
          <button
            part="cancel-button"
            class="button"
            type="button"
            ?disabled=${edit.saving}
            @click=${() => this.cancelEdit()}
          >
            ${t.t('edit.cancel')}
          </button>
          <button part="save-button" class="button primary" type="submit" ?disabled=${busy}>
            ${edit.saving ? t.t('edit.saving') : t.t('edit.save')}
          </button>
        </div>
      </form>
    `;
  }

  #renderNotice(t: Localizer, edit: Edit) {
    const notice = edit.notice;
    if (!notice) return nothing;
    const tone = notice === 'reapplied' ? 'info' : 'danger';
    const alsoChanged = Object.keys(edit.theirs) as EditField[];
    return html`<div
      part="notice"
      class="notice"
      data-notice=${notice}
      data-tone=${tone}
      role=${tone === 'danger' ? 'alert' : 'status'}
      tabindex="-1"
    >
      ${tone === 'danger' ? errorIcon() : infoIcon()}
      <div class="notice-text">
        <p class="notice-message">${t.t(NOTICES[notice])}</p>
        ${notice === 'conflict' ? html`<p class="notice-detail">${t.t('edit.conflictDetail')}</p>` : nothing}
        ${edit.detail ? html`<p class="notice-detail">${edit.detail}</p>` : nothing}
        ${
          notice === 'reapplied' && alsoChanged.length
            ? html`<p class="notice-detail">
                ${t.t('edit.alsoChanged', { fields: t.list(alsoChanged.map((field) => t.t(FIELD_LABELS[field]))) })}
              </p>`
            : nothing
        }
        ${
          notice === 'conflict'
            ? html`<div class="notice-actions">
                <button
                  class="button primary"
                  type="button"
                  data-action="reapply"
                  ?disabled=${edit.reloading}
                  @click=${this.#onReapply}
                >
                  ${t.t('edit.reapply')}
                </button>
                <button
                  class="button"
                  type="button"
                  data-action="discard"
                  ?disabled=${edit.reloading}
                  @click=${this.#onDiscard}
                >
                  ${t.t('edit.discard')}
                </button>
              </div>`
            : nothing
        }
      </div>
    </div>`;
  }

  #formField(t: Localizer, edit: Edit, field: EditField, control: unknown, wide = false, hint?: string) {
    const error = edit.errors[field];
    const theirs = edit.theirs[field];
    return html`<div part="form-field" class="form-field ${wide ? 'wide' : ''}" data-field=${field}>
      <label for=${`edit-${field}`}>${t.t(FIELD_LABELS[field])}</label>
      ${control}
      ${error ? html`<p id=${`edit-${field}-error`} part="field-error" class="field-error">${error}</p>` : nothing}
      ${
        theirs !== undefined
          ? html`<p id=${`edit-${field}-theirs`} class="hint theirs">
              ${t.t('edit.theirValue', { value: theirs || t.t('edit.empty') })}
            </p>`
          : nothing
      }
      ${hint ? html`<p id=${`edit-${field}-hint`} class="hint">${hint}</p>` : nothing}
    </div>`;
  }

  #describedBy(edit: Edit, field: EditField, hint = false): string {
    return [
      edit.errors[field] ? `edit-${field}-error` : '',
      edit.theirs[field] !== undefined ? `edit-${field}-theirs` : '',
      hint ? `edit-${field}-hint` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  #renderTagEditor(t: Localizer, edit: Edit) {
    return html`<div class="tag-editor">
      ${
        edit.draft.tags.length
          ? html`<ul class="tags">
              ${edit.draft.tags.map(
                (tag, index) =>
                  html`<li class="tag editable">
                    <span>${tag}</span
                    ><button
                      class="remove-tag"
                      type="button"
                      aria-label=${t.t('edit.removeTag', { tag })}
                      @click=${() => this.#removeTag(index)}
                    >
                      <svg viewBox="0 0 12 12" aria-hidden="true">
                        <path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
                      </svg>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <input
        id="edit-tags"
        class="control"
        type="text"
        autocomplete="off"
        maxlength="50"
        placeholder=${t.t('edit.addTag')}
        .value=${live(edit.tagText)}
        aria-invalid=${edit.errors.tags ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(edit, 'tags', true) || nothing}
        @input=${this.#onTagInput}
        @keydown=${this.#onTagKeydown}
      />
    </div>`;
  }

  #setDraft(field: EditField, value: string): void {
    const edit = this.edit;
    if (!edit) return;
    const errors = { ...edit.errors, [field]: undefined };
    this.edit = { ...edit, draft: { ...edit.draft, [field]: value }, errors };
  }

  /** Adds what is typed in the tag box (split at commas) to the tags; true if it added any. */
  #commitTags(): boolean {
    const edit = this.edit;
    if (!edit) return false;
    const typed = edit.tagText
      .split(/[,，、;；]+/)
      .map((tag) => tag.trim())
      .filter(Boolean);
    const tags = [...edit.draft.tags];
    for (const tag of typed) if (!tags.includes(tag)) tags.push(tag);
    if (!typed.length && !edit.tagText) return false;
    const errors = { ...edit.errors };
    delete errors.tags;
    this.edit = { ...edit, tagText: '', draft: { ...edit.draft, tags }, errors };
    return typed.length > 0;
  }

  #removeTag(index: number): void {
    const edit = this.edit;
    if (!edit) return;
    const tags = edit.draft.tags.filter((_, i) => i !== index);
    const errors = { ...edit.errors };
    delete errors.tags;
    this.edit = { ...edit, draft: { ...edit.draft, tags }, errors };
    // The button is gone: keep focus in the tag editor.
    this.#focusNext = '#edit-tags';
  }

  #onTagInput = (event: InputEvent) => {
    if (!this.edit) return;
    const value = (event.target as HTMLInputElement).value;
    this.edit = { ...this.edit, tagText: value };
    if (/[,，、;；]/.test(value)) this.#commitTags();
  };

  #onTagKeydown = (event: KeyboardEvent) => {
    const edit = this.edit;
    if (!edit) return;
    if (event.key === 'Enter' && !event.isComposing) {
      // Enter in the tag box adds the tag; it only submits the form when the box is empty.
      if (edit.tagText.trim()) {
        event.preventDefault();
        this.#commitTags();
      }
    } else if (event.key === 'Backspace' && !edit.tagText && edit.draft.tags.length) {
      event.preventDefault();
      this.edit = { ...edit, draft: { ...edit.draft, tags: edit.draft.tags.slice(0, -1) } };
    }
  };

  #onFormKeydown = (event: KeyboardEvent) => {
    // While an input method is composing (Zhuyin, Pinyin, …), Escape and Enter belong to it: Escape
    // drops the candidates, it must not throw away the whole form.
    if (event.isComposing || !this.edit) return;
    if (event.key === 'Escape' && !this.edit.saving) {
      event.preventDefault();
      event.stopPropagation();
      this.cancelEdit();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      // Enter saves from a one-line field; in the email and phone boxes it starts a new line, so
      // Ctrl+Enter (⌘+Enter) saves from anywhere in the form.
      event.preventDefault();
      (event.currentTarget as HTMLFormElement).requestSubmit();
    }
  };

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.#save();
  };

  async #save(): Promise<void> {
    this.#commitTags();
    const edit = this.edit;
    const client = this.client;
    if (!edit || edit.saving || !client) return;
    const values = valuesOf(edit.draft);
    const changes = changesBetween(valuesOfCustomer(edit.base), values) as CustomerPatch;
    if (Object.keys(changes).length === 0) {
      this.cancelEdit();
      return;
    }
    // (Events are built before dispatching so the manifest lists them only as @fires documents them.)
    const before = new CrmCustomerBeforeEditEvent(edit.base, changes);
    if (!this.dispatchEvent(before)) return;

    this.edit = { ...edit, saving: true, notice: undefined, detail: undefined, errors: {} };
    this.message = '';
    try {
      const saved = await client.customers.update(edit.base.id, changes, { version: edit.base.version });
      if (this.edit?.base !== edit.base) return;
      this.edit = null;
      this.view = { status: 'loaded', customer: saved };
      this.message = this.localize.t('edit.saved');
      this.#focusNext = '[part~="edit-button"]';
      const edited = new CrmCustomerEditEvent(saved, edit.base, changes);
      this.dispatchEvent(edited);
    } catch (error) {
      const current = this.edit;
      if (current?.base !== edit.base) return;
      this.edit = { ...current, saving: false, ...this.#saveFailure(error, values) };
    }
  }

  /** What the form shows after a failed save. The user's input always stays. */
  #saveFailure(error: unknown, values: Values): Partial<Edit> {
    const t = this.localize;
    if (error instanceof ApiError) {
      if (error.status === 412) {
        this.#focusNext = '[data-action="reapply"]';
        return { notice: 'conflict' };
      }
      if (error.status === 400 || error.status === 422) {
        const { errors, unmatched } = fieldErrors(t, error.problem, values);
        const first = EDIT_FIELDS.find((field) => errors[field]);
        this.#focusNext = first ? `#edit-${first}` : '[part~="notice"]';
        return { notice: 'invalid', errors, detail: unmatched.join(' ') || undefined };
      }
      this.#focusNext = '[part~="notice"]';
      if (error.status === 403) return { notice: 'forbidden' };
      if (error.status === 404) return { notice: 'notFound' };
      return { notice: 'generic' };
    }
    this.#focusNext = '[part~="notice"]';
    return { notice: failureOf(error) === 'network' ? 'network' : 'generic' };
  }

  /** After a conflict: loads the latest version and applies the user's changes on top of it. */
  #onReapply = async () => {
    const edit = this.edit;
    const client = this.client;
    if (!edit || !client) return;
    this.edit = { ...edit, reloading: true };
    let latest: Customer;
    try {
      latest = await client.customers.get(edit.base.id);
    } catch (error) {
      if (this.edit?.base !== edit.base) return;
      this.edit = { ...this.edit, reloading: false, notice: failureOf(error) === 'network' ? 'network' : 'generic' };
      this.#focusNext = '[part~="notice"]';
      return;
    }
    if (this.edit?.base !== edit.base) return;
    const current = this.edit;
    const baseValues = valuesOfCustomer(edit.base);
    const mine = changesBetween(baseValues, valuesOf(current.draft));
    const theirs = changesBetween(baseValues, valuesOfCustomer(latest));
    const draft = draftOf(latest);
    const theirValues: Partial<Record<EditField, string>> = {};
    for (const field of Object.keys(mine) as EditField[]) {
      // The user's value wins; where someone else changed the same field, say what theirs was.
      (draft as unknown as Record<EditField, unknown>)[field] = current.draft[field];
      if (field in theirs && JSON.stringify(theirs[field]) !== JSON.stringify(mine[field])) {
        theirValues[field] = valueText(theirs[field]);
      }
    }
    this.view = { status: 'loaded', customer: latest };
    this.edit = {
      ...current,
      base: latest,
      draft,
      reloading: false,
      notice: 'reapplied',
      errors: {},
      detail: undefined,
      theirs: theirValues,
    };
    this.#focusNext = '[part~="notice"]';
  };

  #onDiscard = () => {
    this.edit = null;
    this.#focusAfterLoad = true;
    this.reload();
  };

  // ---- Loading -------------------------------------------------------------------------------

  #level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
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
    this.edit = null;
    this.message = '';
    client.customers.get(id, { signal: abort.signal }).then(
      (customer) => {
        if (abort.signal.aborted) return;
        this.view = { status: 'loaded', customer };
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.view = { status: 'error', failure: failureOf(error) };
        this.#summaryAbort?.abort();
        this.summaryState = { status: 'idle' };
      },
    );
    this.summaryState = { status: 'idle' };
    this.#summaryAbort?.abort();
    if (this.variant === 'full') this.#loadSummary(client, id);
  }

  /** With `quiet`, the summary on show stays until the new one is here (and if it cannot be loaded). */
  #loadSummary(client: CrmClient, id: string, { quiet = false } = {}): void {
    this.#summaryAbort?.abort();
    const abort = new AbortController();
    this.#summaryAbort = abort;
    const keep = quiet && this.summaryState.status === 'loaded';
    if (!keep) this.summaryState = { status: 'loading' };
    loadSummary(client, id, abort.signal).then(
      (summary) => {
        if (!abort.signal.aborted) this.summaryState = { status: 'loaded', summary };
      },
      () => {
        if (!abort.signal.aborted && !keep) this.summaryState = { status: 'error' };
      },
    );
  }

  #onActivitySaved = (event: Event) => {
    const { activity } = (event as CrmActivityCreateEvent | CrmActivityCompleteEvent).detail;
    const client = this.client;
    const id = this.customerId;
    if (!client || !id || this.variant !== 'full' || activity.customerId !== id) return;
    this.#loadSummary(client, id, { quiet: true });
  };

  #cancel(): void {
    this.#abort?.abort();
    this.#summaryAbort?.abort();
    this.#abort = undefined;
    this.#requested = undefined;
    this.summaryState = { status: 'idle' };
    this.edit = null;
  }

  #onRetry = () => {
    this.#focusAfterLoad = true;
    this.reload();
  };

  #onSummaryRetry = () => {
    const client = this.client;
    const id = this.#id();
    if (client && id) this.#loadSummary(client, id);
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

/**
 * The field errors of a 400 problem as the form shows them, in the card's language: the kit's
 * `errors[].path` (`emails.1`) names the field and the item.
 */
function fieldErrors(
  t: Localizer,
  problem: Problem,
  values: Values,
): { errors: Partial<Record<EditField, string>>; unmatched: string[] } {
  const errors: Partial<Record<EditField, string>> = {};
  const unmatched: string[] = [];
  for (const { path, message } of problem.errors ?? []) {
    const [head, index] = path.split('.');
    const field = EDIT_FIELDS.find((name) => name === head);
    if (!field) {
      unmatched.push(message);
      continue;
    }
    const item = index === undefined ? undefined : (values[field] as string[] | undefined)?.[Number(index)];
    let text: string;
    if (field === 'name') text = t.t('invalid.name');
    else if (field === 'industry' || field === 'region') text = t.t('invalid.text');
    else if (index === undefined && MAX_ITEMS[field])
      text = t.t('invalid.tooMany', { max: t.number(MAX_ITEMS[field]) });
    else if (field === 'emails') text = t.t('invalid.email', { value: item ?? '' });
    else if (field === 'phones') text = t.t('invalid.phone', { value: item ?? '' });
    else if (field === 'tags') text = t.t('invalid.tag');
    else text = message;
    errors[field] = errors[field] && !errors[field].includes(text) ? `${errors[field]} ${text}` : text;
  }
  if (!problem.errors?.length && problem.detail) unmatched.push(problem.detail);
  return { errors, unmatched };
}

function isInteractive(element: HTMLElement): boolean {
  return element.matches(
    'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], [tabindex]',
  );
}

function errorIcon() {
  return html`<svg class="icon error-icon" viewBox="0 0 20 20" aria-hidden="true">
    <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
    <path d="M10 5.5v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    <circle cx="10" cy="14" r="1.1" fill="currentColor" />
  </svg>`;
}

function infoIcon() {
  return html`<svg class="icon info-icon" viewBox="0 0 20 20" aria-hidden="true">
    <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
    <path d="M10 9v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    <circle cx="10" cy="6" r="1.1" fill="currentColor" />
  </svg>`;
}

function pencilIcon() {
  return html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
    <path
      d="M10.5 2.5l3 3L6 13H3v-3l7.5-7.5z"
      fill="none"
      stroke="currentColor"
      stroke-width="1.4"
      stroke-linejoin="round"
    />
  </svg>`;
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
