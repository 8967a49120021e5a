// What the autoloader knows: each crmkit tag a page may write, and how to load the element's own entry
// (src/entries/). Each `import()` names its file literally, so a bundler (and the browser build) splits every
// element into files of its own that load only when a page shows that element. Elements drawn inside
// another element's shadow root (the board's columns, the dialogs) are not here: their parent loads them.
export type ElementLoader = () => Promise<unknown>;

export const ELEMENT_LOADERS: Readonly<Record<string, ElementLoader>> = {
  'crm-provider': () => import('../entries/provider.js'),
  'crm-customer-card': () => import('../entries/customer-card.js'),
  'crm-customer-list': () => import('../entries/customer-list.js'),
  'crm-pipeline-board': () => import('../entries/pipeline-board.js'),
  'crm-opportunity-card': () => import('../entries/opportunity-card.js'),
  'crm-record-history': () => import('../entries/record-history.js'),
  'crm-trash': () => import('../entries/trash.js'),
  'crm-webhooks': () => import('../entries/webhooks.js'),
  'crm-segment-builder': () => import('../entries/segment-builder.js'),
  'crm-lead-inbox': () => import('../entries/lead-inbox.js'),
  'crm-funnel-chart': () => import('../entries/funnel-chart.js'),
  'crm-forecast': () => import('../entries/forecast.js'),
  'crm-win-rates': () => import('../entries/win-rates.js'),
  'crm-performance-report': () => import('../entries/performance-report.js'),
  'crm-customer-report': () => import('../entries/customer-report.js'),
  'crm-market-report': () => import('../entries/market-report.js'),
  'crm-activity-log': () => import('../entries/activity-log.js'),
  'crm-record-form': () => import('../entries/record-form.js'),
  'crm-lead-form': () => import('../entries/lead-form.js'),
  'crm-task-list': () => import('../entries/task-list.js'),
  'crm-case-list': () => import('../entries/case-list.js'),
  'crm-import': () => import('../entries/import.js'),
  'crm-case-card': () => import('../entries/case-card.js'),
};
