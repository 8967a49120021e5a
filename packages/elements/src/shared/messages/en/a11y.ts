export const a11y = {
  'a11y.stage': 'Lifecycle stage: {stage}',
} as const;
