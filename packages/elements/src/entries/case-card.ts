// @crmkit/elements/case-card.js: importing it registers <crm-case-card>, and nothing else, so a page that shows only
// this element loads only its code. Its resolve dialog loads the first time it opens.
import { caseDialogClass } from '../case-list/dialog-class.js';

caseDialogClass.loadWith(() => import('../case-list/case-dialog.js'));

export * from '../case-card/case-card.js';
