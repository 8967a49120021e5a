import type { Context } from 'hono';
import type { Caller } from '../http/env.js';
import type { HostIdentity } from './identity.js';
import type { PasswordHasher } from './passwords.js';
import type { SessionPolicy } from './session.js';

/** Resolves the signed-in caller from the host's own session; `null` means not signed in. */
export type Identify = (c: Context) => Caller | HostIdentity | null | Promise<Caller | HostIdentity | null>;

export interface AuthOptions {
  /** The host's sign-in: who is calling, in the kit's terms or the host's (provisioned on first sight). */
  identify?: Identify;
  /** Enables the kit's own sign-in (`/auth/login`) with this password hasher. */
  passwords?: PasswordHasher;
  /** Idle timeout and lifetime of the kit's sessions, in seconds. */
  session?: Partial<SessionPolicy>;
  /** The secret embed tokens are signed with (see `mintEmbedToken`); enables them. */
  embedSecret?: string;
  /** The client's network address, for sign-in limits (default: the Node socket's, else unknown). */
  clientAddress?: (c: Context) => string;
}
