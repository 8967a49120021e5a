// What the task list reads and how it sorts it: a member's open tasks (every page, up to a bound), put
// in the groups a rep plans a day by, and the records the tasks are about, read once per client.
import type { Activity, CrmClient, Customer, Opportunity } from '@crmkit/core';
import { everyPage } from '../shared/every-page.js';

/** The groups, in the order the list shows them. */
export const GROUPS = ['overdue', 'today', 'upcoming', 'none'] as const;
export type TaskGroup = (typeof GROUPS)[number];

/** The most open tasks the list reads: a day's work, with plenty to spare. */
const CAP = 500;

/** A member's open tasks (`ownerId` empty: every one the caller sees), soonest due first. */
export function openTasks(client: CrmClient, ownerId: string, signal?: AbortSignal): Promise<Activity[]> {
  return everyPage(
    (page) =>
      client.activities.list(
        { type: 'task', open: true, sort: 'occurredAt', ...(ownerId ? { ownerId } : {}), ...page },
        { signal },
      ),
    { cap: CAP },
  );
}

/**
 * A member's tasks done since the start of today (local time), the latest first: what "Done today"
 * lists. One page; an older kit that does not know `doneSince` gives none.
 */
export async function doneToday(
  client: CrmClient,
  ownerId: string,
  now: Date,
  signal?: AbortSignal,
): Promise<Activity[]> {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  try {
    const page = await client.activities.list(
      { type: 'task', doneSince: today.toISOString(), limit: 100, ...(ownerId ? { ownerId } : {}) },
      { signal },
    );
    return page.items.sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
  } catch {
    return [];
  }
}

/** The start of the local calendar day after `now`. */
function tomorrow(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
}

/**
 * Which group a task is in, in the reader's time zone: overdue once its due moment has passed (a task
 * due at nine this morning is overdue at ten), today until midnight, upcoming after.
 */
export function groupOf(task: Pick<Activity, 'dueAt'>, now: Date): TaskGroup {
  if (!task.dueAt) return 'none';
  const due = new Date(task.dueAt).getTime();
  if (due < now.getTime()) return 'overdue';
  return due < tomorrow(now) ? 'today' : 'upcoming';
}

/** The tasks in their groups, each soonest due first (undated ones as they were made). */
export function groupTasks(tasks: readonly Activity[], now: Date): Map<TaskGroup, Activity[]> {
  const groups = new Map<TaskGroup, Activity[]>(GROUPS.map((group) => [group, []]));
  for (const task of tasks) groups.get(groupOf(task, now))!.push(task);
  const due = (task: Activity) => (task.dueAt ? new Date(task.dueAt).getTime() : 0);
  for (const [group, list] of groups)
    list.sort((a, b) => due(a) - due(b) || (group === 'none' ? a.createdAt.localeCompare(b.createdAt) : 0));
  return groups;
}

/** The kinds of record a task can be about, most specific first: the one its link names. */
export const ABOUT_KINDS = ['opportunity', 'case', 'lead', 'contact', 'customer'] as const;
export type AboutKind = (typeof ABOUT_KINDS)[number];

const FIELD: Record<AboutKind, keyof Activity> = {
  opportunity: 'opportunityId',
  case: 'caseId',
  lead: 'leadId',
  contact: 'contactId',
  customer: 'customerId',
};

const RESOURCE = {
  opportunity: 'opportunities',
  case: 'cases',
  lead: 'leads',
  contact: 'contacts',
  customer: 'customers',
} as const;

/** What a task is about: its most specific record, and its customer when that is another one. */
export function aboutOf(task: Activity): { kind: AboutKind; id: string }[] {
  const kind = ABOUT_KINDS.find((k) => task[FIELD[k]]);
  if (!kind) return [];
  const about = [{ kind, id: task[FIELD[kind]] as string }];
  if (kind !== 'customer' && task.customerId) about.push({ kind: 'customer', id: task.customerId });
  return about;
}

/** A record a task is about, as read: its name, and the record itself for the selection events. */
export interface AboutRecord {
  name: string;
  record: Customer | Opportunity | { id: string };
}

/**
 * The records tasks are about, read once each per client (a few at a time) and kept: a list of a
 * day's tasks names a handful. A record the caller may not read is remembered as `null`.
 */
export class AboutDirectory {
  readonly #client: CrmClient;
  readonly #known = new Map<string, AboutRecord | null>();
  readonly #loading = new Map<string, Promise<void>>();

  constructor(client: CrmClient) {
    this.#client = client;
  }

  get client(): CrmClient {
    return this.#client;
  }

  /** The record if read; `null` if it cannot be; `undefined` while unknown. */
  get(kind: AboutKind, id: string): AboutRecord | null | undefined {
    return this.#known.get(`${kind}:${id}`);
  }

  /** Reads the records of `tasks` not read yet; resolves once they are all here. */
  async load(tasks: readonly Activity[]): Promise<void> {
    const wanted = new Map<string, { kind: AboutKind; id: string }>();
    for (const task of tasks)
      for (const about of aboutOf(task)) {
        const key = `${about.kind}:${about.id}`;
        if (!this.#known.has(key)) wanted.set(key, about);
      }
    const queue = [...wanted];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.#read(next[0], next[1].kind, next[1].id);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  #read(key: string, kind: AboutKind, id: string): Promise<void> {
    let loading = this.#loading.get(key);
    if (!loading) {
      const resource = this.#client[RESOURCE[kind]] as { get(id: string): Promise<Record<string, unknown>> };
      loading = resource.get(id).then(
        (record) => {
          const name = (kind === 'case' ? record.subject : record.name) as string;
          this.#known.set(key, { name, record: record as AboutRecord['record'] });
        },
        () => {
          this.#known.set(key, null);
        },
      );
      this.#loading.set(key, loading);
    }
    return loading;
  }
}
