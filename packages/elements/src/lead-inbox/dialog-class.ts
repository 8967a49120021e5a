// Where the inbox finds its dialogs (lead-dialog.ts) once their module is here. The element's own entry
// (entries/lead-inbox.ts) loads that module the first time a dialog opens, so a page showing only the
// inbox downloads it only if it is used; the all-in-one entry (index.ts) imports it with the rest, so
// that a bundler makes one file of that entry (a dynamic import there would split it).
import type { LeadDialog } from './lead-dialog.js';

let registered: typeof LeadDialog | undefined;
let loader: (() => Promise<unknown>) | undefined;

/** Called by lead-dialog.ts as it loads. */
export function registerLeadDialog(dialog: typeof LeadDialog): void {
  registered = dialog;
}

/** How to load lead-dialog.ts when it is not here yet (the element's entry sets it). */
export function loadLeadDialogWith(load: () => Promise<unknown>): void {
  loader = load;
}

/** The dialogs' class, loading its module the first time. */
export async function loadLeadDialog(): Promise<typeof LeadDialog> {
  if (!registered) await loader?.();
  if (!registered) throw new Error('crmkit: the lead dialogs are not loaded');
  return registered;
}
