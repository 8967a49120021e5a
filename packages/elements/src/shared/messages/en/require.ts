export const require = {
  'require.lostReason': 'a lost reason',
  'require.amount': 'an amount',
  'require.expectedCloseDate': 'an expected close date',
  'require.contactId': 'a contact',
} as const;
