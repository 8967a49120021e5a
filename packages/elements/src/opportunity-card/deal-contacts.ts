// The deal card's "Contacts" section: the contacts on the deal (`GET /opportunities/:id/contacts`),
// each with its role, the primary one marked, and links to write or call; and, for a caller who may
// edit the deal, a select that changes a role, "Make primary", "Remove", and a form that adds one of the
// customer's other contacts in a role. Each change is one write with the deal's version on show
// (`If-Match`); the card then shows the deal's new version. Loaded when a deal first shows (parts.ts),
// so the card's own file stays small.
import {
  ApiError,
  type Contact,
  type CrmClient,
  type OpportunityContact,
  type OpportunityContactRole,
  type OpportunityContacts,
} from '@crmkit/core';
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { everyPage } from '../shared/every-page.js';
import { failureOf } from '../shared/failure.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import type { Deal } from './deal-loader.js';
import { dealContactsSection } from './parts.js';

useEnglish(en.dealContacts, en.deal, en.save);

/** What the section needs of its card. */
export interface ContactsCard {
  client(): CrmClient | undefined;
  /** Shows the deal's latest version (after a change of its contacts, which is a write of the deal). */
  refresh(): Promise<void>;
  /** Tells screen readers what happened. */
  say(message: string): void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** Each role a contact can play on a deal, in the order the selects offer them. */
const ROLE_LABELS: Record<OpportunityContactRole, MessageKey> = {
  decision_maker: 'dealContacts.decision_maker',
  economic_buyer: 'dealContacts.economic_buyer',
  champion: 'dealContacts.champion',
  influencer: 'dealContacts.influencer',
  technical_buyer: 'dealContacts.technical_buyer',
  user: 'dealContacts.user',
  other: 'dealContacts.other',
};
const ROLES = Object.keys(ROLE_LABELS) as OpportunityContactRole[];

const roleLabel = (t: Localizer, role: OpportunityContactRole) => t.t(ROLE_LABELS[role]);

// The section's own look, drawn with it: the card's styles are fixed before this part loads.
const sectionStyles = css`
  .contacts {
    display: grid;
    gap: 8px;
    margin-top: 16px;
  }
  .contacts-title {
    margin: 0;
    font-size: 1em;
  }
  .contact-list {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* Who and how to reach them on the left, the changes on the right, beside both lines. */
  .contact {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 4px 12px;
    padding: 8px 0;
    border-top: 1px solid var(--_border);
  }
  .contact-actions {
    grid-column: 2;
    grid-row: 1 / span 2;
  }
  .contact-actions .control {
    width: auto;
  }
  .contact-reach a {
    overflow-wrap: anywhere;
  }
  .contact-name {
    font-weight: 600;
  }
  .primary-mark {
    margin-inline-start: 6px;
    padding: 0 6px;
    border: 1px solid var(--_accent);
    border-radius: 999px;
    color: var(--_accent);
    font-size: 0.8em;
  }
  .contact-reach,
  .contact-actions,
  .add-contact {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
  }
  .add-contact {
    align-items: end;
  }
  /* On a narrow card the changes go under who they are for, rather than squeezing the name. */
  @container crm-card (max-width: 480px) {
    .contact {
      grid-template-columns: minmax(0, 1fr);
    }
    .contact-actions {
      grid-column: 1;
      grid-row: auto;
    }
  }
`.cssText;

export class DealContacts {
  readonly #host: Host;
  readonly #card: ContactsCard;
  /** The deal and version the list was read for (`id:version`): a newer version reads it again. */
  #readFor = '';
  #items?: OpportunityContact[];
  #failed = false;
  /** The customer whose contacts the add form offers, and those contacts once read. */
  #choicesFor = '';
  #choices?: Contact[];
  #busy = false;
  #notice?: MessageKey;

  constructor(host: Host, card: ContactsCard) {
    this.#host = host;
    this.#card = card;
  }

  /** The contacts on show, once read. */
  get items(): readonly OpportunityContact[] | undefined {
    return this.#items;
  }

  #update(): void {
    this.#host.requestUpdate();
  }

