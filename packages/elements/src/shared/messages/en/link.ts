export const link = {
  'link.newTab': '(opens in a new tab)',
} as const;
