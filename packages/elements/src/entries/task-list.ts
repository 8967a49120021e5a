// @crmkit/elements/task-list.js: importing it registers <crm-task-list>, and nothing else, so a page that shows only
// this element loads only its code. Its "New task" dialog loads the first time it opens.
import { taskDialogClass } from '../task-list/dialog-class.js';
import { ownChangeStreams } from '../shared/own-change-streams.js';

taskDialogClass.loadWith(() => import('../task-list/task-dialog.js'));
ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../task-list/task-list.js';
