// @crmkit/elements/record-history.js: importing it registers <crm-record-history>, and nothing else, so a page
// that shows only this element loads only its code.
import { ownChangeStreams } from '../shared/own-change-streams.js';

ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../record-history/record-history.js';
