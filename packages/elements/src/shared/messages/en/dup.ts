export const dup = {
  'dup.title': 'Possibly already here:',
  'dup.email': 'same email',
  'dup.phone': 'same phone',
  'dup.name': 'similar name',
  'dup.found': 'Possible duplicate: {names}.',
} as const;
