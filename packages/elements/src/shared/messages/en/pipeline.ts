export const pipeline = {
  'pipeline.notFound': 'Pipeline not found.',
  'pipeline.unauthorized': 'Sign in to see this pipeline.',
  'pipeline.forbidden': 'You do not have access to this pipeline.',
  'pipeline.error': 'Could not load this pipeline.',
  'pipeline.none': 'There is no pipeline yet.',
} as const;
