const MAX_KEYS = 10_000;

/**
 * Counts failed sign-ins per key (an email) in fixed windows, so a password cannot be guessed
 * at the speed of the server. Kept in memory: the portal runs as one process.
 */
export class Throttle {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #failures = new Map<string, { count: number; resetAt: number }>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Whether this key has used up its attempts for now. */
  blocked(key: string, now = Date.now()): boolean {
    const entry = this.#failures.get(key);
    return entry !== undefined && entry.resetAt > now && entry.count >= this.#limit;
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.#failures.get(key);
    if (entry && entry.resetAt > now) entry.count += 1;
    else this.#failures.set(key, { count: 1, resetAt: now + this.#windowMs });
    // Keys are whatever strangers type: keep the map bounded, dropping expired and then oldest entries.
    if (this.#failures.size > MAX_KEYS) {
      for (const [k, e] of this.#failures) if (e.resetAt <= now) this.#failures.delete(k);
      for (const k of this.#failures.keys()) {
        if (this.#failures.size <= MAX_KEYS) break;
        this.#failures.delete(k);
      }
    }
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }
}
