export const error = {
  'error.notFound': 'Customer not found.',
  'error.notFoundDetail': 'It may have been deleted, or you may not have access to it.',
  'error.unauthorized': 'Sign in to see this customer.',
  'error.forbidden': 'You do not have access to this customer.',
  'error.network': 'Could not reach the server.',
  'error.networkDetail': 'Check your connection and try again.',
  'error.generic': 'Could not load this customer.',
  'error.genericDetail': 'Something went wrong on the server. Try again in a moment.',
} as const;
