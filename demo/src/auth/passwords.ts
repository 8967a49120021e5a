import { hash, verify } from '@node-rs/argon2';

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'crmkit-demo';

/**
 * Hashes a password with argon2id (the library's default algorithm) at its default cost
 * (19 MiB, 2 passes, 1 lane), the minimum OWASP recommends.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Checks a password against a stored PHC string; a malformed hash is a mismatch, not an error. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
