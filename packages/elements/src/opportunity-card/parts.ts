// Where the deal card finds the parts it loads on first use (see LazyPart): the dialog a move asks in
// (stage-dialog.ts), the controls that edit a value where it stands (field-controls.ts), and the deal's
// contacts section (deal-contacts.ts), which loads as a deal first shows.
import type { StageDialog } from './stage-dialog.js';
import type { FieldControls } from './field-controls.js';
import type { DealContacts } from './deal-contacts.js';
import { LazyPart } from '../shared/lazy-part.js';

export const stageDialogClass = new LazyPart<typeof StageDialog>('the stage dialog');
export const fieldControls = new LazyPart<FieldControls>('the deal field controls');
export const dealContactsSection = new LazyPart<typeof DealContacts>('the deal contacts section');
