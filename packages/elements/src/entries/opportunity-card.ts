// @crmkit/elements/opportunity-card.js: importing it registers <crm-opportunity-card>, and nothing else, so a page
// that shows only this element loads only its code.
export * from '../opportunity-card/opportunity-card.js';
