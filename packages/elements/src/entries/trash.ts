// @crmkit/elements/trash.js: importing it registers <crm-trash>, and nothing else, so a page that shows only this
// element loads only its code.
export * from '../trash/trash.js';
