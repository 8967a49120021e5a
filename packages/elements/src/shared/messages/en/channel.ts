export const channel = {
  'channel.none': 'Not given',
  'channel.email': 'Email',
  'channel.phone': 'Phone',
  'channel.web': 'Web',
  'channel.chat': 'Chat',
  'channel.in_person': 'In person',
} as const;
