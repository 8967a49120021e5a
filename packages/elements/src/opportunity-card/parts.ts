// Where the deal card finds the parts it loads on first use (see LazyPart): the dialog a move asks in
// (stage-dialog.ts), and the controls that edit a value where it stands (field-controls.ts).
import type { StageDialog } from './stage-dialog.js';
import type { FieldControls } from './field-controls.js';
import { LazyPart } from '../shared/lazy-part.js';

export const stageDialogClass = new LazyPart<typeof StageDialog>('the stage dialog');
export const fieldControls = new LazyPart<FieldControls>('the deal field controls');
