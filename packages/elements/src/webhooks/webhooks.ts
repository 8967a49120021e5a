import {
  ApiError,
  type CrmClient,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointPatch,
} from '@crmkit/core';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { fieldErrorText, fieldProblems } from '../shared/field-errors.js';
import { formStyles } from '../shared/form.styles.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { MorePages } from '../shared/more-pages.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import * as api from './webhook-data.js';
import { deliveryList } from './webhook-deliveries.template.js';
import { draftOf, emptyDraft, endpointForm, eventTypesOf, type EndpointDraft } from './webhook-form.template.js';
import { webhooksStyles } from './webhooks.styles.js';

useEnglish(en.action, en.card, en.problem, en.webhooks);

/** A secret the kit has just shown, the one time it does. */
interface ShownSecret {
  url: string;
  secret: string;
  /** After a rotation, the old secret still signs for a day. */
  rotated: boolean;
}

/**
 * An organization's webhook endpoints, for its owners and admins: each endpoint's URL, description,
 * the events it wants and whether it is on (or turned off by the kit after failing for days, and
 * why), with ways to turn it on or off, edit it (its URL, description, events and whether it is on,
 * saved with the version read: when someone else changed it meanwhile, what was typed stays and
 * saving again applies it), rotate its signing secret, send it a test and delete it (after asking); an
 * "Add endpoint" form; and each endpoint's delivery log (status, attempts, the start of each answer)
 * with Replay. A new or rotated secret is shown once, with a Copy button. Other members see a note
 * that only admins manage webhooks, and nothing to change.
 *
 * ```html
 * <crm-provider base-url="/api/crm"><crm-webhooks></crm-webhooks></crm-provider>
 * ```
 *
 * @summary Webhook endpoints: add, edit, turn on/off, rotate the secret, test, delete, and the delivery log with replay.
 * @tag crm-webhooks
 *
 * @csspart base - The panel.
 * @csspart heading - The "Webhooks" title.
 * @csspart add-button - The "Add endpoint" button.
 * @csspart form - The "Add endpoint" form, or an endpoint's edit form (in its place in the list).
 * @csspart url-input - Its URL field.
 * @csspart description-input - Its description field.
 * @csspart chosen-radio - Its "Only the events I choose" option.
 * @csspart event-grid - Its grid of records × changes.
 * @csspart active-checkbox - The edit form's "Active" box.
 * @csspart submit-button - Its Add (or Save) button.
 * @csspart cancel-button - Its Cancel button.
 * @csspart form-error - Why the form could not be saved, when no field is to blame.
 * @csspart secret - The box showing a new secret, once.
 * @csspart secret-value - The secret itself.
 * @csspart copy-button - Its Copy button.
 * @csspart secret-done - The button that closes the box.
 * @csspart endpoints - The list of endpoints.
 * @csspart endpoint - One endpoint.
 * @csspart url - Its URL.
 * @csspart description - Its description.
 * @csspart event-types - The events it wants.
 * @csspart state - Active or turned off, and why.
 * @csspart toggle-button - Its "Turn on" / "Turn off" button.
 * @csspart ping-button - Its "Send a test" button.
 * @csspart edit-button - Its Edit button.
 * @csspart rotate-button - Its "Rotate secret" button.
 * @csspart delete-button - Its Delete button.
 * @csspart confirm - The confirmation of a delete.
 * @csspart deliveries-button - The button that shows or hides its deliveries.
 * @csspart deliveries-panel - Its delivery log.
 * @csspart deliveries - The list of deliveries.
 * @csspart delivery - One delivery.
 * @csspart event-type - Its event type.
 * @csspart delivery-status - Pending, delivered or failed.
 * @csspart attempts - Its attempts.
 * @csspart attempt - One attempt.
 * @csspart attempt-summary - The attempt's time, status code and duration.
 * @csspart answer - The start of the receiver's answer, as text.
 * @csspart replay-button - Its Replay button.
 * @csspart notice - Why the last action did not work.
 * @csspart admins-only - The note shown to members who may not manage webhooks.
 * @csspart load-more - The "Show more" button of the deliveries.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The note shown when there is nothing to list.
 */
