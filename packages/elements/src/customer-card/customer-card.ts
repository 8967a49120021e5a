import type { Customer } from '@crmkit/core';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { badges } from '../shared/badges.styles.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import {
  CrmActivityCompleteEvent,
  CrmActivityCreateEvent,
  CrmCustomerSelectEvent,
  CrmOpportunitySelectEvent,
  type CrmRecordCreatedEvent,
  type CrmRecordKind,
} from '../shared/events.js';
import { FAILURE_MESSAGES } from '../shared/failure.js';
import { controls } from '../shared/controls.styles.js';
import { recordCard } from '../shared/record-card.styles.js';
import { FocusController } from '../shared/focus.js';
import { RecordCreator } from '../shared/record-creator.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { errorBox, emptyState } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { renderDetails } from './card-details.js';
import { renderHeader, renderSkeleton } from './card-header.js';
import { styles } from './customer-card.styles.js';
import { CustomerEditor } from './customer-editor.js';
import { CustomerLoader } from './customer-loader.js';
import { renderEditForm } from './edit-form.js';
import type { SummaryView } from './summary.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.card);

/** The records of a customer its summary shows: a new one of these reloads the summary. */
const SUMMARIZED: ReadonlySet<CrmRecordKind> = new Set(['contact', 'opportunity']);

export { initials } from '../shared/format.js';

/**
 * Shows one customer: name, kind, lifecycle stage, industry, region, emails, phones, website,
 * tags and dates from `GET /customers/:id`, and, in the full variant, its owner, lifetime value,
 * last order, open deals, contacts, last and next activity and the values of the organization's custom
 * fields (under their labels in the element's language) from `GET /customers/:id/summary`, with the
 * segments it is in now. It loads them itself, shows a skeleton while it does, and explains failures with a way to
 * retry. With `editable` it offers an Edit button that turns the card into a form for the key
 * fields; saving sends only what changed, with the version it read (`If-Match`), so a change
 * someone else made meanwhile is never overwritten: the card says so, keeps what the user
 * typed and offers to reapply it on the latest version.
 *
 * Inside a `<crm-provider>` an `editable` card offers only what the caller may do: no Edit button
 * for a viewer, and "Add contact" and "New deal" (a `<crm-record-form>` for this customer) for a
 * caller who may create them; what they create shows in the summary at once.
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
 * @csspart create-button - The "Add contact" and "New deal" buttons (with `editable`).
 * @csspart body - The section below the header (full variant).
 * @csspart stats - The band of figures: lifetime value, last order, open deals.
 * @csspart stat - One figure of that band.
 * @csspart fields - The list of labelled fields.
 * @csspart field - One labelled field.
 * @csspart label - A field's label.
 * @csspart value - A field's value.
 * @csspart tags - The list of tags.
 * @csspart tag - One tag.
 * @csspart segments - The list of segments the customer is in now (full variant).
 * @csspart segment - One segment.
 * @csspart section - A titled section: contacts, open deals, activity.
 * @csspart section-title - A section's title.
 * @csspart contact - One contact in the contacts section.
 * @csspart deal - One open deal.
 * @csspart deal-link - An open deal's name, a button that fires `crm-opportunity-select`.
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
 * @cssproperty [--crm-card-padding=var(--crm-spacing)] - Padding inside the card.
 *
 * @fires {CrmOpportunitySelectEvent} crm-opportunity-select - The user chose one of the open deals; `detail.opportunity` is it.
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user activated the header (click, or Enter/Space on the name); `event.detail.customer` is the loaded customer.
 * @fires {CrmCustomerBeforeEditEvent} crm-customer-before-edit - The user saves changes; cancelable: `preventDefault()` keeps the form open and sends nothing. `event.detail` has `customer` and `changes`.
 * @fires {CrmCustomerEditEvent} crm-customer-edit - The kit saved the user's changes; `event.detail` has the saved `customer`, the `previous` one and the `changes`.
 */
export class CrmCustomerCard extends CrmElement {
  static override styles = [tokens, buttons, controls, states, badges, recordCard, styles];

