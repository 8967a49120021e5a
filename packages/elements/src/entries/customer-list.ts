// @crmkit/elements/customer-list.js: importing it registers <crm-customer-list> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
export * from '../customer-list/customer-list.js';
