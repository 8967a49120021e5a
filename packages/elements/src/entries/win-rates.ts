// @crmkit/elements/win-rates.js: importing it registers <crm-win-rates>, and nothing else, so a page that shows only
// this element loads only its code.
export * from '../win-rates/win-rates.js';
