export const category = {
  'category.pipeline': 'Pipeline',
  'category.best_case': 'Best case',
  'category.commit': 'Commit',
  'category.closed': 'Closed',
  'category.omitted': 'Omitted',
} as const;
