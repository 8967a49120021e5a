// Expiry without waiting: tests move the clock the kit reads (`Date`) instead of sleeping.
import { vi } from 'vitest';

/**
 * Runs `fn` as if `seconds` had passed: `Date` reads that much later (and stands still) until
 * `fn` settles. Timers and I/O keep real time, so database drivers are unaffected.
 */
export async function afterSeconds<T>(seconds: number, fn: () => T | Promise<T>): Promise<T> {
  vi.setSystemTime(Date.now() + seconds * 1000);
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}
