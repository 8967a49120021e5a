// @crmkit/elements/market-report.js: importing it registers <crm-market-report>, and nothing else, so a
// page that shows only this element loads only its code.
export * from '../market-report/market-report.js';
