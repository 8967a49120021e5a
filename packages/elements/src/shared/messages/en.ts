/**
 * English strings: the reference catalog that the others must match key for key. They come in parts, one per
 * key prefix (`card.*` is the part `card`), so that each element carries only the English it shows: a
 * module that shows keys of a prefix registers that part with `useEnglish` (shared/localize.ts). Each part is
 * a module of its own (en/), re-exported here: a bundler that splits a page's code into files (an element's
 * own entry, the autoloader's build) then puts each part beside the code that shows it, and a page downloads
 * only the English of its elements and of the parts it opens. The Chinese catalogs come in a few larger
 * sections (sections.ts), loaded on demand, only on pages in that language.
 */

export { a11y } from './en/a11y.js';
export { action } from './en/action.js';
export { activity } from './en/activity.js';
export { board } from './en/board.js';
export { card } from './en/card.js';
export { caseDialog } from './en/case-dialog.js';
export { kase as case, cases, caseCard } from './en/cases.js';
export { category } from './en/category.js';
export { channel } from './en/channel.js';
export { custom } from './en/custom.js';
export { customForm } from './en/custom-form.js';
export { customerReport } from './en/customer-report.js';
export { deal } from './en/deal.js';
export { dealContacts } from './en/deal-contacts.js';
export { deals } from './en/deals.js';
export { dup } from './en/dup.js';
export { edit } from './en/edit.js';
export { error } from './en/error.js';
export { field } from './en/field.js';
export { filter } from './en/filter.js';
export { forecast } from './en/forecast.js';
export { form } from './en/form.js';
export { funnel } from './en/funnel.js';
export { history } from './en/history.js';
export { inbox } from './en/inbox.js';
export { importer } from './en/integration.js';
export { invalid } from './en/invalid.js';
export { kind } from './en/kind.js';
export { leadDialog } from './en/lead-dialog.js';
export { leadForm } from './en/lead-form.js';
export { link } from './en/link.js';
export { list } from './en/list.js';
export { log } from './en/log.js';
export { market } from './en/market.js';
export { meta } from './en/meta.js';
export { owner } from './en/owner.js';
export { performance } from './en/performance.js';
export { period } from './en/period.js';
export { pipeline } from './en/pipeline.js';
export { priority } from './en/priority.js';
export { problem } from './en/problem.js';
export { require } from './en/require.js';
export { save } from './en/save.js';
export { segment } from './en/segment.js';
export { size } from './en/size.js';
export { sort } from './en/sort.js';
export { stage } from './en/stage.js';
export { summary } from './en/summary.js';
export { tasks } from './en/tasks.js';
export { trash } from './en/trash.js';
export { webhooks } from './en/webhooks.js';
export { winRates } from './en/win-rates.js';

type Parts = typeof import('./en.js');
/** A part of the English catalog, as `useEnglish` takes it. */
export type EnglishPart = Parts[keyof Parts];
/** Every message key, of every part. */
export type MessageKey = { [Part in keyof Parts]: keyof Parts[Part] }[keyof Parts];
/** A catalog: every key of the English one, so a missing translation fails the type check. */
export type Messages = Record<MessageKey, string>;
