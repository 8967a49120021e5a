// Where the inbox finds its dialogs (lead-dialog.ts) once their module is here (see LazyPart).
import type { LeadDialog } from './lead-dialog.js';
import { LazyPart } from '../shared/lazy-part.js';

export const leadDialogClass = new LazyPart<typeof LeadDialog>('the lead dialogs');
