import type * as english from './en.js';

type Parts = typeof english;
/** The name of a part of the English catalog, which is also its keys' prefix (`card` for `card.*`). */
export type PartName = keyof Parts;

/**
 * The Chinese catalogs come in sections, each a file of its own per locale (`zh-hant/sales.ts`), so that a
 * page downloads the strings of the elements it has: a page with a pipeline board loads `common` and
 * `sales`, not the activity log's. Each part of the English catalog belongs to exactly one section (the
 * type makes a part left out, or named twice, a compile error).
 */
export const SECTION_OF = {
  a11y: 'common',
  action: 'common',
  card: 'common',
  category: 'common',
  custom: 'common',
  customForm: 'common',
  deals: 'common',
  edit: 'common',
  error: 'common',
  field: 'common',
  filter: 'common',
  form: 'common',
  history: 'common',
  invalid: 'common',
  kind: 'common',
  pipeline: 'common',
  problem: 'common',
  save: 'common',
  stage: 'common',
  activity: 'customers',
  channel: 'customers',
  dup: 'customers',
  leadForm: 'customers',
  link: 'customers',
  list: 'customers',
  meta: 'customers',
  owner: 'customers',
  priority: 'customers',
  size: 'customers',
  sort: 'customers',
  summary: 'customers',
  segment: 'customers',
  customerReport: 'customers',
  trash: 'common',
  log: 'activities',
  board: 'sales',
  deal: 'sales',
  dealContacts: 'sales',
  forecast: 'sales',
  winRates: 'sales',
  performance: 'sales',
  market: 'sales',
  funnel: 'sales',
  period: 'sales',
  require: 'sales',
  inbox: 'leads',
  leadDialog: 'leads',
  tasks: 'tasks',
  case: 'cases',
  cases: 'cases',
  caseDialog: 'cases',
  caseCard: 'cases',
  webhooks: 'integration',
  importer: 'integration',
} as const satisfies Record<PartName, string>;

/** A section of a Chinese catalog. */
export type Section = (typeof SECTION_OF)[PartName];
export const SECTIONS = [
  'common',
  'customers',
  'activities',
  'sales',
  'leads',
  'tasks',
  'cases',
  'integration',
] as const satisfies readonly Section[];

/** The keys of the parts in `S`. */
type SectionKey<S extends Section> = {
  [Part in PartName]: (typeof SECTION_OF)[Part] extends S ? keyof Parts[Part] : never;
}[PartName];

/** One section of a catalog: every key of its parts, so a missing translation fails the type check. */
export type SectionStrings<S extends Section> = Record<SectionKey<S>, string>;
