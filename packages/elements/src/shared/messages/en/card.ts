export const card = {
  'card.loading': 'Loading customer…',
  'card.loaded': '{name} loaded.',
  'card.empty': 'No customer selected.',
  'card.notConnected': 'Not connected to crmkit: set base-url, or place this inside crm-provider.',
} as const;
