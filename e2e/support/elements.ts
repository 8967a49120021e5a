import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/** How long to wait for a condition in the page: the demo shares the machine with the browser. */
const WAIT_MS = 15_000;

/** Polls `fn` until the assertion chained on it holds (15 s at most), as `expect.poll` does. */
export function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: WAIT_MS, interval: 100 });
}

/**
 * What a `<crm-customer-list>` last announced to screen readers: once a load or search has
 * finished, how many customers it shows (the same words as its visible count).
 */
export async function announced(list: Locator): Promise<string> {
  return ((await list.getByRole('status').textContent()) ?? '').trim();
}
