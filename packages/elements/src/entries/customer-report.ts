// @crmkit/elements/customer-report.js: importing it registers <crm-customer-report>, and nothing else, so a
// page that shows only this element loads only its code.
export * from '../customer-report/customer-report.js';
