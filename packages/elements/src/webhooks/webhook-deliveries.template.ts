// An endpoint's delivery log: each event sent (or waiting), its status, its attempts with their
// status code, duration, time and the start of the answer, and a Replay button.
import type { WebhookAttempt, WebhookDelivery } from '@crmkit/core';
import { html, nothing } from 'lit';
import type { Localizer } from '../shared/localize.js';

export interface DeliveriesView {
  deliveries: readonly WebhookDelivery[];
  /** The delivery being replayed, if any. */
  replaying?: string;
  onReplay?: (delivery: WebhookDelivery) => void;
}

const when = (t: Localizer, at: string) => t.date(at, { dateStyle: 'medium', timeStyle: 'medium' });

function attempt(t: Localizer, item: WebhookAttempt) {
  const code = item.statusCode === null ? (item.error ?? t.t('webhooks.noAnswer')) : String(item.statusCode);
  return html`<li part="attempt" class="attempt">
    <span part="attempt-summary"
      >${t.t('webhooks.attempt', { date: when(t, item.at), code, duration: t.number(item.durationMs) })}</span
    >
    ${
      item.response
        ? // The receiver's answer is shown as text (Lit escapes it), never as markup.
          html`<pre part="answer" class="answer" aria-label=${t.t('webhooks.answer')}>${item.response}</pre>`
        : nothing
    }
  </li>`;
}

export function deliveryList(t: Localizer, view: DeliveriesView) {
  return html`<ul part="deliveries" class="deliveries">
    ${view.deliveries.map(
      (delivery) =>
        html`<li part="delivery" class="delivery" data-id=${delivery.id} data-status=${delivery.status}>
          <div class="delivery-head">
            <code part="event-type" class="event-type">${delivery.eventType}</code>
            <span part="delivery-status" class="status" data-status=${delivery.status}
              >${t.t(`webhooks.status.${delivery.status}`)}</span
            >
            <span class="when">${t.t('webhooks.queuedAt', { date: when(t, delivery.createdAt) })}</span>
            ${
              delivery.status === 'pending' && delivery.nextAttemptAt
                ? html`<span class="when"
                    >${t.t('webhooks.nextAttempt', { date: when(t, delivery.nextAttemptAt) })}</span
                  >`
                : nothing
            }
            ${
              view.onReplay
                ? html`<button
                    part="replay-button"
                    class="button small"
                    type="button"
                    aria-label=${t.t('webhooks.replayLabel', { event: delivery.eventType })}
                    ?disabled=${view.replaying !== undefined}
                    @click=${() => view.onReplay?.(delivery)}
                  >
                    ${t.t('webhooks.replay')}
                  </button>`
                : nothing
            }
          </div>
          ${
            delivery.attempts.length
              ? html`<ol part="attempts" class="attempts">
                  ${delivery.attempts.map((item) => attempt(t, item))}
                </ol>`
              : html`<p class="when">${t.t('webhooks.noAttempts')}</p>`
          }
        </li>`,
    )}
  </ul>`;
}
