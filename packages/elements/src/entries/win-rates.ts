// @crmkit/elements/win-rates.js: importing it registers <crm-win-rates>, and nothing else, so a page that shows only
// this element loads only its code.
import { ownChangeStreams } from '../shared/own-change-streams.js';

ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../win-rates/win-rates.js';
