// @crmkit/elements/market-report.js: importing it registers <crm-market-report>, and nothing else, so a
// page that shows only this element loads only its code.
import { ownChangeStreams } from '../shared/own-change-streams.js';

ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../market-report/market-report.js';
