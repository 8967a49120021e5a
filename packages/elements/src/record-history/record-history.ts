import type { CrmClient, HistoryEntry, Page } from '@crmkit/core';
import { Task, TaskStatus } from '@lit/task';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { parseTarget, type Target, type TargetKind } from '../activity-log/target.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { LiveChanges } from '../shared/change-stream-controller.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { RESOURCE_OF } from '../shared/records.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { MorePages } from '../shared/more-pages.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { actorName, changesOf, type Names } from './history-text.js';
import { everyPage } from '../shared/every-page.js';

useEnglish(en.action, en.history);

/** Entries a page asks for. */
const PAGE = 20;

interface Loaded {
  page: Page<HistoryEntry>;
  names: Names;
  /** The record as it is now, when the caller may still see it. */
  current: Record<string, unknown>;
}

/** The ids' names: every member the caller sees, and for a deal every pipeline's stages. */
async function namesFor(client: CrmClient, kind: TargetKind): Promise<Names> {
  const [users, pipelines] = await Promise.all([
    everyPage((page) => client.users.list(page)).catch(() => []),
    kind === 'opportunity' ? everyPage((page) => client.pipelines.list(page)).catch(() => []) : [],
  ]);
  return {
    users: new Map(users.map((user) => [user.id, user.name])),
    stages: new Map(pipelines.flatMap((p) => p.stages.map((stage) => [stage.id, stage.name] as const))),
  };
}

/**
 * Every change to one record, newest first (`GET /{resource}/:id/history`): who created it, who
 * changed which fields from what to what (stages, owners and forecast categories by name, money in
 * its currency, days in the reader's calendar), who moved it to the trash and restored it. Earlier
 * changes come a page at a time; a change made anywhere shows as soon as the kit tells of it.
 *
 * ```html
 * <crm-record-history for="opportunity:019…"></crm-record-history>
 * ```
 *
 * @summary The history of a customer, contact, deal, lead or case: who changed what, when.
 * @tag crm-record-history
 *
 * @csspart base - The panel.
 * @csspart heading - The "History" title.
 * @csspart entries - The list of changes.
 * @csspart entry - One write: who and when, and what it changed.
 * @csspart summary - Who did what.
 * @csspart time - When.
 * @csspart changes - The changed fields of an update.
 * @csspart change - One changed field: label, before, after.
 * @csspart load-more - The "Show earlier changes" button.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The note shown when nothing changed yet, or no record is named.
 */
export class CrmRecordHistory extends CrmElement {
  static override styles = [
    tokens,
    buttons,
    states,
    listPanel,
    css`
      .entries {
        display: grid;
        gap: 0;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .entry {
        display: grid;
        gap: 4px;
        padding-block: 10px;
        border-block-start: 1px solid var(--_border);
      }
      .entry:first-child {
        border-block-start: 0;
        padding-block-start: 0;
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0 16px;
      }
      .summary {
        font-weight: 500;
      }
      .time {
        color: var(--_muted);
        font-size: 0.875em;
        white-space: nowrap;
      }
      .changes {
        display: grid;
        gap: 2px;
        margin: 0;
        padding: 0;
        list-style: none;
        font-size: 0.875em;
      }
      .label {
        color: var(--_muted);
      }
      .before {
        text-decoration: line-through;
        text-decoration-color: color-mix(in srgb, currentColor 45%, transparent);
        color: var(--_muted);
      }
    `,
  ];

  /** Whose history: `customer:ID`, `opportunity:ID`, `contact:ID`, `lead:ID` or `case:ID`. */
  @property({ attribute: 'for', reflect: true }) for = '';

