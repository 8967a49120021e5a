// @crmkit/elements/pipeline-board.js: importing it registers <crm-pipeline-board> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
export * from '../pipeline-board/pipeline-board.js';
