// The English of a case's dialogs (assign, resolve): a part of the English catalog (re-exported by en.ts), kept in a module of
// its own so that a bundler puts it in the chunk the dialogs load in, not in the support queue's entry.
export const caseDialog = {
  'caseDialog.assignTitle': 'Assign {subject}',
  'caseDialog.assignIntro': 'Who works this case?',
  'caseDialog.owner': 'Owner',
  'caseDialog.resolveTitle': 'Resolve {subject}',
  'caseDialog.resolveIntro': 'How was it solved? The note goes on the case’s timeline.',
  'caseDialog.note': 'Resolution note',
  'caseDialog.assign': 'Assign',
  'caseDialog.resolve': 'Resolve',
  'caseDialog.noOwner': 'Unassigned',
} as const;
