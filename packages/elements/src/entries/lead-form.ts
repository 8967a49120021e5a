// @crmkit/elements/lead-form.js: importing it registers <crm-lead-form>, and nothing else: a public page
// with a lead form loads only the form (the form is not part of the CRM's own screens, nor of the
// package's main entry).
export * from '../lead-form/lead-form.js';
export { CrmLeadSubmittedEvent } from '../shared/events.js';
