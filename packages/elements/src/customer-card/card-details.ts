// The full card's body: its figures (lifetime value, last order, open deals), labelled fields,
// contacts, deals and activity, and the footer with the dates.
import type { Customer, Opportunity } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { customEntries } from '../shared/custom-fields.js';
import { fullMoney, plural } from '../shared/format.js';
import { errorIcon } from '../shared/icons.js';
import { useEnglish, type Localizer, type MessageKey, type MoneyFigure } from '../shared/localize.js';
import { bone } from '../shared/states.js';
import type { SummaryState } from './customer-loader.js';
import { breakable, sizeRange, telHref, timeOf, webLink, withPart } from './format.js';
import type { SummaryView } from './summary.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.activity, en.field, en.link, en.meta, en.owner, en.size, en.summary);

export interface DetailsOptions {
  customer: Customer;
  summary: SummaryState;
  /** The level of the card's heading; section titles take the next. */
  level: number;
  onSummaryRetry: () => void;
  /** A deal of the open deals chosen (its name is a button). */
  onDeal: (deal: Opportunity) => void;
  /** Whether the caller may read deals: a support agent sees no deal figure or section. */
  deals: boolean;
}

export function renderDetails(
  t: Localizer,
  { customer, summary, level, onSummaryRetry, onDeal, deals }: DetailsOptions,
) {
  const website = customer.website ? webLink(customer.website) : undefined;
  const owner =
    summary.status === 'loaded'
      ? summary.summary.owner
        ? html`<span title=${summary.summary.owner.email}>${summary.summary.owner.name}</span>`
        : html`<span class="muted">${t.t('owner.none')}</span>`
      : summary.status === 'loading'
        ? bone('112px')
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
    [
      'field.segments',
      summary.status === 'loaded' && summary.summary.segments.length
        ? html`<ul part="segments" class="tags">
            ${summary.summary.segments.map((segment) => html`<li part="segment" class="tag">${segment.name}</li>`)}
          </ul>`
        : null,
    ],
  ];
  const shown: [string, unknown, string][] = fields
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) => [t.t(label), value, label.slice(6)]);
  // The custom fields' values, once their definitions came with the summary.
  if (summary.status === 'loaded') {
    for (const [key, label, text] of customEntries(t, summary.summary.customFields, customer.customFields)) {
      shown.push([label, text, `custom.${key}`]);
    }
  }
  const updatedLater = customer.updatedAt.slice(0, 10) !== customer.createdAt.slice(0, 10);
  return html`
    <div part="body" class="body">
      ${renderStats(t, summary, onSummaryRetry, deals)}
      ${
        shown.length
          ? html`<dl part="fields" class="fields">
              ${shown.map(
                ([label, value, name]) =>
                  html`<div part="field" class="field" data-field=${name}>
                    <dt part="label">${label}</dt>
                    <dd part="value">${value}</dd>
                  </div>`,
              )}
            </dl>`
          : nothing
      }
      ${summary.status === 'loaded' ? renderSections(t, summary.summary, Math.min(6, level + 1), deals && onDeal) : nothing}
    </div>
    <footer part="footer" class="footer">
      <span>${withPart(t, 'meta.created', 'date', timeOf(t, customer.createdAt))}</span>
      ${updatedLater ? html`<span>${withPart(t, 'meta.updated', 'date', timeOf(t, customer.updatedAt))}</span>` : nothing}
    </footer>
  `;
}

/** Lifetime value, last order and open deals: the figures a rep looks for first. */
function renderStats(t: Localizer, state: SummaryState, onRetry: () => void, showDeals: boolean) {
  if (state.status === 'error') {
    return html`<div part="summary-error" class="summary-error">
      ${errorIcon()}
      <span>${t.t('summary.error')}</span>
      <button class="link-button" type="button" @click=${onRetry}>${t.t('action.retry')}</button>
    </div>`;
  }
  if (state.status !== 'loaded') {
    return html`<div part="stats" class="stats loading" aria-busy="true">
      ${(showDeals ? [0, 1, 2] : [0, 1]).map(() => html`<div class="stat">${bone(60, { small: true })} ${bone(80)}</div>`)}
      <span class="visually-hidden">${t.t('summary.loading')}</span>
    </div>`;
  }
  const { orders, openOpportunities: deals } = state.summary;
  const perCurrency = (amounts: MoneyFigure[]) => amounts.map((money) => fullMoney(t, money)).join(' + ');
  const ltvMain = orders.lifetimeValueBase ?? (orders.lifetimeValue.length === 1 ? orders.lifetimeValue[0] : undefined);
  const ltvParts = [plural(t, orders.count, 'summary.ordersOne', 'summary.ordersOther')];
  if (orders.lifetimeValue.length > 1) ltvParts.push(perCurrency(orders.lifetimeValue));
  const last = orders.lastOrder;
  return html`<dl part="stats" class="stats">
    <div part="stat" class="stat" data-stat="lifetime-value">
      <dt>${t.t('summary.lifetimeValue')}</dt>
      ${
        orders.count === 0
          ? html`<dd class="figure muted">${t.t('summary.noOrders')}</dd>`
          : html`<dd class="figure">${ltvMain ? fullMoney(t, ltvMain) : perCurrency(orders.lifetimeValue)}</dd>
              <dd class="sub">${ltvParts.join(' · ')}</dd>`
      }
    </div>
    ${
      last
        ? html`<div part="stat" class="stat" data-stat="last-order">
            <dt>${t.t('summary.lastOrder')}</dt>
            <dd class="figure">${fullMoney(t, { amount: last.totalAmount, currency: last.currency })}</dd>
            <dd class="sub">${timeOf(t, last.placedAt)}</dd>
          </div>`
        : nothing
    }
    ${
      showDeals
        ? html`<div part="stat" class="stat" data-stat="open-deals">
            <dt>${t.t('summary.openDeals')}</dt>
            ${
              deals.count === 0
                ? html`<dd class="figure muted">${t.t('summary.noDeals')}</dd>`
                : html`<dd class="figure">${perCurrency(deals.amounts)}</dd>
                    <dd class="sub">${plural(t, deals.count, 'summary.dealsOne', 'summary.dealsOther')}</dd>`
            }
          </div>`
        : nothing
    }
  </dl>`;
}

