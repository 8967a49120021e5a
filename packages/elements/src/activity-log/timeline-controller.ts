import { ApiError, type Activity, type ChangeMessage, type CrmClient } from '@crmkit/core';
import type { ReactiveController } from 'lit';
import { LiveChanges } from '../shared/change-stream-controller.js';
import type { ChangeStreamState } from '../shared/change-stream.js';
import { CrmActivityCompleteEvent } from '../shared/events.js';
import { useEnglish, type MessageKey } from '../shared/localize.js';
import type { LogContext, LogHost } from './log-host.js';
import type { Target } from './target.js';
import { daysFrom } from './time.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.error, en.log);

export type Failure = 'unauthorized' | 'forbidden' | 'network' | 'generic';

export type View =
  | { status: 'empty' }
  | { status: 'invalid' }
  | { status: 'unconfigured' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; failure: Failure };

/** One row of the timeline: a saved activity, or one being saved (`pending`). */
export interface Entry {
  activity: Activity;
  /** Shown before the kit confirmed it; its id is a stand-in. */
  pending?: boolean;
  /** A change to it (marking a task done) is on its way. */
  saving?: boolean;
  /** A note about the last change, e.g. that it failed. */
  message?: string;
}

export const FAILURE_MESSAGES: Record<Failure, [MessageKey, MessageKey?]> = {
  unauthorized: ['log.unauthorized'],
  forbidden: ['log.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['log.error', 'error.genericDetail'],
};

const ACTIVITY_TOPICS = [{ entity: 'activity' }];

/** Newest first, as `sort=-occurredAt` lists them; ties by id (the kit's keyset order). */
export function newestFirst(a: Activity, b: Activity): number {
  const at = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  if (at !== 0) return at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The entries as the timeline shows them: what is planned after today first, soonest first (the
 * next thing to do at the top, not the furthest), then the rest as loaded, newest first.
 */
export function displayOrder(entries: readonly Entry[], now: Date): { upcoming: Entry[]; rest: Entry[] } {
  const upcoming: Entry[] = [];
  const rest: Entry[] = [];
  for (const entry of entries) (daysFrom(entry.activity.occurredAt, now) > 0 ? upcoming : rest).push(entry);
  upcoming.reverse();
  return { upcoming, rest };
}

/** Where a new activity goes among entries: before the first saved one it is newer than. */
export function insertSorted(entries: Entry[], activity: Activity): Entry[] {
  const at = entries.findIndex((entry) => !entry.pending && newestFirst(activity, entry.activity) < 0);
  const copy = [...entries];
  copy.splice(at < 0 ? copy.length : at, 0, { activity });
  return copy;
}

/**
 * The timeline's data: the first page when the target, type or page size changes, the next pages
 * as the end scrolls into view, owners' names, tasks marked done, and activity logged elsewhere
 * as the kit's change stream tells of it.
 */
export class TimelineController implements ReactiveController {
  view: View = { status: 'empty' };
  entries: Entry[] = [];
  nextCursor: string | null = null;
  more: 'idle' | 'loading' | 'error' = 'idle';
  /** Owner names by user id (`null` while asked for). */
  names = new Map<string, string | null>();

  readonly #host: LogHost;
  readonly #context: LogContext;
  readonly #live: LiveChanges;
  #abort?: AbortController;
  #moreAbort?: AbortController;
  #requested?: { client: CrmClient; key: string };
  #liveChain: Promise<void> = Promise.resolve();
  /** Creates the kit has not answered yet: a live event for one of them waits for the answer. */
  readonly #inflight = new Set<Promise<unknown>>();
  #namesClient?: CrmClient;
  #announceLoad = false;
  #observer?: IntersectionObserver;
  #observed?: Element;
  /** After a page arrives: look again whether the end is still in view (then load the next). */
  #reobserve = false;

  constructor(host: LogHost, context: LogContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
    this.#live = new LiveChanges(host, {
      client: context.client,
      topics: () => (context.target() && !host.noLive ? ACTIVITY_TOPICS : undefined),
      onChange: (change) => this.#onChange(change),
    });
  }

  /** Where the change stream stands: `connecting`, `open`, `reconnecting` or `stopped`. */
  get live(): ChangeStreamState {
    return this.#live.state;
  }

  /** Loads from the newest entry again at the next update, announcing it. */
  reload(): void {
    this.#requested = undefined;
    this.#announceLoad = true;
    this.#host.requestUpdate();
  }

  /** The next update's load is announced (the user changed the filter). */
  announceNextLoad(): void {
    this.#announceLoad = true;
  }

  /**
   * Called before each render: loads what the element now asks for. Returns whether it now shows
   * another target than before (then the composer starts afresh).
   */
  sync(tokenChanged: boolean): boolean {
    const client = this.#context.client();
    const target = this.#context.target();
    if (client !== this.#namesClient) {
      this.names = new Map();
      this.#namesClient = client;
    }
    if (target === null || target === undefined || !client) {
      this.#cancel();
      this.view = { status: target === null ? 'empty' : target === undefined ? 'invalid' : 'unconfigured' };
      return false;
    }
    const key = `${target.field}=${target.id}&type=${this.#host.filter}&limit=${this.#context.limit()}`;
    if (this.#requested?.client !== client || this.#requested.key !== key) {
      const newTarget = this.#requested?.key.split('&')[0] !== key.split('&')[0];
      this.#loadFirst(client, target, key);
      return newTarget;
    }
    if (tokenChanged && this.view.status === 'error') this.#loadFirst(client, target, key);
    return false;
  }

  hostUpdated(): void {
    this.#observeEnd();
    this.#fetchNames();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed = undefined;
    if (this.view.status === 'loading') {
      this.#abort?.abort();
      this.#requested = undefined;
    }
    this.#moreAbort?.abort();
    if (this.more === 'loading') this.more = 'idle';
  }

  // ------------------------------------------------------------------ loading

  #query(target: Target, cursor?: string) {
    return {
      [target.field]: target.id,
      type: this.#host.filter || undefined,
      sort: '-occurredAt' as const,
      limit: this.#context.limit(),
      cursor,
    };
  }

  #loadFirst(client: CrmClient, target: Target, key: string): void {
    this.#abort?.abort();
    this.#moreAbort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#requested = { client, key };
    const announce = this.#announceLoad || this.#host.hasUpdated;
    this.#announceLoad = false;
    this.view = { status: 'loading' };
    this.entries = this.entries.filter((entry) => entry.pending);
    this.nextCursor = null;
    this.more = 'idle';
    const t = this.#context.localize();
    if (announce) this.#context.announce(t.t('log.loading'));
    client.activities.list(this.#query(target), { signal: abort.signal }).then(
      (page) => {
        if (abort.signal.aborted) return;
        const pending = this.entries.filter((entry) => entry.pending);
        this.entries = [...pending, ...page.items.map((activity) => ({ activity }))];
        this.nextCursor = page.nextCursor;
        this.view = { status: 'ready' };
        this.#reobserve = true;
        if (announce) this.#context.announce(this.#countText('log.loaded', page.items.length));
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const failure = failureOf(error);
        this.view = { status: 'error', failure };
        this.#context.announce(this.#context.localize().t(FAILURE_MESSAGES[failure][0]));
        this.#host.requestUpdate();
      },
    );
  }

  /** Loads the next page, unless one is on its way or there is none. */
  async loadMore(): Promise<void> {
    const client = this.#context.client();
    const target = this.#context.target();
    const cursor = this.nextCursor;
    if (!client || !target || !cursor || this.more === 'loading' || this.view.status !== 'ready') return;
    const abort = new AbortController();
    this.#moreAbort = abort;
    this.#setMore('loading');
    try {
      const page = await client.activities.list(this.#query(target, cursor), { signal: abort.signal });
      if (abort.signal.aborted) return;
      const known = new Set(this.entries.map((entry) => entry.activity.id));
      this.entries = [...this.entries, ...page.items.filter((a) => !known.has(a.id)).map((activity) => ({ activity }))];
      this.nextCursor = page.nextCursor;
      this.#reobserve = true;
      this.#setMore('idle');
      this.#context.announce(this.#countText('log.loadedMore', page.items.length));
    } catch {
      if (abort.signal.aborted) return;
      this.#setMore('error');
      this.#context.announce(this.#context.localize().t('log.errorMore'));
    }
  }

  /** "Try again" after a page failed, or the button at the end. */
  retryMore(): void {
    if (this.more === 'error') this.more = 'idle';
    void this.loadMore();
  }

  #setMore(more: TimelineController['more']): void {
    this.more = more;
    this.#host.requestUpdate();
  }

  #cancel(): void {
    this.#abort?.abort();
    this.#moreAbort?.abort();
    this.#abort = undefined;
    this.#requested = undefined;
    this.entries = [];
    this.nextCursor = null;
  }

  /** Loads the next page when the end of the timeline scrolls into view. */
  #observeEnd(): void {
    const end = this.#host.renderRoot.querySelector('.end');
    if (end && end === this.#observed && this.#reobserve) {
      // A new observation reports at once whether the end is (still) in view.
      this.#reobserve = false;
      this.#observer?.unobserve(end);
      this.#observer?.observe(end);
      return;
    }
    if (end === this.#observed) return;
    this.#observer?.disconnect();
    this.#observed = end ?? undefined;
    if (!end || typeof IntersectionObserver === 'undefined') return;
    this.#observer ??= new IntersectionObserver(
      (records) => {
        if (records.some((record) => record.isIntersecting) && this.more === 'idle') void this.loadMore();
      },
      { rootMargin: '0px 0px 240px 0px' },
    );
    this.#observer.observe(end);
  }

  /** Looks up the names of the owners on show, once each, to say who logged what. */
  #fetchNames(): void {
    const client = this.#context.client();
    if (!client) return;
    for (const { activity } of this.entries) {
      const id = activity.ownerId;
      if (!id || this.names.has(id)) continue;
      const names = this.names;
      names.set(id, null);
      client.users.get(id).then(
        (user) => {
          names.set(id, user.name);
          if (names === this.names) this.#host.requestUpdate();
        },
        () => {},
      );
    }
  }

  #countText(key: 'log.loaded' | 'log.loadedMore', count: number): string {
    const t = this.#context.localize();
    const form = new Intl.PluralRules(t.locale).select(count) === 'one' ? 'One' : 'Other';
    return t.t(`${key}${form}`, { count: t.number(count) });
  }

  // ------------------------------------------------------------------ entries the composer adds

  /** Shows an entry the kit is still saving, at the top. */
  addPending(activity: Activity): void {
    this.#setEntries([{ activity, pending: true }, ...this.entries]);
  }

  /** The kit saved the stand-in as `activity`: it takes its place in order (if it belongs here). */
  settle(standInId: string, activity: Activity): void {
    const others = this.entries.filter((e) => e.activity.id !== standInId && e.activity.id !== activity.id);
    this.#setEntries(this.belongs(activity) ? insertSorted(others, activity) : others);
  }

  /** Takes an entry away (a stand-in the kit refused). */
  drop(id: string): void {
    this.#setEntries(this.entries.filter((entry) => entry.activity.id !== id));
  }

  /** A create on its way: a live change waits for it, so its own entry is not shown twice. */
  track(request: Promise<unknown>): void {
    this.#inflight.add(request);
    void request.catch(() => {}).finally(() => this.#inflight.delete(request));
  }

  /** Whether an activity is one this log shows (its target and type). */
  belongs(activity: Activity): boolean {
    const target = this.#context.target();
    if (!target || activity.deletedAt) return false;
    if (activity[target.field] !== target.id) return false;
    return !this.#host.filter || activity.type === this.#host.filter;
  }

  #setEntries(entries: Entry[]): void {
    this.entries = entries;
    this.#host.requestUpdate();
  }

  #replace(id: string, entry: Entry): void {
    this.#setEntries(this.entries.map((current) => (current.activity.id === id ? entry : current)));
  }

  // ------------------------------------------------------------------ tasks

  /** Marks a task done (or not) from its checkbox, with the version it was read at. */
  async toggleTask(entry: Entry, toggle: HTMLInputElement): Promise<void> {
    const client = this.#context.client();
    // While a change is on its way the box stays as it is (not disabled: that would drop focus).
    if (!client || entry.saving) {
      toggle.checked = !toggle.checked;
      return;
    }
    const done = toggle.checked;
    const t = this.#context.localize();
    const before = entry.activity;
    const doneAt = done ? new Date().toISOString() : null;
    this.#replace(before.id, { activity: { ...before, doneAt }, saving: true });
    try {
      const saved = await client.activities.update(before.id, { doneAt }, { version: before.version });
      this.#replace(before.id, { activity: saved });
      this.#context.announce(t.t(done ? 'log.completed' : 'log.reopened', { subject: saved.subject }));
      if (done) {
        // Built before dispatching, so the manifest lists the event only as @fires documents it.
        const completed = new CrmActivityCompleteEvent(saved);
        this.#host.dispatchEvent(completed);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        // Someone else changed it: show theirs, and say so.
        const fresh = await client.activities.get(before.id).catch(() => before);
        const message = t.t('log.conflict', { subject: fresh.subject });
        this.#replace(before.id, { activity: fresh, message });
        this.#context.announce(message);
        return;
      }
      const detail = error instanceof ApiError ? '' : ` ${t.t('error.networkDetail')}`;
      const message = t.t('log.completeFailed', { subject: before.subject }) + detail;
      this.#replace(before.id, { activity: before, message });
      this.#context.announce(message);
    }
  }

  // ------------------------------------------------------------------ live updates

  #onChange(change: ChangeMessage): void {
    const client = this.#context.client();
    if (!client) return;
    // One at a time, in the order the kit sent them.
    this.#liveChain = this.#liveChain.then(() => this.#applyChange(client, change)).catch(() => {});
  }

  async #applyChange(client: CrmClient, change: ChangeMessage): Promise<void> {
    const index = this.entries.findIndex((entry) => entry.activity.id === change.id);
    if (change.action === 'delete') {
      if (index >= 0) this.#setEntries(this.entries.filter((_, i) => i !== index));
      return;
    }
    const current = index >= 0 ? this.entries[index]!.activity : undefined;
    if (current && current.version >= change.version) return;
    // Our own create: its answer replaces the stand-in; wait for it rather than add it twice.
    if (change.action === 'create' && this.#inflight.size) await Promise.allSettled([...this.#inflight]);
    let activity: Activity;
    try {
      activity = await client.activities.get(change.id);
    } catch {
      return;
    }
    if (this.#context.client() !== client || this.view.status !== 'ready') return;
    const entries = this.entries.filter((entry) => entry.activity.id !== activity.id);
    const known = entries.length !== this.entries.length;
    const existing = this.entries.find((entry) => entry.activity.id === activity.id);
    if (existing && existing.activity.version >= activity.version) return;
    if (!this.belongs(activity)) {
      if (known) this.#setEntries(entries);
      return;
    }
    // Past the last loaded entry it arrives with its page, in order.
    const saved = entries.filter((entry) => !entry.pending);
    const last = saved[saved.length - 1]?.activity;
    if (!known && this.nextCursor && last && newestFirst(activity, last) > 0) return;
    this.#setEntries(insertSorted(entries, activity));
    if (!known) {
      const t = this.#context.localize();
      const type = t.t(`log.type.${activity.type}`).toLocaleLowerCase(t.locale);
      this.#context.announce(t.t('log.newItem', { type, subject: activity.subject }));
    }
  }
}

export function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'unauthorized';
    if (error.status === 403) return 'forbidden';
    return 'generic';
  }
  return error instanceof TypeError ? 'network' : 'generic';
}
