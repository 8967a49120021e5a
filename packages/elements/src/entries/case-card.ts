// @crmkit/elements/case-card.js: importing it registers <crm-case-card>, and nothing else, so a page that shows only
// this element loads only its code. Its resolve dialog loads the first time it opens; the change stream, when the card
// has a client of its own (outside a <crm-provider>).
import { caseDialogClass } from '../case-list/dialog-class.js';
import { ownChangeStreams } from '../shared/own-change-streams.js';

caseDialogClass.loadWith(() => import('../case-list/case-dialog.js'));
ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../case-card/case-card.js';
