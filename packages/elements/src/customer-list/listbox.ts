/**
 * Where a key moves the active row of a listbox of `count` rows (`page` rows to a screen): the
 * arrow keys by one, Page Up/Down by a screen, Home and End to the ends. Undefined for other keys.
 */
export function listboxMove(key: string, active: number, count: number, page: number): number | undefined {
  let next: number;
  switch (key) {
    case 'ArrowDown':
      next = active + 1;
      break;
    case 'ArrowUp':
      next = active - 1;
      break;
    case 'PageDown':
      next = active + page;
      break;
    case 'PageUp':
      next = active - page;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    default:
      return undefined;
  }
  return Math.max(0, Math.min(count - 1, next));
}
