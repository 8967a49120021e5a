// What the support queue reads: a status's cases page by page (the most pressing priority first, each
// priority by due time), and the names its rows show (members and customers).
import {
  CASE_PRIORITIES,
  OPEN_CASE_STATUSES,
  type Case,
  type CaseListQuery,
  type CrmClient,
  type ListParams,
  type Role,
  type User,
} from '@crmkit/core';
import { everyPage } from '../shared/every-page.js';

/** Cases a page asks for. */
export const PAGE = 25;

/** Whose cases to show: everyone's the caller sees, their own, or the ones without an owner. */
export type CaseShow = 'all' | 'mine' | 'unassigned';

/** The `GET /cases` filters of the queue shown, besides the status. */
export type CaseFilter = Pick<ListParams<CaseListQuery>, 'ownerId' | 'unassigned' | 'customerId'>;

/**
 * Where the next page starts: a status still to work is read one priority at a time (`bucket`, an index
 * into CASE_PRIORITIES), each with its own cursor; a finished one in one run, the latest change first.
 */
export interface QueueCursor {
  bucket: number;
  cursor?: string;
}

/** One page of a status, and where the next starts (null on the last). */
export async function queuePage(
  client: CrmClient,
  status: Case['status'],
  filter: CaseFilter,
  from: QueueCursor = { bucket: 0 },
  signal?: AbortSignal,
): Promise<{ items: Case[]; next: QueueCursor | null }> {
  const toWork = (OPEN_CASE_STATUSES as readonly string[]).includes(status);
  const items: Case[] = [];
  let at: QueueCursor | null = from;
  while (at && items.length < PAGE) {
    const page = await client.cases.list(
      {
        ...filter,
        status,
        ...(toWork ? { priority: CASE_PRIORITIES[at.bucket], sort: 'dueBy' } : { sort: '-updatedAt' }),
        limit: PAGE - items.length,
        ...(at.cursor ? { cursor: at.cursor } : {}),
      },
      { signal },
    );
    items.push(...page.items);
    if (page.nextCursor) at = { bucket: at.bucket, cursor: page.nextCursor };
    else at = toWork && at.bucket + 1 < CASE_PRIORITIES.length ? { bucket: at.bucket + 1 } : null;
  }
  return { items, next: at };
}

/**
 * Whom a caller of `role` may hand a case to, as [id, name]: the members whose records they see; a
 * support agent only other support agents (the kit refuses anyone else).
 */
export function caseAssignees(
  users: readonly User[],
  role: Role | undefined,
  sees: (id: string) => boolean,
): [string, string][] {
  return users
    .filter((user) => sees(user.id) && (role !== 'support' || user.role === 'support'))
    .map((user) => [user.id, user.name]);
}

/** The names the rows show, as far as the caller may read them. */
export class Names {
  readonly client: CrmClient;
  members: ReadonlyMap<string, string> = new Map();
  /** The members as read, for {@link caseAssignees}. */
  users: readonly User[] = [];
  readonly customers = new Map<string, string>();
  #membersRead?: Promise<void>;

  constructor(client: CrmClient) {
    this.client = client;
  }

  /** Reads the members once, and the customers of `cases` not read yet; a list the caller may not read stays empty. */
  async read(cases: readonly Case[]): Promise<void> {
    this.#membersRead ??= everyPage((page) => this.client.users.list(page))
      .then((users) => {
        this.users = users;
        this.members = new Map(users.map((user) => [user.id, user.name]));
      })
      .catch(() => undefined);
    const unknown = [...new Set(cases.map((c) => c.customerId))].filter(
      (id): id is string => Boolean(id) && !this.customers.has(id!),
    );
    await Promise.all([
      this.#membersRead,
      ...unknown.map((id) =>
        this.client.customers.get(id).then(
          (customer) => void this.customers.set(id, customer.name),
          () => undefined,
        ),
      ),
    ]);
  }
}
