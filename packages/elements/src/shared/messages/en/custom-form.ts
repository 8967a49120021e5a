export const customForm = {
  'customForm.currency': '{label}: currency',
  'customForm.group': 'More fields',
  'customForm.url': 'Enter an http or https address.',
} as const;
