// Where a support case stands against its due time: what the support queue flags on each row and the
// case card shows beside its due date.
import { OPEN_CASE_STATUSES, type Case } from '@crmkit/core';

/** A case still to work is due soon this long before its due time. */
export const DUE_SOON_MS = 24 * 3_600_000;

/**
 * `breached`: still to work and past due; `soon`: still to work and due within `soonMs`; `onTrack`:
 * due later; `met` / `missed`: resolved (or closed) before or after its due time; `none`: no due time.
 */
export type Sla = 'breached' | 'soon' | 'onTrack' | 'met' | 'missed' | 'none';

export function slaOf(
  kase: Pick<Case, 'status' | 'dueBy' | 'resolvedAt'>,
  now: number,
  soonMs: number = DUE_SOON_MS,
): Sla {
  if (!kase.dueBy) return 'none';
  const due = Date.parse(kase.dueBy);
  if (!isOpenCase(kase)) return kase.resolvedAt && Date.parse(kase.resolvedAt) > due ? 'missed' : 'met';
  if (due < now) return 'breached';
  return due - now <= soonMs ? 'soon' : 'onTrack';
}

/** Whether a case is still to work (new, open or pending). */
export function isOpenCase(kase: Pick<Case, 'status'>): boolean {
  return (OPEN_CASE_STATUSES as readonly string[]).includes(kase.status);
}
