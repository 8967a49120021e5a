const BASE = 'http://portal.invalid';

/**
 * Where to send someone after they sign in: only a path on this site. Anything else (another
 * origin, `//evil.example`, `/\evil.example`, a `javascript:` URL) is dropped.
 */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 512 || !value.startsWith('/')) return undefined;
  if (value.startsWith('//') || value.includes('\\')) return undefined;
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE || url.pathname === '/login') return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}
