// The keyboard of a row of tabs (the tabs pattern): arrow keys, Home and End move between them, and the
// selection follows focus.

/** The tab a key moves to from `current`, or undefined when the key is not the tabs'. */
export function tabAfterKey<T>(event: KeyboardEvent, tabs: readonly T[], current: T, host: Element): T | undefined {
  const at = tabs.indexOf(current);
  const rtl = getComputedStyle(host).direction === 'rtl';
  const step: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
  let next: number | undefined;
  if (event.key in step) next = (at + step[event.key]! + tabs.length) % tabs.length;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = tabs.length - 1;
  if (next === undefined) return undefined;
  event.preventDefault();
  return tabs[next];
}
