// @crmkit/elements/record-history.js: importing it registers <crm-record-history>, and nothing else, so a page
// that shows only this element loads only its code.
export * from '../record-history/record-history.js';
