// Names the elements share for the kit's records: the route of each kind, and the forecast
// categories a deal can be in.
import type { Opportunity } from '@crmkit/core';
import type { CrmRecordKind } from './events.js';

/** What each kind of record is called in the kit's routes. */
export const RESOURCE_OF = {
  customer: 'customers',
  contact: 'contacts',
  opportunity: 'opportunities',
  lead: 'leads',
  case: 'cases',
} as const satisfies Record<CrmRecordKind, string>;

/** The forecast categories, in the order they are offered (their labels are `category.<value>`). */
export const FORECAST_CATEGORIES: readonly Opportunity['forecastCategory'][] = [
  'pipeline',
  'best_case',
  'commit',
  'closed',
  'omitted',
];
