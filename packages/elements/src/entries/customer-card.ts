// @crmkit/elements/customer-card.js: importing it registers <crm-customer-card> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
export * from '../customer-card/customer-card.js';
