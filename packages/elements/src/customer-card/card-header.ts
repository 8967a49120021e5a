// The card's header: avatar, name (a button that selects the customer), details line, stage
// badge, the host's slots and the Edit button. Also the skeleton that stands in for the card.
import type { Customer } from '@crmkit/core';
import { html, nothing } from 'lit';
import { initials } from '../shared/format.js';
import { editIcon, plusIcon } from '../shared/icons.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { bone } from '../shared/states.js';
import { breakable, telHref } from './format.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.a11y, en.card, en.edit, en.form, en.kind, en.stage);

export interface HeaderOptions {
  customer: Customer;
  compact: boolean;
  /** The heading level of the name. */
  level: number;
  /** The form is open. */
  editing: boolean;
  /** Offer the Edit button. */
  showEdit: boolean;
  /** Offer "Add contact", "New deal" and "New case" (when the caller may create them). */
  onNewDeal?: () => void;
  onAddContact?: () => void;
  onNewCase?: () => void;
  /** Something is slotted into `actions`. */
  hasActions: boolean;
  onIdentityClick: (event: MouseEvent) => void;
  onActionsChange: (event: Event) => void;
  onEdit: () => void;
}

export function renderHeader(t: Localizer, options: HeaderOptions) {
  const { customer, compact, level, showEdit } = options;
  const subtitle = [t.t(`kind.${customer.kind}`), customer.industry, compact ? customer.region : null].filter(Boolean);
  const stage = t.t(`stage.${customer.lifecycleStage}`);
  return html`<div part="header" class="header">
    <div class="identity" @click=${options.onIdentityClick}>
      <span part="avatar" class="avatar" data-kind=${customer.kind} aria-hidden="true">${initials(customer.name)}</span>
      <div class="title">
        <div part="heading" class="heading" role="heading" aria-level=${level}>
          <button part="name" id="name" class="name" type="button">${customer.name}</button>
        </div>
        <div class="meta">
          <span part="subtitle" class="subtitle">${subtitle.join(' · ')}</span>
          <span part="stage" class="stage" data-stage=${customer.lifecycleStage}>
            <span class="dot" aria-hidden="true"></span>
            <span aria-hidden="true">${stage}</span>
            <span class="visually-hidden">${t.t('a11y.stage', { stage })}</span>
          </span>
        </div>
        ${compact && !options.editing ? renderContactLine(customer) : nothing}
        <slot name="header"></slot>
      </div>
    </div>
    <div
      part="actions"
      class="actions"
      ?hidden=${!options.hasActions && !showEdit && !options.onNewDeal && !options.onAddContact && !options.onNewCase}
    >
      <slot name="actions" @slotchange=${options.onActionsChange}></slot>
      ${createButton(options.onAddContact, t.t('form.addContact'))}
      ${createButton(options.onNewDeal, t.t('form.newDeal'))} ${createButton(options.onNewCase, t.t('form.addCase'))}
      ${
        showEdit
          ? html`<button
              part="edit-button"
              class="button"
              type="button"
              aria-label=${t.t('edit.editLabel', { name: customer.name })}
              @click=${options.onEdit}
            >
              ${editIcon()}${t.t('edit.edit')}
            </button>`
          : nothing
      }
    </div>
  </div>`;
}

/** A "New …" button of the header, if it is offered. */
function createButton(onClick: (() => void) | undefined, label: string) {
  if (!onClick) return nothing;
  return html`<button part="create-button" class="button" type="button" @click=${onClick}>
    ${plusIcon()}${label}
  </button>`;
}

/** The compact variant's single line of the first email and phone. */
function renderContactLine(customer: Customer) {
  const email = customer.emails[0];
  const phone = customer.phones[0];
  if (!email && !phone) return nothing;
  return html`<div class="contact-line">
    ${email ? html`<a href=${`mailto:${email}`}>${breakable(email)}</a>` : nothing}
    ${phone ? html`<a href=${telHref(phone)}>${phone}</a>` : nothing}
  </div>`;
}

/** Grey bones where the header (and, in the full variant, the body) will be. */
export function renderSkeleton(t: Localizer, compact: boolean) {
  return html`
    <div part="base skeleton" class="card loading" aria-busy="true" tabindex="-1">
      <div class="header">
        <span class="avatar bone"></span>
        <div class="title">${bone(55)} ${bone(35, { small: true })}</div>
      </div>
      ${compact ? nothing : html`<div class="body">${bone(70)} ${bone(45)} ${bone(60)}</div>`}
      <span class="visually-hidden">${t.t('card.loading')}</span>
    </div>
  `;
}
