// What the deal card draws once its deal is here: the header (name, customer, status, the
// closing actions), the stage path, and the deal's figures and fields.
import type { Stage } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { dayText, fullMoney, percent, separator } from '../shared/format.js';
import { customLabel, customValueText } from '../shared/custom-fields.js';
import { bone } from '../shared/states.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import type { Deal } from './deal-loader.js';
import type { EditableField } from './field-editor.js';

useEnglish(en.category, en.custom, en.deal, en.field);

const STATUS_LABELS: Record<Stage['kind'], MessageKey> = { open: 'deal.open', won: 'deal.won', lost: 'deal.lost' };

/** What the header and the path may offer: each handler is left out when the caller may not. */
export interface DealActions {
  onWon?: () => void;
  onLost?: () => void;
  onReopen?: () => void;
  /** Moves the deal into a stage (the path's buttons). */
  onStage?: (stage: Stage) => void;
  onCustomer?: () => void;
  /** The stage a move is being saved into, if any. */
  moving?: string;
  /** The name is being edited: its control stands outside the heading, which stays for screen readers. */
  editingName?: boolean;
}

/**
 * How a field's value is drawn: as it reads, or editable in place (see field-editor.ts). With `aside`,
 * the value stays as it is (a link keeps its `href`) and an edit button follows it.
 */
export type ValueView = (field: EditableField, shown: unknown, aside?: { href?: string }) => unknown;

/** The stage the deal is in; a stage removed meanwhile reads as unknown. */
export const stageOf = (deal: Deal): Stage | undefined => deal.stages.find((s) => s.id === deal.opportunity.stageId);

/** The win probability in effect: the deal's own, else its stage's. */
export const probabilityOf = (deal: Deal): number => deal.opportunity.probability ?? stageOf(deal)?.probability ?? 0;

export function renderHeader(
  t: Localizer,
  deal: Deal,
  level: number,
  actions: DealActions,
  value: ValueView,
): TemplateResult {
  const stage = stageOf(deal);
  const kind = stage?.kind ?? 'open';
  const trashed = Boolean(deal.opportunity.deletedAt);
  const { opportunity, customer } = deal;
  const busy = actions.moving !== undefined;
  const button = (part: string, label: MessageKey, onClick?: () => void, primary = false) =>
    onClick
      ? html`<button
          part=${part}
          class="button ${primary ? 'primary' : ''}"
          type="button"
          ?disabled=${busy}
          @click=${onClick}
        >
          ${t.t(label)}
        </button>`
      : nothing;
  return html`<header part="header" class="header">
    <div class="titles">
      ${
        actions.editingName
          ? html`<div role="heading" aria-level=${level} id="name" class="visually-hidden">${opportunity.name}</div>
              ${value('name', nothing)}`
          : html`<div class="name-row">
              <div part="heading" class="heading" role="heading" aria-level=${level} id="name">${opportunity.name}</div>
              ${value('name', nothing, {})}
            </div>`
      }
      <p part="subtitle" class="subtitle">
        ${
          customer
            ? actions.onCustomer
              ? html`<button
                  part="customer"
                  class="link-button"
                  type="button"
                  aria-label=${t.t('deal.customer', { name: customer.name })}
                  @click=${actions.onCustomer}
                >
                  ${customer.name}
                </button>`
              : html`<span part="customer">${customer.name}</span>`
            : nothing
        }
        ${customer ? html`<span aria-hidden="true">·</span>` : nothing}
        <span>${deal.pipelineName}</span>
      </p>
    </div>
    <span part="status" class="status" data-kind=${trashed ? 'trashed' : kind}
      >${t.t(trashed ? 'deal.trashed' : STATUS_LABELS[kind])}</span
    >
    <div part="actions" class="actions">
      ${
        kind === 'open'
          ? html`${button('won-button', 'deal.markWon', actions.onWon, true)}
            ${button('lost-button', 'deal.markLost', actions.onLost)}`
          : button('reopen-button', 'deal.reopen', actions.onReopen)
      }
    </div>
  </header>`;
}

/**
 * The pipeline's stages in order, the deal's marked as the current step and those before it as
 * passed. With `onStage`, every other stage is a button that moves the deal there.
 */
export function renderPath(t: Localizer, deal: Deal, actions: DealActions): TemplateResult {
  const current = stageOf(deal);
  const closed = current?.kind !== 'open';
  return html`<ol part="stage-path" class="path" aria-label=${t.t('deal.stages', { pipeline: deal.pipelineName })}>
    ${deal.stages.map((stage) => {
      const isCurrent = stage.id === current?.id;
      const passed =
        !isCurrent &&
        stage.kind === 'open' &&
        current !== undefined &&
        (closed ? current.kind === 'won' : stage.position < current.position);
      const saving = actions.moving === stage.id;
      const classes = classMap({ step: true, current: isCurrent, passed, [stage.kind]: true, saving });
      const hidden = isCurrent ? t.t('deal.currentStage') : passed ? t.t('deal.doneStage') : '';
      const label = html`<span class="step-name">${stage.name}</span>${
          hidden ? html`<span class="visually-hidden">${separator(t)}${hidden}</span>` : nothing
        }${saving ? html`<span class="visually-hidden">${separator(t)}${t.t('deal.moving')}</span>` : nothing}`;
      const interactive = actions.onStage && !isCurrent;
      return html`<li class="path-item">
        ${
          interactive
            ? html`<button
                part="stage"
                class=${classes}
                type="button"
                title=${t.t('deal.moveTo', { stage: stage.name })}
                ?disabled=${actions.moving !== undefined}
                @click=${() => actions.onStage!(stage)}
              >
                ${label}
              </button>`
            : html`<span part="stage" class=${classes} aria-current=${ifDefined(isCurrent ? 'step' : undefined)}
                >${label}</span
              >`
        }
      </li>`;
    })}
  </ol>`;
}

