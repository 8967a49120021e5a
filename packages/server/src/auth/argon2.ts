import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from './passwords.js';

/** Argon2id with OWASP's recommended minimums (19 MiB, 2 passes, 1 lane). Node only. */
export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 }),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};
