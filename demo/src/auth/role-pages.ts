import type { Role } from '@crmkit/server';

/** The portal's pages, as its main navigation lists them. */
export const SECTIONS = [
  'my-day',
  'customers',
  'segments',
  'leads',
  'cases',
  'pipeline',
  'forecast',
  'reports',
  'trash',
  'shop',
  'ledger',
  'integrations',
] as const;
export type Section = (typeof SECTIONS)[number];

/** Pages for those who run the organization: the books, webhooks and imports. */
const ADMIN_ONLY: readonly Section[] = ['ledger', 'integrations'];

/**
 * The pages a role works in. A support agent works the service desk: the case queue, their tasks
 * and the customers they serve; the kit refuses them sales records, so the portal offers none of
 * those pages (nor the trash and the shop, whose records they may not restore or place).
 */
export function sectionsFor(role: Role): readonly Section[] {
  if (role === 'support') return ['my-day', 'customers', 'cases'];
  const runsOrganization = role === 'owner' || role === 'admin';
  return SECTIONS.filter((section) => runsOrganization || !ADMIN_ONLY.includes(section));
}

/** Where a role lands after signing in: the case queue for a support agent, the customers for the rest. */
export const homeOf = (role: Role): string => (role === 'support' ? '/cases' : '/customers');