  /** The level of the "History" heading (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Earlier pages, loaded with "Show earlier changes", after the first. */
  readonly #more = new MorePages<HistoryEntry>(this, (cursor) => {
    const client = this.client;
    const target = this.#target();
    if (!client || !target) throw new Error('unconfigured');
    return client[RESOURCE_OF[target.kind]].history(target.id, { limit: PAGE, cursor });
  });

  #target(): Target | undefined {
    return parseTarget(this.for) ?? undefined;
  }

  /** The names of the ids, as last read, for the client and kind they were read for. */
  #names?: { client: CrmClient; key: string; names: Promise<Names> };

  readonly #history = new Task<[CrmClient | undefined, string], Loaded>(this, {
    args: () => [this.client, this.for],
    task: async ([client], { signal }) => {
      const target = this.#target();
      this.#more.reset();
      if (!client || !target) throw new Error('unconfigured');
      const records = client[RESOURCE_OF[target.kind]];
      // The names change rarely: read once per client and kind, not again with every change.
      if (this.#names?.client !== client || this.#names.key !== target.kind) {
        this.#names = { client, key: target.kind, names: namesFor(client, target.kind) };
      }
      const [page, names, current] = await Promise.all([
        records.history(target.id, { limit: PAGE }, { signal }),
        this.#names.names,
        records.get(target.id, { signal }).then(
          (record) => record as unknown as Record<string, unknown>,
          () => ({}),
        ),
      ]);
      this.#more.reset(page.nextCursor);
      return { page, names, current };
    },
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#history]);
    // A change to the record, made anywhere, is a new entry: read the first page again.
    new LiveChanges(this, {
      client: () => this.client,
      topics: () => {
        const target = this.#target();
        return target ? [{ entity: target.kind, id: target.id }] : undefined;
      },
      onChange: () => void this.#history.run(),
      onOpen: (reconnected) => reconnected && void this.#history.run(),
    });
  }

  /** Reads the history again. */
  reload(): void {
    void this.#history.run();
  }

  protected override render() {
    const t = this.localize;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    const heading = html`<div part="heading" class="heading" role="heading" aria-level=${level}>
      ${t.t('history.title')}
    </div>`;
    if (!this.#target()) {
      return html`<section part="base" class="panel" lang=${t.locale}>
        ${heading} ${emptyState({ title: t.t('history.notConnected') })}
      </section>`;
    }
    const loaded = this.#history.value;
    const busy = this.#history.status === TaskStatus.PENDING && !loaded;
    let body: unknown;
    if (this.#history.status === TaskStatus.ERROR) {
      const failure = failureOf(this.#history.error);
      const [message, detail] = FAILURE_MESSAGES[failure];
      body = errorBox({
        message: t.t(message),
        detail: detail && t.t(detail),
        retry: failure === 'notFound' ? undefined : { label: t.t('action.retry'), onClick: () => this.reload() },
      });
    } else if (busy || !loaded) {
      body = html`<div part="skeleton" aria-label=${t.t('history.loading')}>
        ${bone('60%')} ${bone('40%', { small: true })} ${bone('70%')} ${bone('30%', { small: true })}
      </div>`;
    } else {
      body = this.#renderEntries(t, loaded);
    }
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${busy ? 'true' : 'false'}>
      ${heading} ${body}
    </section>`;
  }

  #renderEntries(t: Localizer, { page, names, current }: Loaded) {
    const entries = [...page.items, ...this.#more.items];
    if (!entries.length) return emptyState({ title: t.t('history.empty') });
    return html`<ol part="entries" class="entries">
        ${entries.map((entry) => {
          const actor = actorName(t, entry, names);
          const changes = entry.action === 'update' ? changesOf(t, entry, names, current) : [];
          const summary =
            entry.action === 'update'
              ? t.t('history.update', { actor, fields: t.list(changes.map((c) => c.label)) })
              : entry.action === 'merge'
                ? t.t(entry.after?.mergedIntoId ? 'history.mergedInto' : 'history.mergedFrom', { actor })
                : t.t(`history.${entry.action}`, { actor });
          return html`<li part="entry" class="entry">
            <div class="line">
              <span part="summary" class="summary">${summary}</span>
              <time part="time" class="time" datetime=${entry.at}
                >${t.date(entry.at, { dateStyle: 'medium', timeStyle: 'short' })}</time
              >
            </div>
            ${
              changes.length
                ? html`<ul part="changes" class="changes">
                    ${changes.map(
                      (change) =>
                        html`<li part="change" data-field=${change.field}>
                          <span class="visually-hidden"
                            >${t.t('history.change', { field: change.label, before: change.before, after: change.after })}</span
                          >
                          <span aria-hidden="true">
                            <span class="label">${t.t('history.label', { field: change.label })}</span>
                            <span class="before">${change.before}</span> → <span class="after">${change.after}</span>
                          </span>
                        </li>`,
                    )}
                  </ul>`
                : nothing
            }
          </li>`;
        })}
      </ol>
      ${this.#more.render({
        label: t.t('history.more'),
        loadingLabel: t.t('history.loadingMore'),
        failedLabel: t.t('history.moreFailed'),
        retryLabel: t.t('action.retry'),
      })}`;
  }
}

define('crm-record-history', CrmRecordHistory);

declare global {
  interface HTMLElementTagNameMap {
    'crm-record-history': CrmRecordHistory;
  }
}
