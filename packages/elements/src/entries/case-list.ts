// @crmkit/elements/case-list.js: importing it registers <crm-case-list>, and nothing else, so a page that shows only
// this element loads only its code. Its dialogs (assign, resolve) and the new-case form load the first time one opens.
import { caseDialogClass } from '../case-list/dialog-class.js';
import { ownChangeStreams } from '../shared/own-change-streams.js';

caseDialogClass.loadWith(() => import('../case-list/case-dialog.js'));
ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../case-list/case-list.js';
