import { z } from 'zod';
import { Contact, Customer } from './customer.js';
import { Text } from './fields.js';
import { Lead, Opportunity } from './sales.js';

/** The query of the search across customers, contacts, leads and deals (a CRM's header search). */
export const SearchQuery = z.strictObject({
  q: Text.trim().min(1).max(200).describe('Any part of a name, an email or a phone number'),
  limit: z.coerce.number<number>().int().min(1).max(20).default(5).describe('At most this many of each kind'),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** The best matches of each kind, in name order; a kind the caller may not read is left empty. */
export const SearchResults = z.object({
  customers: z.array(Customer),
  contacts: z.array(Contact),
  leads: z.array(Lead),
  opportunities: z.array(Opportunity),
});
export type SearchResults = z.infer<typeof SearchResults>;