  /** Reads the deal's contacts when the deal, or its version, is not the one they were read for. */
  #read(client: CrmClient, deal: Deal): void {
    const { id, version } = deal.opportunity;
    const key = `${id}:${version}`;
    if (this.#readFor === key) return;
    if (!this.#readFor.startsWith(`${id}:`)) this.#items = undefined;
    this.#readFor = key;
    this.#failed = false;
    client.opportunities.contacts(id).then(
      ({ items }) => {
        if (this.#readFor !== key) return;
        this.#items = items;
        this.#update();
      },
      () => {
        if (this.#readFor !== key) return;
        this.#failed = true;
        this.#update();
      },
    );
  }

  /** Reads the customer's contacts, which the add form offers. */
  #readChoices(client: CrmClient, customerId: string): void {
    if (this.#choicesFor === customerId) return;
    this.#choicesFor = customerId;
    this.#choices = undefined;
    everyPage((page) => client.contacts.list({ customerId, ...page }), { cap: 500 }).then(
      (contacts) => {
        if (this.#choicesFor !== customerId) return;
        this.#choices = contacts;
        this.#update();
      },
      () => {
        // Without the customer's contacts there is nothing to add; the list stays usable.
        if (this.#choicesFor === customerId) this.#choices = [];
        this.#update();
      },
    );
  }

  /**
   * Sends one change of the deal's contacts with the version on show, then shows the answer and
   * the deal's new version; on failure says why (someone else's change first shows theirs).
   */
  async #change(
    t: Localizer,
    deal: Deal,
    send: (client: CrmClient, version: number) => Promise<OpportunityContacts>,
    done: string,
  ): Promise<boolean> {
    const client = this.#card.client();
    if (!client || this.#busy) return false;
    this.#busy = true;
    this.#notice = undefined;
    this.#update();
    const { id, version } = deal.opportunity;
    try {
      const { items } = await send(client, version);
      this.#items = items;
      // A change is a write of the deal, one version on: the list is already that version's.
      this.#readFor = `${id}:${version + 1}`;
      this.#card.say(done);
      await this.#card.refresh();
      return true;
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 412;
      if (conflict) await this.#card.refresh();
      const failure = failureOf(error);
      this.#notice = conflict
        ? 'deal.editConflict'
        : failure === 'network'
          ? 'save.failedNetwork'
          : failure === 'forbidden'
            ? 'deal.forbidden'
            : 'dealContacts.failed';
      return false;
    } finally {
      this.#busy = false;
      this.#update();
    }
  }

  #setRole(t: Localizer, deal: Deal, contact: OpportunityContact, role: OpportunityContactRole): void {
    const done = t.t('dealContacts.changed', { name: contact.name, role: roleLabel(t, role) });
    void this.#change(
      t,
      deal,
      (client, version) =>
        client.opportunities.putContact(deal.opportunity.id, contact.contactId, { role }, { version }),
      done,
    );
  }

  async #makePrimary(t: Localizer, deal: Deal, contact: OpportunityContact): Promise<void> {
    const done = t.t('dealContacts.primarySet', { name: contact.name });
    const saved = await this.#change(
      t,
      deal,
      (client, version) =>
        client.opportunities.putContact(
          deal.opportunity.id,
          contact.contactId,
          { role: contact.role, primary: true },
          { version },
        ),
      done,
    );
    // The button is gone with the mark: focus stays on the contact's row, at its role.
    if (saved) await this.#focus(`[data-contact="${contact.contactId}"] select`);
  }

  async #remove(t: Localizer, deal: Deal, contact: OpportunityContact): Promise<void> {
    const done = t.t('dealContacts.removed', { name: contact.name });
    const saved = await this.#change(
      t,
      deal,
      (client, version) => client.opportunities.removeContact(deal.opportunity.id, contact.contactId, { version }),
      done,
    );
    if (saved) await this.#focus('#contacts-title');
  }

  async #add(t: Localizer, deal: Deal, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const contactId = String(data.get('contact') ?? '');
    const role = String(data.get('role') ?? 'other') as OpportunityContactRole;
    const contact = this.#choices?.find((c) => c.id === contactId);
    if (!contact) return;
    const done = t.t('dealContacts.added', { name: contact.name, role: roleLabel(t, role) });
    const saved = await this.#change(
      t,
      deal,
      (client, version) => client.opportunities.putContact(deal.opportunity.id, contactId, { role }, { version }),
      done,
    );
    if (saved) {
      form.reset();
      await this.#focus('.add-contact select');
    }
  }

  async #focus(selector: string): Promise<void> {
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The section, below the deal's fields; `level` is the card's heading level. */
  render(t: Localizer, deal: Deal, editable: boolean, level: number): TemplateResult {
    const client = this.#card.client();
    if (client) {
      this.#read(client, deal);
      if (editable) this.#readChoices(client, deal.opportunity.customerId);
    }
    const items = this.#items;
    const heading = Math.min(6, level + 1);
    return html`<section part="contacts" class="contacts" aria-labelledby="contacts-title" aria-busy=${this.#busy}>
      <style>
        ${sectionStyles}
      </style>
      <div role="heading" aria-level=${heading} id="contacts-title" class="contacts-title" tabindex="-1">
        ${t.t('dealContacts.title')}
      </div>
      ${
        this.#failed
          ? html`<p class="muted">${t.t('dealContacts.loadFailed')}</p>`
          : !items
            ? html`<p class="muted">${t.t('dealContacts.loading')}</p>`
            : items.length
              ? html`<ul class="contact-list">
                  ${items.map((contact) => this.#row(t, deal, contact, editable))}
                </ul>`
              : html`<p class="muted">${t.t('dealContacts.none')}</p>`
      }
      <div role="alert">${this.#notice ? html`<p class="form-error">${t.t(this.#notice)}</p>` : nothing}</div>
      ${editable && items ? this.#addForm(t, deal, items) : nothing}
    </section>`;
  }

  #row(t: Localizer, deal: Deal, contact: OpportunityContact, editable: boolean): TemplateResult {
    const { name, title, emails, phones, isPrimary, role } = contact;
    const [email] = emails;
    const [phone] = phones;
    const busy = this.#busy;
    return html`<li part="contact" class="contact" data-contact=${contact.contactId}>
      <div class="contact-who">
        <span class="contact-name">${name}</span>${title ? html`<span class="muted"> · ${title}</span>` : nothing}
        ${isPrimary ? html`<span part="primary-mark" class="primary-mark">${t.t('dealContacts.primary')}</span>` : nothing}
        ${editable ? nothing : html`<div class="muted contact-role">${roleLabel(t, role)}</div>`}
      </div>
      <div class="contact-reach">
        ${email ? html`<a href="mailto:${email}">${email}</a>` : nothing}
        ${phone ? html`<a href="tel:${phone}">${phone}</a>` : nothing}
      </div>
      ${
        editable
          ? html`<div class="contact-actions">
              <select
                class="control"
                aria-label=${t.t('dealContacts.roleOf', { name })}
                ?disabled=${busy}
                @change=${(event: Event) =>
                  this.#setRole(t, deal, contact, (event.target as HTMLSelectElement).value as OpportunityContactRole)}
              >
                ${this.#roleOptions(t, role)}
              </select>
              ${
                isPrimary
                  ? nothing
                  : html`<button
                      part="primary-button"
                      class="button"
                      type="button"
                      aria-label=${t.t('dealContacts.makePrimaryOf', { name })}
                      ?disabled=${busy}
                      @click=${() => void this.#makePrimary(t, deal, contact)}
                    >
                      ${t.t('dealContacts.makePrimary')}
                    </button>`
              }
              <button
                part="remove-button"
                class="button"
                type="button"
                aria-label=${t.t('dealContacts.removeOf', { name })}
                ?disabled=${busy}
                @click=${() => void this.#remove(t, deal, contact)}
              >
                ${t.t('dealContacts.remove')}
              </button>
            </div>`
          : nothing
      }
    </li>`;
  }

  #roleOptions(t: Localizer, selected: OpportunityContactRole) {
    return ROLES.map(
      (role) => html`<option value=${role} ?selected=${role === selected}>${roleLabel(t, role)}</option>`,
    );
  }

  #addForm(t: Localizer, deal: Deal, items: readonly OpportunityContact[]): TemplateResult {
    const choices = this.#choices;
    // A customer without contacts (or whose contacts the caller may not see) has none to offer.
    if (!choices?.length) return html``;
    const onDeal = new Set(items.map((item) => item.contactId));
    const offered = choices.filter((contact) => !onDeal.has(contact.id));
    if (!offered.length) return html`<p class="muted">${t.t('dealContacts.allAdded')}</p>`;
    return html`<form part="add-contact" class="add-contact" @submit=${(e: SubmitEvent) => void this.#add(t, deal, e)}>
      <label class="field">
        <span class="field-label">${t.t('dealContacts.contact')}</span>
        <select class="control" name="contact" required>
          <option value="">${t.t('dealContacts.choose')}</option>
          ${offered.map((contact) => html`<option value=${contact.id}>${contact.name}</option>`)}
        </select>
      </label>
      <label class="field">
        <span class="field-label">${t.t('dealContacts.role')}</span>
        <select class="control" name="role">
          ${this.#roleOptions(t, 'other')}
        </select>
      </label>
      <button part="add-button" class="button" type="submit" ?disabled=${this.#busy}>${t.t('dealContacts.add')}</button>
    </form>`;
  }
}

dealContactsSection.register(DealContacts);
