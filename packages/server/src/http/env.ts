import type { Context } from 'hono';
import type { CrmDatabase, Db } from '../db/database.js';

export type Role = 'owner' | 'admin' | 'manager' | 'rep' | 'viewer';

/** Who is calling: resolved once per request by the kit's authentication. */
export interface Caller {
  orgId: string;
  userId: string;
  role: Role;
}

/** What the kit keeps on each request's context, under its own key so it never meets a host's. */
export interface CrmVariables {
  crmDatabase: CrmDatabase;
  crmDb: Db;
  crmCaller: Caller;
}

export interface CrmEnv {
  Variables: CrmVariables;
}

export type CrmContext = Context<CrmEnv>;
