export const activity = {
  'activity.call': 'Call',
  'activity.email': 'Email',
  'activity.meeting': 'Meeting',
  'activity.note': 'Note',
  'activity.task': 'Task',
} as const;
