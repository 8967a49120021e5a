export { createCrm, type CrmApp, type CrmOptions } from './app.js';
export {
  inOrg,
  readInOrg,
  type CrmDatabase,
  type Db,
  type Scope,
  type Tx,
  type SqlSession,
  type TransactionOptions,
} from './db/database.js';
export { migrate, type MigrateResult } from './db/migrate.js';
export type { AuthOptions, Identify } from './auth/options.js';
export type { HostIdentity } from './auth/identity.js';
export type { PasswordHasher } from './auth/passwords.js';
export { mintEmbedToken, type EmbedClaims } from './auth/embed-token.js';
export type { Caller, CallerVia, Role } from './http/env.js';
export { ProblemError } from './http/problem.js';
export {
  CrmHookFailure,
  CrmHookRejection,
  type CrmHook,
  type CrmHookCall,
  type CrmHookEvent,
  type CrmHookRejectionInit,
  type CrmHooks,
  type HookRecords,
} from './hooks/hooks.js';
export * as tables from './db/schema/index.js';
export {
  createOrganization,
  createUser,
  findOrganization,
  updateOrganization,
  type NewOrganization,
  type NewUser,
} from './admin.js';
export { MigrationSetupError } from './db/request-role.js';
export { seedSample, type SampleOptions, type SampleSummary } from './seed/sample.js';
export { reassignUntouchedLeads, type ReassignOptions, type ReassignResult } from './leads/reassign.js';
export { takeForecastSnapshots, type SnapshotOptions } from './forecast/take-snapshots.js';
export type { JobOptions } from './jobs/scheduler.js';
export type { ImportJobOptions } from './imports/worker.js';
