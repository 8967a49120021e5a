export const action = {
  'action.retry': 'Try again',
} as const;
