// Where the case list and the case card find their dialogs (case-dialog.ts) once the module is here (see LazyPart).
import type { CaseDialog } from './case-dialog.js';
import { LazyPart } from '../shared/lazy-part.js';

export const caseDialogClass = new LazyPart<typeof CaseDialog>('the case dialogs');
