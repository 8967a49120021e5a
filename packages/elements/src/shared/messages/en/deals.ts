export const deals = {
  'deals.one': '{count} deal',
  'deals.other': '{count} deals',
} as const;
