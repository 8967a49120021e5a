export const sort = {
  'sort.name': 'Name, A to Z',
  'sort.-name': 'Name, Z to A',
  'sort.-createdAt': 'Newest first',
  'sort.createdAt': 'Oldest first',
  'sort.-updatedAt': 'Recently updated',
  'sort.updatedAt': 'Least recently updated',
} as const;
