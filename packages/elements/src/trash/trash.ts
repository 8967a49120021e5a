import type { CrmClient, Page } from '@crmkit/core';
import { Task, TaskStatus } from '@lit/task';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmRecordRestoredEvent, type CrmTrashResource } from '../shared/events.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { controls } from '../shared/controls.styles.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { MorePages } from '../shared/more-pages.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.card, en.trash);

/** What the trash can show, in the order its select offers them. */
const RESOURCES: readonly CrmTrashResource[] = ['customers', 'contacts', 'opportunities', 'leads', 'cases'];

/**
 * The latest trashed first: moving a record to the trash is a write, so it is the latest updated
 * (leads, which the kit does not sort by that, newest first).
 */
const LATEST = {
  customers: '-updatedAt',
  contacts: '-updatedAt',
  opportunities: '-updatedAt',
  leads: '-createdAt',
  cases: '-updatedAt',
} as const satisfies Record<CrmTrashResource, string>;

/** A trashed record as the list shows it. */
interface Trashed {
  id: string;
  version: number;
  deletedAt: string | null;
  /** Its name, or a case's subject. */
  name: string;
}

/** Records a page asks for. */
const PAGE = 25;

/** One page of a resource's trash, latest first. */
function trashPage(
  client: CrmClient,
  resource: CrmTrashResource,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<Record<string, unknown>>> {
  // Each resource's client types its own query; these parameters are common to all five.
  const records = client[resource] as unknown as {
    list(query: Record<string, unknown>, options: { signal?: AbortSignal }): Promise<Page<Record<string, unknown>>>;
  };
  return records.list({ trash: true, limit: PAGE, sort: LATEST[resource], ...(cursor ? { cursor } : {}) }, { signal });
}

const asTrashed = (record: Record<string, unknown>): Trashed => ({
  id: String(record.id),
  version: Number(record.version),
  deletedAt: (record.deletedAt as string | null) ?? null,
  name: String(record.name ?? record.subject ?? ''),
});

/**
 * What the caller moved to the trash (and may see), by kind of record: customers, contacts, deals,
 * leads or support cases, the latest first, each with when it went and a Restore button for a
 * caller who may restore it. A restored record leaves the list and is back where it was, with its
 * history (`POST /{resource}/:id/restore`).
 *
 * ```html
 * <crm-trash resource="customers"></crm-trash>
 * ```
 *
 * @summary The trash, and the way back: restore customers, contacts, deals, leads and cases.
 * @tag crm-trash
 *
 * @csspart base - The panel.
 * @csspart heading - The "Trash" title.
 * @csspart resource-select - The select of what to show.
 * @csspart items - The list of trashed records.
 * @csspart item - One trashed record.
 * @csspart name - Its name.
 * @csspart trashed-on - When it went to the trash.
 * @csspart restore-button - Its Restore button.
 * @csspart notice - Why the last restore did not work.
 * @csspart load-more - The "Show more" button.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The note shown when the trash is empty.
 *
 * @fires {CrmRecordRestoredEvent} crm-record-restored - The kit restored a record; `detail.resource` and `detail.record` (as restored).
 */
export class CrmTrash extends CrmElement {
  static override styles = [
    tokens,
    buttons,
    controls,
    states,
    listPanel,
    css`
      .items {
        display: grid;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .item {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 4px 16px;
        padding-block: 8px;
        border-block-start: 1px solid var(--_border);
      }
      .item:first-child {
        border-block-start: 0;
      }
      .what {
        display: grid;
        min-inline-size: 0;
      }
      .name {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .when {
        color: var(--_muted);
        font-size: 0.875em;
      }
      .notice {
        margin: 0;
        color: var(--_danger);
        font-size: 0.875em;
      }
    `,
  ];

  /** What to show: `customers`, `contacts`, `opportunities`, `leads` or `cases`. The user can change it. */
  @property({ reflect: true }) resource: CrmTrashResource = 'customers';

  /** The level of the "Trash" heading (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Records restored since the page loaded: no longer listed. */
  @state() private restored = new Set<string>();
  @state() private restoring?: string;
  @state() private notice = '';
  @state() private message = '';

  /** Records loaded with "Show more", after the first page. */
  readonly #more = new MorePages<Trashed>(this, async (cursor) => {
    if (!this.client) throw new Error('unconfigured');
    const page = await trashPage(this.client, this.#resource(), cursor);
    return { items: page.items.map(asTrashed), nextCursor: page.nextCursor };
  });

  readonly #first = new Task<[CrmClient | undefined, CrmTrashResource], Trashed[]>(this, {
    args: () => [this.client, this.#resource()],
    task: async ([client, resource], { signal }) => {
      this.#more.reset();
      this.restored = new Set();
      this.notice = '';
      if (!client) throw new Error('unconfigured');
      const page = await trashPage(client, resource, null, signal);
      this.#more.reset(page.nextCursor);
      return page.items.map(asTrashed);
    },
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#first]);
  }

  /** The resource in effect: `resource` when it names one, else customers. */
  #resource(): CrmTrashResource {
    return RESOURCES.includes(this.resource) ? this.resource : 'customers';
  }

  /** Reads the trash again. */
  reload(): void {
    void this.#first.run();
  }

  async #restore(item: Trashed): Promise<void> {
    const client = this.client;
    const t = this.localize;
    const resource = this.#resource();
    if (!client || this.restoring) return;
    this.restoring = item.id;
    this.notice = '';
    try {
      const record = (await client[resource].restore(item.id, { version: item.version })) as unknown as Record<
        string,
        unknown
      > & { id: string; version: number };
      this.restored = new Set([...this.restored, item.id]);
      this.message = t.t('trash.restored', { name: item.name });
      this.dispatchEvent(new CrmRecordRestoredEvent(resource, record));
      // Focus stays in the list: on the next record's button, else on the heading.
      await this.updateComplete;
      (
        this.renderRoot.querySelector<HTMLElement>('[part~="restore-button"]') ??
        this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')
      )?.focus();
    } catch (error) {
      const failure = failureOf(error);
      const key: MessageKey = failure === 'forbidden' ? 'trash.restoreForbidden' : 'trash.restoreFailed';
      this.notice = t.t(key, { name: item.name });
      // Someone else may have restored or changed it: read the trash again.
      if (failure === 'notFound' || failure === 'generic') this.reload();
    } finally {
      this.restoring = undefined;
    }
  }

  protected override render() {
    const t = this.localize;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const resource = this.#resource();
    const status = this.#first.status;
    const busy = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    let body: unknown;
    if (!this.client) {
      body = errorBox({ message: t.t('card.notConnected') });
    } else if (status === TaskStatus.ERROR) {
      const failure = failureOf(this.#first.error);
      const [message, detail] = FAILURE_MESSAGES[failure];
      body = errorBox({
        message: t.t(message),
        detail: detail && t.t(detail),
        retry: { label: t.t('action.retry'), onClick: () => this.reload() },
      });
    } else if (busy) {
      body = html`<div part="skeleton" aria-label=${t.t('trash.loading')}>
        ${bone('50%')} ${bone('30%', { small: true })} ${bone('60%')} ${bone('25%', { small: true })}
      </div>`;
    } else {
      body = this.#renderItems(t, [...(this.#first.value ?? []), ...this.#more.items]);
    }
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${busy ? 'true' : 'false'}>
      <div class="head">
        <div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">${t.t('trash.title')}</div>
        <label class="head-control">
          ${t.t('trash.show')}
          <select
            part="resource-select"
            class="control"
            @change=${(event: Event) => (this.resource = (event.target as HTMLSelectElement).value as CrmTrashResource)}
          >
            ${RESOURCES.map((r) => html`<option value=${r} ?selected=${r === resource}>${t.t(`trash.${r}`)}</option>`)}
          </select>
        </label>
      </div>
      ${body}
      <div role="alert">${this.notice ? html`<p part="notice" class="notice">${this.notice}</p>` : nothing}</div>
      <div role="status" class="visually-hidden">${this.message}</div>
    </section>`;
  }

  #renderItems(t: Localizer, all: Trashed[]) {
    const items = all.filter((item) => !this.restored.has(item.id));
    if (!items.length && !this.#more.cursor) return emptyState({ title: t.t('trash.empty') });
    const mayRestore = this.may(this.#resource(), 'delete');
    return html`<ul part="items" class="items">
        ${items.map(
          (item) =>
            html`<li part="item" class="item" data-id=${item.id}>
              <div class="what">
                <span part="name" class="name">${item.name}</span>
                ${
                  item.deletedAt
                    ? html`<span part="trashed-on" class="when"
                        >${t.t('trash.trashedOn', { date: t.date(item.deletedAt, { dateStyle: 'medium' }) })}</span
                      >`
                    : nothing
                }
              </div>
              ${
                mayRestore
                  ? html`<button
                      part="restore-button"
                      class="button"
                      type="button"
                      aria-label=${t.t('trash.restoreLabel', { name: item.name })}
                      ?disabled=${this.restoring !== undefined}
                      @click=${() => void this.#restore(item)}
                    >
                      ${t.t('trash.restore')}
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      ${this.#more.render({
        label: t.t('trash.more'),
        loadingLabel: t.t('trash.loadingMore'),
        failedLabel: t.t('trash.moreFailed'),
        retryLabel: t.t('action.retry'),
      })}`;
  }
}

define('crm-trash', CrmTrash);

declare global {
  interface HTMLElementTagNameMap {
    'crm-trash': CrmTrash;
  }
}
