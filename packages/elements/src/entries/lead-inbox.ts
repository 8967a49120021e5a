// @crmkit/elements/lead-inbox.js: importing it registers <crm-lead-inbox>, and nothing else, so a page that shows only
// this element loads only its code.
export * from '../lead-inbox/lead-inbox.js';