  /** The id of the customer to show. Changing it loads the new customer (and cancels a pending load). */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /**
   * `full` shows every field and the summary (owner, lifetime value, last order, open deals,
   * contacts, activity); `compact` only the header and the first email and phone, with one request.
   */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  /** The level of the heading that holds the name (1–6), to fit the page's outline. Section titles take the next level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Offers changes: an Edit button that turns the card into a form for the name, stage, industry, region, emails, phones and tags, and (inside a provider that allows them) "Add contact" and "New deal". */
  @property({ type: Boolean, reflect: true }) editable = false;

  /** Announce loads only after the first render, so a page full of cards stays quiet as it opens. */
  @state() private announce = false;
  /** A one-off message for screen readers (e.g. "Changes saved."). */
  @state() private message = '';
  @state() private hasActions = false;

  @query('[part~="base"]') private baseElement?: HTMLElement;
  @query('[part~="name"]') private nameButton?: HTMLButtonElement;
  @query('[part~="retry-button"]') private retryButton?: HTMLButtonElement;

  readonly #loader = new CustomerLoader(this, {
    client: () => this.client,
    id: () => (this.customerId ?? '').trim(), // Removing the attribute sets the property to null.
    full: () => this.variant === 'full',
    loadStarted: () => {
      // A load after the first render follows something the user did (a retry, another customer).
      if (this.hasUpdated) this.announce = true;
      this.#editor.close();
      this.message = '';
    },
  });
  readonly #focus = new FocusController(this);
  readonly #editor = new CustomerEditor(this, {
    client: () => this.client,
    localize: () => this.localize,
    say: (message) => (this.message = message),
    focusAfterRender: (selector) => this.#focus.focusAfterRender(selector),
    show: (customer) => this.#loader.show(customer),
    reload: () => this.#retry(),
  });
  /** The forms for a new contact, deal or support case of this customer. */
  readonly #creators = {
    contact: new RecordCreator(this, 'contact'),
    opportunity: new RecordCreator(this, 'opportunity'),
    case: new RecordCreator(this, 'case'),
  };
  /** Keep keyboard focus in the card across a retry: the button it was on is gone. */
  #focusAfterLoad = false;

  /** The customer on show, once loaded. */
  get customer(): Customer | undefined {
    const view = this.#loader.view;
    return view.status === 'loaded' ? view.customer : undefined;
  }

  /** The summary on show (full variant), once loaded. */
  get summary(): SummaryView | undefined {
    const summary = this.#loader.summary;
    return summary.status === 'loaded' ? summary.summary : undefined;
  }

  /** Whether the edit form is open. */
  get editing(): boolean {
    return this.#editor.edit !== null;
  }

  /** Loads the customer (and its summary) again: what the "Try again" button does. An open form is closed. */
  reload(): void {
    this.#loader.reload();
  }

  /** Opens the edit form (with `editable`, once the customer is loaded). */
  startEdit(): void {
    const customer = this.customer;
    if (customer && this.editable) this.#editor.start(customer);
  }

  /** Closes the edit form without saving. */
  cancelEdit(): void {
    this.#editor.cancel();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An activity log anywhere on the page may change this customer's last and next activity.
    document.addEventListener(CrmActivityCreateEvent.eventName, this.#onActivitySaved);
    document.addEventListener(CrmActivityCompleteEvent.eventName, this.#onActivitySaved);
    document.addEventListener('crm-record-created', this.#onCreated);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener(CrmActivityCreateEvent.eventName, this.#onActivitySaved);
    document.removeEventListener(CrmActivityCompleteEvent.eventName, this.#onActivitySaved);
    document.removeEventListener('crm-record-created', this.#onCreated);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new token may be what the failed load was missing.
    if (changed.has('token') && this.#loader.failed) this.#loader.reload();
    if (!this.editable) this.#editor.close();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#focusAfterLoad) return;
    if (this.#loader.view.status === 'loading') {
      this.baseElement?.focus({ preventScroll: true });
    } else {
      this.#focusAfterLoad = false;
      (this.nameButton ?? this.retryButton ?? this.baseElement)?.focus({ preventScroll: true });
    }
  }

  protected override render() {
    const t = this.localize;
    const view = this.#loader.view;
    let content: TemplateResult;
    switch (view.status) {
      case 'empty':
        content = html`<div part="base" class="card">${emptyState({ title: t.t('card.empty'), slot: 'empty' })}</div>`;
        break;
      case 'unconfigured':
        content = this.#renderError(t.t('card.notConnected'));
        break;
      case 'loading':
        content = renderSkeleton(t, this.variant === 'compact');
        break;
      case 'error': {
        const [message, detail] = FAILURE_MESSAGES[view.failure];
        // Retrying cannot make a missing customer appear.
        const retry = view.failure === 'notFound' ? undefined : { label: t.t('action.retry'), onClick: this.#retry };
        content = this.#renderError(t.t(message), detail && t.t(detail), retry);
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
    const view = this.#loader.view;
    if (view.status === 'error') return t.t(FAILURE_MESSAGES[view.failure][0]);
    if (this.message) return this.message;
    if (!this.announce) return '';
    if (view.status === 'loading') return t.t('card.loading');
    if (view.status === 'loaded') return t.t('card.loaded', { name: view.customer.name });
    return '';
  }

  #renderError(message: string, detail?: string, retry?: { label: string; onClick: () => void }) {
    return html`<div part="base" class="card" tabindex="-1">${errorBox({ message, detail, retry })}</div>`;
  }

  #renderCustomer(t: Localizer, customer: Customer) {
    const compact = this.variant === 'compact';
    const edit = this.#editor.edit;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    const header = renderHeader(t, {
      customer,
      compact,
      level,
      editing: edit !== null,
      showEdit: this.editable && !edit && this.may('customers', 'edit'),
      onNewDeal: this.#offers('opportunities') ? () => this.#create('opportunity', customer) : undefined,
      onAddContact: this.#offers('contacts') ? () => this.#create('contact', customer) : undefined,
      onNewCase: this.#offers('cases') ? () => this.#create('case', customer) : undefined,
      hasActions: this.hasActions,
      onIdentityClick: this.#onIdentityClick,
      onActionsChange: this.#onActionsChange,
      onEdit: () => this.startEdit(),
    });
    const below = edit
      ? renderEditForm(t, this.#editor, edit)
      : compact
        ? undefined
        : renderDetails(t, {
            customer,
            summary: this.#loader.summary,
            level,
            onSummaryRetry: () => this.#loader.reloadSummary(),
            onDeal: (deal) => this.dispatchEvent(new CrmOpportunitySelectEvent(deal)),
            // Known capabilities only: asking for them would cost a read-only card a request.
            deals: this.crm?.capabilities?.resources.opportunities.read !== false,
          });
    return html`<article part="base" class="card" aria-labelledby="name" tabindex="-1">${header} ${below}</article>`;
  }

  #retry = () => {
    this.#focusAfterLoad = true;
    this.reload();
  };

  #onActivitySaved = (event: Event) => {
    const { activity } = (event as CrmActivityCreateEvent | CrmActivityCompleteEvent).detail;
    const id = this.customerId;
    if (!this.client || !id || this.variant !== 'full' || activity.customerId !== id) return;
    this.#loader.reloadSummary({ quiet: true });
  };

  /** Whether to offer a new record of this customer: an `editable` card, not editing, for a caller who may. */
  #offers(resource: 'opportunities' | 'contacts' | 'cases'): boolean {
    return this.editable && !this.editing && this.offersCreate(resource);
  }

  /** Opens the form for a new contact, deal or case of this customer. */
  #create(kind: 'contact' | 'opportunity' | 'case', customer: Customer) {
    void this.#creators[kind].open({
      customerId: customer.id,
      customerName: customer.name,
      currency: this.crm?.currency ?? '',
    });
  }

  /**
   * A deal or contact of this customer created anywhere on the page shows in its summary. Cases and
   * leads are not in the summary: creating one asks nothing of the kit.
   */
  #onCreated = (event: Event) => {
    const { resource, record } = (event as CrmRecordCreatedEvent).detail;
    if (!SUMMARIZED.has(resource) || record.customerId !== this.customerId || this.variant !== 'full') return;
    this.#loader.reloadSummary({ quiet: true });
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

function isInteractive(element: HTMLElement): boolean {
  return element.matches(
    'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], [tabindex]',
  );
}

define('crm-customer-card', CrmCustomerCard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-customer-card': CrmCustomerCard;
  }
}
