// @crmkit/elements/pipeline-board.js: importing it registers <crm-pipeline-board> (and the elements it draws inside
// itself), and nothing else, so a page that shows only this element loads only its code.
import { ownChangeStreams } from '../shared/own-change-streams.js';

ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../pipeline-board/pipeline-board.js';
