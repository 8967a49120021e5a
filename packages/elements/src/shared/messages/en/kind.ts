export const kind = {
  'kind.company': 'Company',
  'kind.person': 'Person',
} as const;
