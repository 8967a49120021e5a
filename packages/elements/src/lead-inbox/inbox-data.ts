// What the lead inbox reads: a queue's leads, page by page, and the names its rows show (members,
// assignment rules, campaigns) and the pipelines a conversion can open a deal in, read once per client.
import {
  LEAD_QUEUE_FILTERS,
  LEAD_QUEUES,
  type AssignmentStrategy,
  type CrmClient,
  type Lead,
  type LeadQueueName,
  type Page,
  type Pipeline,
} from '@crmkit/core';
import { everyPage } from '../shared/every-page.js';

/** The queues in the order the inbox shows them. */
export const QUEUES: readonly LeadQueueName[] = LEAD_QUEUES;

/** Leads a page asks for. */
export const PAGE = 25;

/** Whose leads to show: everyone's the caller sees, or one member's. */
export type OwnerFilter = { kind: 'everyone' } | { kind: 'member'; id: string };

/**
 * One page of a queue. New and overdue leads come oldest first (whoever has waited longest is next);
 * the others newest first.
 */
export function queuePage(
  client: CrmClient,
  queue: LeadQueueName,
  { owner, slaHours, cursor, signal }: { owner: OwnerFilter; slaHours: number; cursor?: string; signal?: AbortSignal },
): Promise<Page<Lead>> {
  const oldestFirst = queue === 'new' || queue === 'overdue';
  return client.leads.list(
    {
      ...LEAD_QUEUE_FILTERS[queue],
      ...(queue === 'overdue' ? { createdBefore: overdueBefore(slaHours) } : {}),
      ...(owner.kind === 'member' ? { ownerId: owner.id } : {}),
      sort: oldestFirst ? 'createdAt' : '-createdAt',
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    },
    { signal },
  );
}

/** The time before which a new lead has waited past the response time. */
export const overdueBefore = (slaHours: number, now = Date.now()) => new Date(now - slaHours * 3_600_000).toISOString();

/** The names and choices the rows and the conversion need. */
export interface Directory {
  members: ReadonlyMap<string, string>;
  rules: ReadonlyMap<string, { name: string; strategy: AssignmentStrategy }>;
  campaigns: ReadonlyMap<string, string>;
  /** Live pipelines, the default first. */
  pipelines: readonly Pipeline[];
}

/**
 * Reads the directory; a list the caller may not read (a role without assignment rules, say) is left
 * empty, so the rows show what they can.
 */
export async function loadDirectory(client: CrmClient): Promise<Directory> {
  const [members, rules, campaigns, pipelines] = await Promise.all([
    everyPage((page) => client.users.list(page)).catch(() => []),
    everyPage((page) => client['assignment-rules'].list(page)).catch(() => []),
    everyPage((page) => client.campaigns.list(page)).catch(() => []),
    everyPage((page) => client.pipelines.list(page)).catch(() => []),
  ]);
  return {
    members: new Map(members.map((user) => [user.id, user.name])),
    rules: new Map(rules.map((rule) => [rule.id, { name: rule.name, strategy: rule.strategy }])),
    campaigns: new Map(campaigns.map((campaign) => [campaign.id, campaign.name])),
    pipelines: [...pipelines].sort((a, b) => Number(b.isDefault) - Number(a.isDefault)),
  };
}
