// The lead inbox's queues, without zod: the elements read these at run time, so they stay out of the
// schema modules (which would bring zod into a page's bundle).

/** The statuses of a lead still to work: not disqualified, not converted. */
export const OPEN_LEAD_STATUSES = ['new', 'working', 'nurturing', 'qualified'] as const;

/**
 * A lead inbox's queues, in the order an inbox shows them. `overdue` holds the new leads nobody has
 * worked within the response time; `unassigned` the open leads without an owner (which only admins
 * and managers see).
 */
export const LEAD_QUEUES = ['new', 'overdue', 'working', 'nurturing', 'qualified', 'unassigned'] as const;

/** The `GET /leads` filters of each queue (`overdue` also takes `createdBefore`, the queues' `overdueBefore`). */
export const LEAD_QUEUE_FILTERS = {
  new: { status: 'new' },
  overdue: { status: 'new' },
  working: { status: 'working' },
  nurturing: { status: 'nurturing' },
  qualified: { status: 'qualified' },
  unassigned: { unassigned: true, open: true },
} as const satisfies Record<(typeof LEAD_QUEUES)[number], Record<string, string | boolean>>;
