export const meta = {
  'meta.created': 'Added {date}',
  'meta.updated': 'Updated {date}',
} as const;
