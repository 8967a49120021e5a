// @crmkit/elements/segment-builder.js: importing it registers <crm-segment-builder>, and nothing else, so a page
// that shows only this element loads only its code.
export * from '../segment-builder/segment-builder.js';
