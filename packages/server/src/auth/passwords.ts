/**
 * Hashes and checks passwords. The kit takes one as an option so that it stays free of
 * runtime-specific code: `argon2Passwords` (from `@crmkit/server/node`) is the Node one.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Passwords shorter than this are refused; longer than the maximum, too (hashing cost). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
