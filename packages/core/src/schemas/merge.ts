import { z } from 'zod';
import { Id } from './common.js';
import { Contact, ContactFields, Customer, CustomerFields } from './customer.js';
import { Lead, LeadFields } from './sales.js';

/** Which record's value a merged field takes: the kept one's (`into`) or the duplicate's (`from`). */
export const MergeSide = z.enum(['into', 'from']);
export type MergeSide = z.infer<typeof MergeSide>;

/**
 * The body of `POST /{resource}/{id}/merge`: the duplicate to merge into the record `{id}`, and
 * optionally which side each field takes. Strict: an unknown key, or a field that is not one a
 * write may set, is a 400 naming it.
 */
function mergeOf<T extends z.ZodRawShape>(fields: z.ZodObject<T>) {
  const sides = Object.fromEntries(Object.keys(fields.shape).map((key) => [key, MergeSide.optional()]));
  return z.strictObject({
    from: Id.describe('The duplicate: its links move onto the kept record, and it goes to the trash'),
    fields: z
      .strictObject(sides as { [K in keyof T]: z.ZodOptional<typeof MergeSide> })
      .optional()
      .describe(
        "Which side each named field takes, as it is on that side. Unnamed fields: the kept record's value, " +
          "or the duplicate's where the kept one's is empty (null, '' or []); lists (emails, phones, tags) are " +
          'joined without repeats, the kept ones first; `attributes` are joined key by key, the kept values winning',
      ),
  });
}

export const CustomerMerge = mergeOf(CustomerFields);
export type CustomerMerge = z.input<typeof CustomerMerge>;
export const ContactMerge = mergeOf(ContactFields);
export type ContactMerge = z.input<typeof ContactMerge>;
export const LeadMerge = mergeOf(LeadFields);
export type LeadMerge = z.input<typeof LeadMerge>;

/** How many links of each kind moved from the duplicate to the kept record, e.g. `{ contacts: 3 }`. */
export const MergeMoved = z
  .record(z.string(), z.number().int().min(0))
  .describe('Links moved onto the kept record, by kind (a table), e.g. `{ "contacts": 3, "opportunities": 2 }`');
export type MergeMoved = z.infer<typeof MergeMoved>;

/** What a merge answers: the kept record as now stored, and the links it moved. */
function mergeResultOf<T extends z.ZodType>(record: T) {
  return z.object({ record, moved: MergeMoved });
}
export const CustomerMergeResult = mergeResultOf(Customer);
export const ContactMergeResult = mergeResultOf(Contact);
export const LeadMergeResult = mergeResultOf(Lead);
export interface MergeResult<T> {
  record: T;
  moved: MergeMoved;
}