export class CrmWebhooks extends CrmElement {
  static override styles = [tokens, buttons, controls, formStyles, states, listPanel, webhooksStyles];

  /** The level of the "Webhooks" heading (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private adding = false;
  /** The endpoint as the edit form opened on it: a save sends only what the user changed since. */
  #editBase = emptyDraft();
  /** The endpoint being edited (its form stands in its place in the list). */
  @state() private editing?: string;
  @state() private draft: EndpointDraft = emptyDraft();
  @state() private fieldErrors: ReadonlyMap<string, string> = new Map();
  @state() private formError = '';
  @state() private saving = false;
  @state() private secret?: ShownSecret;
  /** The endpoint an action is under way on. */
  @state() private acting?: string;
  /** The endpoint whose delete awaits confirmation. */
  @state() private confirming?: string;
  /** The endpoint whose deliveries are shown. */
  @state() private opened?: string;
  @state() private replaying?: string;
  @state() private notice = '';
  @state() private message = '';

  readonly #endpoints = new Task<[CrmClient | undefined, boolean], WebhookEndpoint[]>(this, {
    args: () => [this.client, this.#manages()],
    task: async ([client, manages], { signal }) => {
      if (!client) throw new Error('unconfigured');
      if (!manages) return [];
      return (await api.listEndpoints(client, signal)).items;
    },
  });

  readonly #more = new MorePages<WebhookDelivery>(this, async (cursor) => {
    if (!this.client || !this.opened) throw new Error('unconfigured');
    return api.deliveriesPage(this.client, this.opened, cursor);
  });

  readonly #deliveries = new Task<[CrmClient | undefined, string | undefined], WebhookDelivery[]>(this, {
    args: () => [this.client, this.opened],
    task: async ([client, id], { signal }) => {
      this.#more.reset();
      if (!client || !id) return [];
      const page = await api.deliveriesPage(client, id, null, signal);
      this.#more.reset(page.nextCursor);
      return page.items;
    },
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#endpoints, this.#deliveries]);
  }

  /**
   * Whether the caller manages webhooks: owners and admins, signed in rather than through an embed
   * token (unknown capabilities: the kit decides).
   */
  #manages(): boolean {
    const capabilities = this.capabilities;
    if (!capabilities) return true;
    return (capabilities.role === 'owner' || capabilities.role === 'admin') && capabilities.via !== 'embed';
  }

  /** Reads the endpoints (and the open delivery log) again. */
  reload(): void {
    void this.#endpoints.run();
    if (this.opened) void this.#deliveries.run();
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Opens the form: empty to add an endpoint, or filled with `item` to edit it. One form at a time. */
  async #openForm(item?: WebhookEndpoint): Promise<void> {
    this.adding = !item;
    this.editing = item?.id;
    this.draft = item ? draftOf(item) : emptyDraft();
    this.#editBase = this.draft;
    this.fieldErrors = new Map();
    this.formError = '';
    await this.#focus('[part~="url-input"]');
  }

  /** Closes the form, focus back on the button that opened it. */
  async #closeForm(): Promise<void> {
    const edited = this.editing;
    this.adding = false;
    this.editing = undefined;
    await this.#focus(edited ? `[data-id="${edited}"] [part~="edit-button"]` : '[part~="add-button"]');
  }

  /** The events the draft asks for, or undefined (and the form says so) when it chose none. */
  #eventTypes(): string[] | undefined {
    const eventTypes = eventTypesOf(this.draft);
    if (this.draft.every || eventTypes.length) return eventTypes;
    this.fieldErrors = new Map([['eventTypes', this.localize.t('webhooks.chooseOne')]]);
    this.formError = '';
    return undefined;
  }

  /** The kit's refusal of the form, field by field in the user's language. */
  #refusal(t: Localizer, error: unknown, fallback: MessageKey = 'webhooks.createFailed', url = ''): void {
    const errors = new Map<string, string>();
    for (const [field, problem] of fieldProblems(error)) {
      const generic = ['required', 'too_short', 'too_long'].includes(problem.code);
      errors.set(field, field === 'url' && !generic ? t.t('webhooks.urlRefused') : fieldErrorText(t, problem));
    }
    this.fieldErrors = errors;
    this.formError = errors.size ? '' : this.#failureText(error, fallback, url);
  }

  async #create(): Promise<void> {
    const client = this.client;
    const t = this.localize;
    if (!client || this.saving) return;
    const eventTypes = this.#eventTypes();
    if (!eventTypes) return;
    this.saving = true;
    try {
      const { url, description } = this.draft;
      const created = await api.createEndpoint(client, {
        url: url.trim(),
        description: description.trim(),
        eventTypes,
      });
      this.adding = false;
      this.secret = { url: created.url, secret: created.secret, rotated: false };
      this.message = t.t('webhooks.created', { url: created.url });
      this.#endpoints.run();
      await this.#focus('[part~="secret-value"]');
    } catch (error) {
      this.#refusal(t, error);
      await this.#focus('[aria-invalid="true"], [part~="form-error"]');
    } finally {
      this.saving = false;
    }
  }

  /**
   * Saves the edit form with the version of the endpoint on show. When someone else changed it
   * meanwhile (a 412), what was typed stays, the list shows their version, and saving again applies it.
   */
  async #saveEdit(): Promise<void> {
    const client = this.client;
    const t = this.localize;
    const item = this.#endpoints.value?.find((endpoint) => endpoint.id === this.editing);
    if (!client || !item || this.saving) return;
    const eventTypes = this.#eventTypes();
    if (!eventTypes) return;
    // Only what the user changed: a field someone else changed meanwhile stays theirs.
    const base = this.#editBase;
    const draft = this.draft;
    const patch: WebhookEndpointPatch = {};
    if (draft.url.trim() !== base.url) patch.url = draft.url.trim();
    if (draft.description.trim() !== base.description) patch.description = draft.description.trim();
    if (eventTypes.join() !== eventTypesOf(base).join()) patch.eventTypes = eventTypes;
    if (draft.active !== base.active) patch.active = draft.active;
    if (!Object.keys(patch).length) return this.#closeForm();
    this.saving = true;
    try {
      const saved = await api.changeEndpoint(client, item, patch);
      this.message = t.t('webhooks.saved', { url: saved.url });
      await this.#closeForm();
      await this.#endpoints.run();
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 412;
      this.#refusal(t, error, 'webhooks.saveFailed', item.url);
      if (conflict) {
        this.formError = t.t('webhooks.editConflict', { url: item.url });
        await this.#endpoints.run();
      }
      await this.#focus('[aria-invalid="true"], [part~="form-error"]');
    } finally {
      this.saving = false;
    }
  }

  /** What a failed action says: a 412 reloads and says so; a 403 that only admins may. */
  #failureText(error: unknown, fallback: MessageKey, url: string): string {
    const t = this.localize;
    if (error instanceof ApiError && error.status === 412) return t.t('webhooks.conflict', { url });
    if (failureOf(error) === 'forbidden') return t.t('webhooks.forbidden');
    return t.t(fallback, { url });
  }

  /** Runs one action on an endpoint, telling the user what came of it. */
  async #act(item: WebhookEndpoint, action: (client: CrmClient) => Promise<void>): Promise<void> {
    const client = this.client;
    if (!client || this.acting) return;
    this.acting = item.id;
    this.notice = '';
    try {
      await action(client);
    } catch (error) {
      this.notice = this.#failureText(error, 'webhooks.actionFailed', item.url);
      // Someone else changed or deleted it: show it as it is now.
      if (error instanceof ApiError && (error.status === 412 || error.status === 404)) this.reload();
    } finally {
      this.acting = undefined;
    }
  }

  #toggle(item: WebhookEndpoint): Promise<void> {
    return this.#act(item, async (client) => {
      const changed = await api.setActive(client, item, !item.active);
      this.message = this.localize.t(changed.active ? 'webhooks.turnedOn' : 'webhooks.turnedOff', { url: item.url });
      await this.#endpoints.run();
    });
  }

  #rotate(item: WebhookEndpoint): Promise<void> {
    return this.#act(item, async (client) => {
      const rotated = await api.rotateSecret(client, item.id);
      this.secret = { url: rotated.url, secret: rotated.secret, rotated: true };
      void this.#endpoints.run();
      await this.#focus('[part~="secret-value"]');
    });
  }

  #ping(item: WebhookEndpoint): Promise<void> {
    return this.#act(item, async (client) => {
      await api.ping(client, item.id);
      this.message = this.localize.t('webhooks.pinged', { url: item.url });
      // The test shows in its log: open it, or read it again.
      if (this.opened === item.id) void this.#deliveries.run();
      else this.opened = item.id;
    });
  }

  #delete(item: WebhookEndpoint): Promise<void> {
    return this.#act(item, async (client) => {
      await api.deleteEndpoint(client, item.id);
      this.confirming = undefined;
      if (this.opened === item.id) this.opened = undefined;
      this.message = this.localize.t('webhooks.deleted', { url: item.url });
      await this.#endpoints.run();
      await this.#focus('[part~="heading"]');
    });
  }

  async #replay(delivery: WebhookDelivery): Promise<void> {
    const client = this.client;
    const t = this.localize;
    if (!client || this.replaying) return;
    this.replaying = delivery.id;
    this.notice = '';
    try {
      await api.replay(client, delivery.id);
      this.message = t.t('webhooks.replayed', { event: delivery.eventType });
      await this.#deliveries.run();
    } catch (error) {
      this.notice =
        failureOf(error) === 'forbidden'
          ? t.t('webhooks.forbidden')
          : t.t('webhooks.replayFailed', { event: delivery.eventType });
    } finally {
      this.replaying = undefined;
    }
  }

  async #copy(): Promise<void> {
    const t = this.localize;
    try {
      await navigator.clipboard.writeText(this.secret?.secret ?? '');
      this.message = t.t('webhooks.copied');
    } catch {
      this.notice = t.t('webhooks.copyFailed');
      this.renderRoot.querySelector<HTMLInputElement>('[part~="secret-value"]')?.select();
    }
  }

  protected override render() {
    const t = this.localize;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const status = this.#endpoints.status;
    const busy = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    const manages = this.#manages();
    let body: unknown;
    if (!this.client) {
      body = errorBox({ message: t.t('card.notConnected') });
    } else if (!manages || (status === TaskStatus.ERROR && failureOf(this.#endpoints.error) === 'forbidden')) {
      body = html`<p part="admins-only" class="admins-only">${t.t('webhooks.adminsOnly')}</p>`;
    } else if (status === TaskStatus.ERROR) {
      const [message, detail] = FAILURE_MESSAGES[failureOf(this.#endpoints.error)];
      body = errorBox({
        message: t.t(message),
        detail: detail && t.t(detail),
        retry: { label: t.t('action.retry'), onClick: () => this.reload() },
      });
    } else if (busy && !this.#endpoints.value) {
      body = html`<div part="skeleton" aria-label=${t.t('webhooks.loading')}>
        ${bone('60%')} ${bone('30%', { small: true })} ${bone('50%')} ${bone('25%', { small: true })}
      </div>`;
    } else {
      body = this.#renderEndpoints(t, this.#endpoints.value ?? []);
    }
    const offersAdd = Boolean(this.client) && manages && status === TaskStatus.COMPLETE && !this.adding;
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${busy ? 'true' : 'false'}>
      <div class="head">
        <div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">
          ${t.t('webhooks.title')}
        </div>
        ${
          offersAdd
            ? html`<button part="add-button" class="button primary" type="button" @click=${() => void this.#openForm()}>
                ${t.t('webhooks.add')}
              </button>`
            : nothing
        }
      </div>
      ${manages ? html`<p class="intro">${t.t('webhooks.intro')}</p>` : nothing} ${this.#renderSecret(t)}
      ${this.adding ? this.#renderForm(t) : nothing} ${body}
      <div role="alert">${this.notice ? html`<p part="notice" class="notice">${this.notice}</p>` : nothing}</div>
      <div role="status" class="visually-hidden">${this.message}</div>
    </section>`;
  }

  /** The form to add an endpoint, or to edit `item`. */
  #renderForm(t: Localizer, item?: WebhookEndpoint) {
    return endpointForm(t, {
      title: item ? t.t('webhooks.editTitle', { url: item.url }) : t.t('webhooks.add'),
      submitLabel: item ? t.t('webhooks.save') : t.t('webhooks.create'),
      draft: this.draft,
      errors: this.fieldErrors,
      formError: this.formError,
      saving: this.saving,
      onChange: (change) => (this.draft = change(this.draft)),
      onSubmit: () => void (item ? this.#saveEdit() : this.#create()),
      onCancel: () => void this.#closeForm(),
    });
  }

  #renderSecret(t: Localizer) {
    const shown = this.secret;
    if (!shown) return nothing;
    return html`<div part="secret" class="secret" role="group" aria-labelledby="secret-title">
      <div id="secret-title" class="subheading" role="heading" aria-level="3">
        ${t.t('webhooks.secretTitle', { url: shown.url })}
      </div>
      <p class="secret-once" id="secret-once">${t.t('webhooks.secretOnce')}</p>
      ${shown.rotated ? html`<p id="secret-rotated">${t.t('webhooks.secretRotated')}</p>` : nothing}
      <div class="secret-row">
        <input
          part="secret-value"
          class="control secret-value"
          readonly
          aria-labelledby="secret-title"
          aria-describedby=${shown.rotated ? 'secret-once secret-rotated' : 'secret-once'}
          .value=${shown.secret}
          @focus=${(event: Event) => (event.target as HTMLInputElement).select()}
        />
        <button part="copy-button" class="button" type="button" @click=${() => void this.#copy()}>
          ${t.t('webhooks.copy')}
        </button>
        <button
          part="secret-done"
          class="button primary"
          type="button"
          @click=${() => {
            this.secret = undefined;
            void this.#focus('[part~="add-button"]');
          }}
        >
          ${t.t('webhooks.done')}
        </button>
      </div>
    </div>`;
  }

  #renderEndpoints(t: Localizer, items: readonly WebhookEndpoint[]) {
    if (!items.length) return emptyState({ title: t.t('webhooks.empty') });
    return html`<ul part="endpoints" class="endpoints">
      ${items.map((item) => this.#renderEndpoint(t, item))}
    </ul>`;
  }

  #renderEndpoint(t: Localizer, item: WebhookEndpoint) {
    const busy = this.acting !== undefined;
    const opened = this.opened === item.id;
    const events = item.eventTypes.length ? item.eventTypes.join(', ') : t.t('webhooks.allEvents');
    const stateText = item.active
      ? t.t('webhooks.active')
      : item.disabledReason
        ? t.t('webhooks.disabled', { reason: item.disabledReason })
        : t.t('webhooks.off');
    const panelId = `deliveries-${item.id}`;
    /** One of the endpoint's action buttons, off while another action runs. */
    const action = (part: string, label: MessageKey, onClick: () => void, ariaLabel?: string) =>
      html`<button
        part=${part}
        class="button"
        type="button"
        ?disabled=${busy}
        aria-label=${ifDefined(ariaLabel)}
        @click=${onClick}
      >
        ${t.t(label)}
      </button>`;
    const toggle = item.active ? 'webhooks.turnOff' : 'webhooks.turnOn';
    const details =
      this.editing === item.id
        ? this.#renderForm(t, item)
        : html`<div class="what">
              <span part="url" class="url">${item.url}</span>
              <span part="description" class="muted">${item.description || t.t('webhooks.noDescription')}</span>
              <span part="event-types" class="muted">${t.t('webhooks.eventsOf', { events })}</span>
              <span part="state" class="state" data-active=${item.active ? 'true' : 'false'}>${stateText}</span>
            </div>
            <div class="actions" role="group" aria-label=${t.t('webhooks.actionsOf', { url: item.url })}>
              ${action(
                'toggle-button',
                toggle,
                () => void this.#toggle(item),
                t.t('webhooks.toggleLabel', { action: t.t(toggle), url: item.url }),
              )}
              ${item.active ? action('ping-button', 'webhooks.ping', () => void this.#ping(item)) : nothing}
              ${action('edit-button', 'webhooks.edit', () => void this.#openForm(item))}
              ${action('rotate-button', 'webhooks.rotate', () => void this.#rotate(item))}
              ${action('delete-button', 'webhooks.delete', () => {
                this.confirming = item.id;
                void this.#focus(`[data-id="${item.id}"] [part~="confirm"] .danger`);
              })}
              <button
                part="deliveries-button"
                class="button"
                type="button"
                aria-expanded=${opened ? 'true' : 'false'}
                aria-controls=${panelId}
                @click=${() => (this.opened = opened ? undefined : item.id)}
              >
                ${t.t('webhooks.showDeliveries')}
              </button>
            </div>`;
    return html`<li part="endpoint" class="endpoint" data-id=${item.id}>
      ${details} ${this.confirming === item.id ? this.#renderConfirm(t, item) : nothing}
      <div id=${panelId} part="deliveries-panel" class="deliveries-panel" ?hidden=${!opened}>
        ${opened ? this.#renderDeliveries(t, item) : nothing}
      </div>
    </li>`;
  }

  #renderConfirm(t: Localizer, item: WebhookEndpoint) {
    return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-${item.id}">
      <p id="confirm-${item.id}">${t.t('webhooks.deleteConfirm', { url: item.url })}</p>
      <button
        class="button danger"
        type="button"
        ?disabled=${this.acting !== undefined}
        @click=${() => void this.#delete(item)}
      >
        ${t.t('webhooks.deleteYes')}
      </button>
      <button
        class="button"
        type="button"
        @click=${() => {
          this.confirming = undefined;
          void this.#focus(`[data-id="${item.id}"] [part~="delete-button"]`);
        }}
      >
        ${t.t('webhooks.cancel')}
      </button>
    </div>`;
  }

  #renderDeliveries(t: Localizer, item: WebhookEndpoint) {
    const status = this.#deliveries.status;
    const heading = html`<div class="subheading" role="heading" aria-level="3">
      ${t.t('webhooks.deliveriesOf', { url: item.url })}
    </div>`;
    if (status === TaskStatus.ERROR) {
      const [message] = FAILURE_MESSAGES[failureOf(this.#deliveries.error)];
      return html`${heading}
      ${errorBox({ message: t.t(message), retry: { label: t.t('action.retry'), onClick: () => void this.#deliveries.run() } })}`;
    }
    if (status !== TaskStatus.COMPLETE && !this.#deliveries.value?.length) {
      return html`${heading}
        <div part="skeleton" aria-label=${t.t('webhooks.deliveriesLoading')}>
          ${bone('50%')} ${bone('70%', { small: true })}
        </div>`;
    }
    const deliveries = [...(this.#deliveries.value ?? []), ...this.#more.items];
    if (!deliveries.length) return html`${heading}${emptyState({ title: t.t('webhooks.noDeliveries') })}`;
    return html`${heading}
    ${deliveryList(t, { deliveries, replaying: this.replaying, onReplay: (delivery) => void this.#replay(delivery) })}
    ${this.#more.render({
      label: t.t('webhooks.more'),
      loadingLabel: t.t('webhooks.loadingMore'),
      failedLabel: t.t('webhooks.moreFailed'),
      retryLabel: t.t('action.retry'),
    })}`;
  }
}

define('crm-webhooks', CrmWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'crm-webhooks': CrmWebhooks;
  }
}
