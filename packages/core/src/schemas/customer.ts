import { z } from 'zod';
import { Id, PageQuery, RecordMeta } from './common.js';

export const CustomerKind = z.enum(['company', 'person']);
export const LifecycleStage = z.enum(['subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned']);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

const Tag = z.string().trim().min(1).max(50);

/** Fields a caller may set on a customer. */
export const CustomerFields = z.object({
  kind: CustomerKind.default('company'),
  name: z.string().trim().min(1, 'Name is required').max(200),
  emails: z.array(z.email().max(320)).max(10).default([]),
  phones: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()./-]{3,32}$/, 'Use digits, spaces and + ( ) - . / only'),
    )
    .max(10)
    .default([]),
  website: z.url().max(500).nullable().default(null),
  industry: z.string().trim().max(100).nullable().default(null),
  size: z.enum(['1-10', '11-50', '51-200', '201-1000', '1001+']).nullable().default(null),
  region: z.string().trim().max(100).nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
  source: z.string().trim().max(100).nullable().default(null),
  lifecycleStage: LifecycleStage.default('lead'),
  tags: z.array(Tag).max(30).default([]),
  ownerId: Id.nullable().default(null),
  externalId: z.string().trim().min(1).max(200).nullable().default(null),
  attributes: z.record(z.string(), z.unknown()).default({}),
});

export const CustomerCreate = CustomerFields;
export type CustomerCreate = z.input<typeof CustomerCreate>;

export const CustomerPatch = CustomerFields.partial();
export type CustomerPatch = z.input<typeof CustomerPatch>;

export const Customer = RecordMeta.extend(CustomerFields.shape).extend({
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  website: z.string().nullable(),
  tags: z.array(z.string()),
});
export type Customer = z.infer<typeof Customer>;

export const CustomerSort = z.enum(['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt']);
export type CustomerSort = z.infer<typeof CustomerSort>;

export const CustomerListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Search in names, emails and phones'),
  ownerId: Id.optional(),
  lifecycleStage: LifecycleStage.optional(),
  tag: Tag.optional(),
  region: z.string().trim().max(100).optional(),
  sort: CustomerSort.default('name'),
});
export type CustomerListQuery = z.input<typeof CustomerListQuery>;
