// @crmkit/elements/forecast.js: importing it registers <crm-forecast>, and nothing else, so a page that shows only
// this element loads only its code.
export * from '../forecast/forecast.js';
