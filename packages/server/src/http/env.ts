import type { Context } from 'hono';
import type { CrmDatabase, Db } from '../db/database.js';
import type { Logger } from './logging.js';

export type Role = 'owner' | 'admin' | 'manager' | 'rep' | 'viewer' | 'support';

/** How a caller proved who they are. */
export type CallerVia = 'session' | 'host' | 'embed' | 'api-key';

/** Who is calling: resolved once per request by the kit's authentication. */
export interface Caller {
  orgId: string;
  /** The member acting; null for an API key, which acts for the organization. */
  userId: string | null;
  role: Role;
  /** Defaults to `host` (a caller from the host's `identify`). */
  via?: CallerVia;
  /** What an embed token or API key is limited to, e.g. `['customers:read']`. */
  scopes?: string[];
}

/** What the kit keeps on each request's context, under its own key so it never meets a host's. */
export interface CrmVariables {
  crmDatabase: CrmDatabase;
  crmDb: Db;
  crmCaller: Caller;
  /** The request's path below the kit's mount point, e.g. `/customers/1`. */
  crmPath: string;
  crmLogger: Logger;
  /** The request's id (see request-id.ts). */
  crmRequestId: string;
}

export interface CrmEnv {
  Variables: CrmVariables;
}

export type CrmContext = Context<CrmEnv>;
