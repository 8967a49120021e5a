export const invalid = {
  'invalid.name': 'Enter a name of up to 200 characters.',
  'invalid.email': '“{value}” is not an email address.',
  'invalid.phone': '“{value}”: use digits, spaces and + ( ) - . / only.',
  'invalid.tag': 'A tag has 1 to 50 characters.',
  'invalid.text': 'At most 200 characters.',
  'invalid.tooMany': 'At most {max}.',
} as const;
