// @crmkit/elements/activity-log.js: importing it registers <crm-activity-log> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
import { ownChangeStreams } from '../shared/own-change-streams.js';

ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../activity-log/activity-log.js';
