export { createCrm, type CrmApp, type CrmOptions } from './app.js';
export { inOrg, type CrmDatabase, type Db, type Scope, type Tx, type SqlSession } from './db/database.js';
export { migrate, type MigrateResult } from './db/migrate.js';
export type { Identify } from './http/authenticate.js';
export type { Caller, Role } from './http/env.js';
export { ProblemError } from './http/problem.js';
export * as tables from './db/schema/index.js';
export { createOrganization, createUser, type NewOrganization, type NewUser } from './admin.js';
export { seedSample, type SampleOptions, type SampleSummary } from './seed/sample.js';
