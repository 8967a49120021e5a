// Importing this module registers every crmkit element (the provider first, so elements that
// upgrade inside it find it) and exports their classes and shared helpers.
export { CrmProvider } from './provider/provider.js';
export { CrmCustomerCard } from './customer-card/customer-card.js';
export { CrmCustomerList, type CustomerSort } from './customer-list/customer-list.js';
export { CrmPipelineBoard } from './pipeline-board/pipeline-board.js';
export { CrmOpportunityCard } from './opportunity-card/opportunity-card.js';
import './opportunity-card/stage-dialog.js';
import './opportunity-card/field-controls.js';
import './opportunity-card/deal-contacts.js';
export { CrmRecordHistory } from './record-history/record-history.js';
export { CrmTrash } from './trash/trash.js';
export { CrmWebhooks } from './webhooks/webhooks.js';
export { CrmSegmentBuilder, CrmSegmentSavedEvent } from './segment-builder/segment-builder.js';
export { CrmLeadInbox } from './lead-inbox/lead-inbox.js';
export { CrmCaseList } from './case-list/case-list.js';
export { CrmImport } from './import/import.js';
import './case-list/case-dialog.js';
export { CrmCaseCard } from './case-card/case-card.js';
// Every part, so that a bundler makes one file of this entry: what an element's own entry loads on
// first use (the inbox's dialogs; the record form, exported below) is in it too.
import './lead-inbox/lead-dialog.js';
export { CrmFunnelChart, type FunnelPeriod } from './funnel-chart/funnel-chart.js';
export { CrmForecast } from './forecast/forecast.js';
export { CrmWinRates } from './win-rates/win-rates.js';
export { CrmPerformanceReport } from './performance-report/performance-report.js';
export { CrmMarketReport } from './market-report/market-report.js';
export { CrmCustomerReport } from './customer-report/customer-report.js';
export {
  CrmForecastSelectEvent,
  CrmFunnelStageSelectEvent,
  type CrmForecastCell,
  CrmOpportunityMoveEvent,
  CrmOpportunityMovedEvent,
  CrmOpportunitySelectEvent,
  type CrmMovePosition,
} from './shared/events.js';
export { CrmActivityLog } from './activity-log/activity-log.js';
export { CrmTaskList } from './task-list/task-list.js';
import './task-list/task-dialog.js';
export { CrmRecordForm } from './record-form/record-form.js';
export {
  CrmRecordCreatedEvent,
  CrmRecordCreateEvent,
  CrmRecordRestoredEvent,
  CrmLeadConvertedEvent,
  type CrmRecordKind,
  type CrmTrashResource,
} from './shared/events.js';
export { CrmActivityCompleteEvent, CrmActivityCreateEvent } from './shared/events.js';
export { CrmCustomerBeforeEditEvent, CrmCustomerEditEvent, CrmCustomerSelectEvent } from './shared/events.js';
export { CrmCaseSelectEvent } from './shared/events.js';
export { CrmImportFinishedEvent } from './shared/events.js';
export { crmContext, type CrmContext, type CrmTheme } from './shared/context.js';
export { CrmElement } from './shared/crm-element.js';
export { loadCatalog, LOCALES, Localizer, localizer, matchLocale, type CrmLocale } from './shared/localize.js';
