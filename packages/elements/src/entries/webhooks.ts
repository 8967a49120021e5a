// @crmkit/elements/webhooks.js: importing it registers <crm-webhooks>, and nothing else, so a page that shows only
// this element loads only its code.
export * from '../webhooks/webhooks.js';