/**
 * The deal's figures and fields. With `editable`, its owner, source and custom fields show even when
 * empty, so that they can be set.
 */
export function renderFields(
  t: Localizer,
  deal: Deal,
  today: string,
  value: ValueView,
  editable: boolean,
): TemplateResult {
  const { opportunity } = deal;
  const stage = stageOf(deal);
  const open = (stage?.kind ?? 'open') === 'open';
  const probability = probabilityOf(deal);
  const money = (amount: number) => fullMoney(t, { amount, currency: opportunity.currency });
  const overdue = open && opportunity.expectedCloseDate !== null && opportunity.expectedCloseDate < today;
  const none = html`<span class="muted">${t.t('deal.none')}</span>`;
  const row = (label: string, value: unknown, name: string) =>
    html`<div part="field" class="field" data-field=${name}>
      <dt part="label" class="label">${label}</dt>
      <dd part="value" class="value">${value}</dd>
    </div>`;
  const stat = (label: string, shown: unknown, name: string, note?: string) =>
    html`<div part="stat" class="stat" data-field=${name}>
      <dt part="label">${label}</dt>
      <dd part="value" class="figure">${shown}</dd>
      ${note ? html`<dd class="sub">${note}</dd>` : nothing}
    </div>`;
  return html`<div part="body" class="body">
    <dl part="stats" class="stats">
      ${stat(t.t('field.amount'), value('amount', money(opportunity.amount)), 'amount')}
      ${stat(
        t.t('deal.probability'),
        value('probability', percent(t, probability / 100)),
        'probability',
        opportunity.probability === null ? t.t('deal.stageDefault') : undefined,
      )}
      ${stat(t.t('deal.weighted'), money(Math.round((opportunity.amount * probability) / 100)), 'weighted')}
    </dl>
    <dl part="fields" class="fields">
      ${row(
        t.t('deal.category'),
        value('forecastCategory', t.t(`category.${opportunity.forecastCategory}`)),
        'forecastCategory',
      )}
      ${row(
        t.t('field.closeDate'),
        value(
          'expectedCloseDate',
          opportunity.expectedCloseDate
            ? html`<span class=${classMap({ overdue })}>${dayText(t, opportunity.expectedCloseDate)}</span>${
                  overdue ? html` <span part="overdue" class="flag">${t.t('deal.overdue')}</span>` : nothing
                }`
            : html`<span class="muted">${t.t('deal.noClose')}</span>`,
        ),
        'expectedCloseDate',
      )}
      ${row(t.t('field.owner'), value('ownerId', (opportunity.ownerId && deal.ownerName) || none), 'owner')}
      ${opportunity.source || editable ? row(t.t('field.source'), value('source', opportunity.source || none), 'source') : nothing}
      ${
        opportunity.competitors.length || editable
          ? row(
              t.t('deal.competitors'),
              value(
                'competitors',
                opportunity.competitors.length
                  ? html`<ul class="tags">
                      ${opportunity.competitors.map((name) => html`<li part="tag" class="tag">${name}</li>`)}
                    </ul>`
                  : none,
              ),
              'competitors',
            )
          : nothing
      }
      ${stage?.kind === 'lost' && opportunity.lostReason ? row(t.t('deal.lostReason'), opportunity.lostReason, 'lostReason') : nothing}
      ${stage?.kind === 'won' && opportunity.wonReason ? row(t.t('deal.wonReason'), opportunity.wonReason, 'wonReason') : nothing}
      ${opportunity.closedAt ? row(t.t('deal.closedOn'), t.date(opportunity.closedAt, { dateStyle: 'medium' }), 'closedAt') : nothing}
      ${deal.customFields.map((field) => {
        const text = customValueText(t, field, opportunity.customFields[field.key]);
        if (text === undefined && !editable) return nothing;
        const aside = field.type === 'url' && text ? { href: text } : undefined;
        return row(
          customLabel(t, field),
          value(`customFields.${field.key}`, text ?? none, aside),
          `custom.${field.key}`,
        );
      })}
    </dl>
    <footer part="footer" class="footer">
      ${t.t('deal.stageSince', { date: t.date(opportunity.stageEnteredAt, { dateStyle: 'medium' }) })}
    </footer>
  </div>`;
}

/** The card's shape while the deal loads. */
export function renderSkeleton(t: Localizer): TemplateResult {
  return html`<div part="base skeleton" class="card skeleton" aria-busy="true" aria-label=${t.t('deal.loading')}>
    <div class="header">${bone('55%')} ${bone('30%', { small: true })}</div>
    <div class="path">${bone('100%')}</div>
    <div class="body">${bone('40%')} ${bone('60%', { small: true })} ${bone('50%', { small: true })}</div>
  </div>`;
}
