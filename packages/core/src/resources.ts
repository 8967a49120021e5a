// The resources of the HTTP contract, each with its schemas, in one table: the typed client's
// resources and the server's routes both come from it, so the two cannot drift apart.
import type { z } from 'zod';
import * as customer from './schemas/customer.js';
import * as customFields from './schemas/custom-fields.js';
import * as forecast from './schemas/forecast.js';
import * as leadCapture from './schemas/lead-capture.js';
import * as people from './schemas/people.js';
import * as sales from './schemas/sales.js';
import * as segment from './schemas/segment.js';
import * as service from './schemas/service.js';

/** A resource's schemas: the record as read, what creates one, what patches one, and its list query. */
export interface ResourceSchemas {
  record: z.ZodObject;
  create: z.ZodType;
  patch: z.ZodType;
  query: z.ZodObject;
}

/**
 * A resource's four schemas, found by the names every schema module gives them: `Customer`,
 * `CustomerCreate`, `CustomerPatch`, `CustomerListQuery`.
 */
function schemasOf<N extends string, M extends Record<N | `${N}Create` | `${N}Patch` | `${N}ListQuery`, unknown>>(
  module: M,
  name: N,
): { record: M[N]; create: M[`${N}Create`]; patch: M[`${N}Patch`]; query: M[`${N}ListQuery`] } {
  return {
    record: module[name],
    create: module[`${name}Create`],
    patch: module[`${name}Patch`],
    query: module[`${name}ListQuery`],
  };
}

/** Every resource by its path segment (`/customers`, …), in the order of the contract's reference. */
export const RESOURCE_SCHEMAS = {
  customers: schemasOf(customer, 'Customer'),
  contacts: schemasOf(customer, 'Contact'),
  leads: schemasOf(sales, 'Lead'),
  campaigns: schemasOf(sales, 'Campaign'),
  pipelines: schemasOf(sales, 'Pipeline'),
  opportunities: schemasOf(sales, 'Opportunity'),
  activities: schemasOf(service, 'Activity'),
  orders: schemasOf(service, 'Order'),
  cases: schemasOf(service, 'Case'),
  segments: schemasOf(segment, 'Segment'),
  users: schemasOf(people, 'User'),
  teams: schemasOf(people, 'Team'),
  'assignment-rules': schemasOf(leadCapture, 'AssignmentRule'),
  'lead-forms': schemasOf(leadCapture, 'LeadForm'),
  quotas: schemasOf(forecast, 'Quota'),
  'forecast-adjustments': schemasOf(forecast, 'ForecastAdjustment'),
  'custom-fields': schemasOf(customFields, 'CustomField'),
} satisfies Record<string, ResourceSchemas>;

/** A resource's path segment, e.g. `customers`. */
export type ResourceName = keyof typeof RESOURCE_SCHEMAS;

/** Every resource's path segment, in the order of the contract's reference. */
export const RESOURCE_NAMES = Object.keys(RESOURCE_SCHEMAS) as ResourceName[];

/** The TypeScript types of one resource's record, create body, patch body and list query. */
export interface ResourceTypes<N extends ResourceName> {
  record: z.infer<(typeof RESOURCE_SCHEMAS)[N]['record']>;
  create: z.input<(typeof RESOURCE_SCHEMAS)[N]['create']>;
  patch: z.input<(typeof RESOURCE_SCHEMAS)[N]['patch']>;
  query: z.input<(typeof RESOURCE_SCHEMAS)[N]['query']>;
}
