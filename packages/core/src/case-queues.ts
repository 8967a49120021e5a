// The support queue's statuses and priorities, without zod: the elements read these at run time, so
// they stay out of the schema modules (which would bring zod into a page's bundle).

/** A case's statuses, in the order it moves through them. */
export const CASE_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;

/** The statuses of a case still to work: not resolved, not closed. */
export const OPEN_CASE_STATUSES = ['new', 'open', 'pending'] as const;

/** A case's priorities, the most pressing first. */
export const CASE_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
