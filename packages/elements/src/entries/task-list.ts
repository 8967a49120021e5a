// @crmkit/elements/task-list.js: importing it registers <crm-task-list>, and nothing else, so a page that shows only
// this element loads only its code. Its "New task" dialog loads the first time it opens.
export * from '../task-list/task-list.js';
