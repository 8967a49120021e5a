// @crmkit/elements/lead-inbox.js: importing it registers <crm-lead-inbox>, and nothing else, so a page that shows only
// this element loads only its code. Its dialogs (disqualify, convert) load the first time one opens.
import { leadDialogClass } from '../lead-inbox/dialog-class.js';
import { ownChangeStreams } from '../shared/own-change-streams.js';

leadDialogClass.loadWith(() => import('../lead-inbox/lead-dialog.js'));
ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../lead-inbox/lead-inbox.js';
