// @crmkit/elements/record-form.js: importing it registers <crm-record-form> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
export * from '../record-form/record-form.js';
