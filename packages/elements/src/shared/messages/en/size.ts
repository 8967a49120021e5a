export const size = {
  'size.employees': '{range} employees',
} as const;
