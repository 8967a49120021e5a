// @crmkit/elements/import.js: importing it registers <crm-import>, and nothing else, so a page that shows only
// this element loads only its code.
export * from '../import/import.js';