/**
 * Contacts, open deals and activity, each under its own title (at heading level `level`); without
 * `onDeal` (a caller who may not read deals) no deals section.
 */
function renderSections(
  t: Localizer,
  summary: SummaryView,
  level: number,
  onDeal: ((deal: Opportunity) => void) | false,
) {
  const { contacts, openOpportunities: deals, lastActivity, nextActivity } = summary;
  const title = (key: MessageKey, count?: number) =>
    html`<div part="section-title" class="section-title" role="heading" aria-level=${level}>
      ${t.t(key)}${count ? html` <span class="count">${t.number(count)}</span>` : nothing}
    </div>`;
  const more = (shown: number, total: number) =>
    total > shown ? html`<p class="more">${t.t('summary.more', { count: t.number(total - shown) })}</p>` : nothing;
  const none = (key: MessageKey) => html`<p class="none">${t.t(key)}</p>`;
  const now = Date.now();
  return html`<div class="sections">
    <section part="section" class="section" data-section="contacts">
      ${title('summary.contacts', contacts.total)}
      ${
        contacts.items.length
          ? html`<ul class="items">
                ${contacts.items.map((contact) => renderContact(t, contact))}
              </ul>
              ${more(contacts.items.length, contacts.total)}`
          : none('summary.noContacts')
      }
    </section>
    ${
      onDeal
        ? html`<section part="section" class="section" data-section="deals">
            ${title('summary.openDeals', deals.count)}
            ${
              deals.items.length
                ? html`<ul class="items">
                      ${deals.items.map((deal) => renderDeal(t, deal, onDeal))}
                    </ul>
                    ${more(deals.items.length, deals.count)}`
                : none('summary.noDeals')
            }
          </section>`
        : nothing
    }
    <section part="section" class="section" data-section="activity">
      ${title('summary.lastActivity')}
      ${lastActivity ? renderActivity(t, lastActivity, 'last', now) : none('summary.none')}
      ${title('summary.nextActivity')}
      ${nextActivity ? renderActivity(t, nextActivity, 'next', now) : none('summary.none')}
    </section>
  </div>`;
}

function renderContact(t: Localizer, contact: SummaryView['contacts']['items'][number]) {
  const email = contact.emails[0];
  const phone = contact.phones[0];
  return html`<li part="contact" class="item">
    <span class="item-title">
      <span class="item-name">${contact.name}</span>
      ${contact.isPrimary ? html`<span class="badge">${t.t('summary.primary')}</span>` : nothing}
    </span>
    ${contact.title ? html`<span class="item-sub">${contact.title}</span>` : nothing}
    ${
      email || phone
        ? html`<span class="item-links">
            ${email ? html`<a href=${`mailto:${email}`}>${breakable(email)}</a>` : nothing}
            ${phone ? html`<a href=${telHref(phone)}>${phone}</a>` : nothing}
          </span>`
        : nothing
    }
  </li>`;
}

function renderDeal(t: Localizer, deal: Opportunity, onDeal: (deal: Opportunity) => void) {
  const closes = deal.expectedCloseDate
    ? withPart(t, 'summary.closes', 'date', timeOf(t, deal.expectedCloseDate, { dateStyle: 'medium', timeZone: 'UTC' }))
    : undefined;
  return html`<li part="deal" class="item">
    <button part="deal-link" class="link-button item-name" type="button" @click=${() => onDeal(deal)}>
      ${deal.name}
    </button>
    <span class="item-sub">
      <span class="amount">${fullMoney(t, { amount: deal.amount, currency: deal.currency })}</span>
      ${closes ? html`<span class="close">${closes}</span>` : nothing}
    </span>
  </li>`;
}

function renderActivity(
  t: Localizer,
  activity: NonNullable<SummaryView['lastActivity']>,
  which: 'last' | 'next',
  now: number,
) {
  const due = activity.dueAt ?? activity.occurredAt;
  const overdue = which === 'next' && new Date(due).getTime() < now;
  const when =
    which === 'last'
      ? timeOf(t, activity.occurredAt)
      : withPart(t, overdue ? 'summary.overdue' : 'summary.due', 'date', timeOf(t, due));
  return html`<div part="activity" class="item activity" data-activity=${which}>
    <span class="item-name">${activity.subject}</span>
    <span class="item-sub ${overdue ? 'overdue' : ''}">
      <span class="type" data-type=${activity.type}>${t.t(`activity.${activity.type}`)}</span>
      <span class="when">${when}</span>
    </span>
  </div>`;
}

function list(items: TemplateResult[]) {
  return html`<ul class="values">
    ${items.map((item) => html`<li>${item}</li>`)}
  </ul>`;
}
