export const stage = {
  'stage.subscriber': 'Subscriber',
  'stage.lead': 'Lead',
  'stage.prospect': 'Prospect',
  'stage.customer': 'Customer',
  'stage.evangelist': 'Evangelist',
  'stage.churned': 'Churned',
} as const;
