// @crmkit/elements/activity-log.js: importing it registers <crm-activity-log> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
export * from '../activity-log/activity-log.js';
