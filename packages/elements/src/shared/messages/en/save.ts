export const save = {
  'save.failed': 'Could not save. What you typed is still here; try again.',
  'save.failedNetwork': 'Could not reach the server. What you typed is still here; try again.',
} as const;
