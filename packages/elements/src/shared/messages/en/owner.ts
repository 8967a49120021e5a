export const owner = {
  'owner.none': 'Unassigned',
} as const;
