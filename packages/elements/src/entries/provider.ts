// @crmkit/elements/provider.js: importing it registers <crm-provider> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
export * from '../provider/provider.js';
