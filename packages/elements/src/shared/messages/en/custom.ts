export const custom = {
  'custom.yes': 'Yes',
  'custom.no': 'No',
} as const;
