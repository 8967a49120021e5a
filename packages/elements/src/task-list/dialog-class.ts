// Where the task list finds its "New task" dialog (task-dialog.ts) once its module is here (see LazyPart).
import type { TaskDialog } from './task-dialog.js';
import { LazyPart } from '../shared/lazy-part.js';

export const taskDialogClass = new LazyPart<typeof TaskDialog>('the task dialog');
