// The customer summary (`GET /customers/:id/summary`) as the card reads it, and how a customer's
// editable fields become a form and a form becomes a patch.
import type {
  Activity,
  Contact,
  CrmClient,
  CurrencyAmount,
  Customer,
  CustomerPatch,
  CustomField,
  LifecycleStage,
  Opportunity,
  Order,
} from '@crmkit/core';

/**
 * What `client.customers.summary()` returns, with its records typed. (The kit's schema declares
 * the order, deal and activity records loosely; they are the same records the list routes return.)
 */
export interface SummaryView {
  owner: { id: string; name: string; email: string } | null;
  contacts: { total: number; items: Contact[] };
  orders: {
    count: number;
    lifetimeValue: CurrencyAmount[];
    lifetimeValueBase: CurrencyAmount | null;
    lastOrder: Order | null;
  };
  openOpportunities: { count: number; amounts: CurrencyAmount[]; items: Opportunity[] };
  lastActivity: Activity | null;
  nextActivity: Activity | null;
  /** The segments the customer is in now. */
  segments: { id: string; name: string }[];
  /** The organization's custom fields of customers: the labels of the values on show. */
  customFields: CustomField[];
}

export async function loadSummary(client: CrmClient, id: string, signal: AbortSignal): Promise<SummaryView> {
  return (await client.customers.summary(id, { signal })) as unknown as SummaryView;
}

/** The fields the card edits, in the order of its form. */
export const EDIT_FIELDS = ['name', 'lifecycleStage', 'industry', 'region', 'emails', 'phones', 'tags'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

/** The form as the user sees it: lists of emails and phones as text, one per line. */
export interface Draft {
  name: string;
  lifecycleStage: LifecycleStage;
  industry: string;
  region: string;
  emails: string;
  phones: string;
  tags: string[];
}

/** The values a draft stands for, as the API takes them. */
export type Values = Required<Pick<CustomerPatch, EditField>>;

export function draftOf(customer: Customer): Draft {
  return {
    name: customer.name,
    lifecycleStage: customer.lifecycleStage,
    industry: customer.industry ?? '',
    region: customer.region ?? '',
    emails: customer.emails.join('\n'),
    phones: customer.phones.join('\n'),
    tags: [...customer.tags],
  };
}

/** Items typed one per line (or pasted with commas or semicolons between them). */
export function lines(text: string): string[] {
  return text
    .split(/[\n,;，；]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export function valuesOf(draft: Draft): Values {
  return {
    name: draft.name.trim(),
    lifecycleStage: draft.lifecycleStage,
    industry: draft.industry.trim() || null,
    region: draft.region.trim() || null,
    emails: lines(draft.emails),
    phones: lines(draft.phones),
    tags: draft.tags,
  };
}

export function valuesOfCustomer(customer: Customer): Values {
  return {
    name: customer.name,
    lifecycleStage: customer.lifecycleStage,
    industry: customer.industry,
    region: customer.region,
    emails: customer.emails,
    phones: customer.phones,
    tags: customer.tags,
  };
}

/** The fields whose values differ between `from` and `to`, with their values in `to`. */
export function changesBetween(from: Values, to: Values): Partial<Values> {
  const changes: Partial<Record<EditField, unknown>> = {};
  for (const field of EDIT_FIELDS) {
    if (JSON.stringify(from[field]) !== JSON.stringify(to[field])) changes[field] = to[field];
  }
  return changes as Partial<Values>;
}

/** A value as a short text, for "their value" hints. */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === null || value === undefined ? '' : String(value);
}
