import { tables, type Db, type Role } from '@crmkit/server';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { verifyPassword } from './passwords.js';

/** A portal user as the pages show them: the kit user plus their organization. */
export interface Account {
  userId: string;
  orgId: string;
  role: Role;
  email: string;
  name: string;
  orgName: string;
  /** The organization's locale, e.g. `en` or `zh-Hant`. */
  locale: string;
  /** The organization's base currency, e.g. `USD`. */
  currency: string;
}

type Row = Account & { passwordHash: string | null };

/**
 * The portal's user directory. The portal keeps no users of its own: it signs people in against
 * the kit's `users` table, reading it as the database owner (this is the host's trusted side,
 * not a request the kit scopes to one organization).
 */
export class Accounts {
  readonly #db: Db;
  /** A hash of some password, verified against when the email is unknown so both cases take as long. */
  readonly #decoyHash: string;
  /** Accounts by user id; filled at sign-in so pages need no query per request. */
  readonly #cache = new Map<string, Account>();

  constructor(db: Db, decoyHash: string) {
    this.#db = db;
    this.#decoyHash = decoyHash;
  }

  /** The account with this email and password, or `null`; an unknown email costs as much as a wrong password. */
  async signIn(email: string, password: string): Promise<Account | null> {
    const rows = await this.#select(eq(tables.users.email, email.trim().toLowerCase()));
    // One email may belong to members of several organizations: the first whose password matches wins.
    for (const { passwordHash, ...account } of rows) {
      if (passwordHash && (await verifyPassword(passwordHash, password))) {
        this.#cache.set(account.userId, account);
        return account;
      }
    }
    if (rows.length === 0) await verifyPassword(this.#decoyHash, password);
    return null;
  }

  /** The signed-in user's account (after a restart, read once from the database). */
  async get(orgId: string, userId: string): Promise<Account | null> {
    const cached = this.#cache.get(userId);
    if (cached?.orgId === orgId) return cached;
    const [row] = await this.#select(and(eq(tables.users.orgId, orgId), eq(tables.users.id, userId)));
    if (!row) return null;
    const { passwordHash: _, ...account } = row;
    this.#cache.set(userId, account);
    return account;
  }

  /**
   * Gives these users the password hash when they have none, e.g. after the sample data was
   * seeded by the CLI without passwords. Never replaces a password someone set.
   */
  async ensurePasswords(emails: readonly string[], passwordHash: string): Promise<void> {
    await this.#db
      .update(tables.users)
      .set({ passwordHash })
      .where(and(inArray(tables.users.email, [...emails]), isNull(tables.users.passwordHash)));
  }

  #select(where: ReturnType<typeof and>): Promise<Row[]> {
    const { users, organizations } = tables;
    return this.#db
      .select({
        userId: users.id,
        orgId: users.orgId,
        role: users.role,
        email: users.email,
        name: users.name,
        passwordHash: users.passwordHash,
        orgName: organizations.name,
        locale: organizations.locale,
        currency: organizations.baseCurrency,
      })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .where(and(where, eq(users.active, true), isNull(users.deletedAt), isNull(organizations.deletedAt)))
      .orderBy(organizations.createdAt, users.createdAt);
  }
}
