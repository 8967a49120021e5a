import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { refuseProtoKeys } from './http/json-keys.js';
import { boardRoutes } from './board/routes.js';
import { forecastRoutes } from './forecast/routes.js';
import { reportRoutes } from './reports/routes.js';
import { eventRoutes } from './events/routes.js';
import { organizationRoutes } from './organization/routes.js';
import { searchRoutes } from './search/routes.js';
import { segmentRoutes } from './segments/routes.js';
import type { CrmDatabase } from './db/database.js';
import type { AuthOptions } from './auth/options.js';
import { capabilityRoutes } from './auth/capabilities.js';
import { accountRoutes, signInRoutes } from './auth/routes.js';
import { authenticate } from './http/authenticate.js';
import { cors } from './http/cors.js';
import type { CrmEnv } from './http/env.js';
import { fieldErrors, handleError, ProblemError, validationProblem } from './http/problem.js';
import { customerSummaryRoutes } from './resources/customer-summary.js';
import { dealContactRoutes } from './resources/deal-contact-routes.js';
import { publicLeadFormRoutes } from './leads/public-routes.js';
import { leadRoutes } from './leads/routes.js';
import { caseRoutes } from './cases/routes.js';
import { resources } from './resources/index.js';
import { resourceRoutes } from './resources/routes.js';
import { mergeRoutes } from './resources/merge/routes.js';
import { integrationRoutes, STREAMED_BODY_PATHS, type IntegrationOptions } from './integration/routes.js';
import { apiDocument, type ApiDocument } from './openapi/document.js';
import { renderReference, type OpenApiDocument } from './routes/docs.js';
import { healthRoutes, readyRoutes } from './routes/health.js';
import { logging, errorsToStderr, type Logger } from './http/logging.js';
import { Metrics, type MetricsOption } from './http/metrics.js';
import { requestIds } from './http/request-id.js';
import { Lifecycle, type ShutdownOptions } from './http/shutdown.js';
import { webhookRoutes } from './webhooks/routes.js';
import { WebhookWorker, type WebhookOptions } from './webhooks/worker.js';
import { JobScheduler, type JobOptions } from './jobs/scheduler.js';
import { importJobRoutes } from './imports/routes.js';
import { ImportWorker, type ImportJobOptions } from './imports/worker.js';
import { registerHooks, type CrmHooks } from './hooks/hooks.js';

export interface CrmOptions extends AuthOptions, IntegrationOptions {
  /** The database to run on (see `openDatabase`, `openPglite`, `connectPostgres`); may be a promise. */
  database: CrmDatabase | Promise<CrmDatabase>;
  /** The largest request body accepted, in bytes; a bigger one gets a 413 problem. Default 1 MB. */
  maxBodyBytes?: number;
  /** Where logs go (pino-compatible); default: errors only, JSON lines on stderr. See docs/operations.md. */
  logger?: Logger;
  /** Log every request (at `info`); default off. */
  accessLog?: boolean;
  /** Serve Prometheus metrics at `/metrics`: `true` to anyone, `{ token }` to `Bearer <token>`; default off. */
  metrics?: MetricsOption;
  /** Outgoing webhooks: `{ deliver: true }` sends them from this process (see docs/integration.md). */
  webhooks?: WebhookOptions;
  /**
   * Scheduled jobs (re-assigning untouched leads, the weekly forecast snapshots): on by default on Node, every minute; `false`
   * (or `{ reassignEveryMs: false }`) turns them off, e.g. for `crmkit jobs run-once` from cron.
   * Safe in every process of a deployment at once (see docs/operations.md).
   */
  jobs?: JobOptions | false;
  /**
   * CSV import jobs: this process runs them (with the other processes of a deployment) unless
   * `{ runJobs: false }`; see docs/integration.md.
   */
  imports?: ImportJobOptions;
  /**
   * Functions the kit calls inside the transaction of every write, by event (`order.created`,
   * `opportunity.won`, …), with the transaction, the caller and the record before and after. A
   * `CrmHookRejection` thrown refuses the write with its problem; any other throw is a 500. Either
   * way nothing of the write is kept (see docs/integration.md).
   */
  hooks?: CrmHooks;
}

/** Methods whose requests have no body the kit reads. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Builds the kit: a Hono app to mount with `host.route('/api/crm', createCrm(options))`.
 * Returned fully built, because `route()` copies the routes that exist when it is called.
 */
export function createCrm(options: CrmOptions) {
  const { hooks } = options;
  // Registered on the database handle, so that every write on it calls them, a job's as a request's.
  if (hooks && !(options.database instanceof Promise)) registerHooks(options.database.db, hooks);
  const database = Promise.resolve(options.database).then((db) => {
    if (hooks) registerHooks(db.db, hooks);
    return db;
  });
  const app = new OpenAPIHono<CrmEnv>({
    defaultHook: (result) => {
      // @hono/zod-validator hands the input over as `data` beside a failed result (its type omits it).
      const input = (result as { data?: unknown }).data;
      if (!result.success) throw validationProblem(fieldErrors(result.error, input));
    },
  });
  app.onError(handleError);
  const lifecycle = new Lifecycle();
  const metrics = new Metrics(database);
  app.use(requestIds(), logging(options.logger ?? errorsToStderr, options.accessLog ?? false));
  app.use(metrics.middleware(), lifecycle.middleware());
  if (options.metrics) app.get('/metrics', metrics.handler(options.metrics));
  app.route('/', healthRoutes);
  // The reference, built once per mount point (the host chooses it, and `servers` names it).
  const documents = new Map<string, ApiDocument>();
  const documentAt = (mount: string) => {
    let doc = documents.get(mount);
    if (!doc) documents.set(mount, (doc = apiDocument(app as never, mount)));
    return doc;
  };
  app.get('/openapi.json', (c) => c.json(documentAt(c.req.path.replace(/\/openapi\.json$/, ''))));
  app.get('/docs', (c) => {
    const mount = c.req.path.replace(/\/docs\/?$/, '');
    return c.html(renderReference(documentAt(mount) as unknown as OpenApiDocument, `${mount}/openapi.json`));
  });

  // Everything below needs the database; the reference above does not.
  app.use(async (c, next) => {
    const db = await database;
    c.set('crmDatabase', db);
    c.set('crmDb', db.db);
    // Under a host, this middleware's route path is the mount point followed by `/*`.
    const mount = c.req.routePath.replace(/\/?\*$/, '');
    c.set('crmPath', c.req.path.slice(mount.length) || '/');
    await next();
  });
  app.use(cors());
  const limitBody = bodyLimit({
    maxSize: options.maxBodyBytes ?? 1024 * 1024,
    onError: () => {
      throw new ProblemError(413, 'The request body is larger than this server accepts.');
    },
  });
  const checkKeys = refuseProtoKeys();
  // Bulk writes and imports read their bodies as they stream, under limits and checks of their own.
  // Reads carry no body the kit looks at, and asking for one (`c.req.raw.body`) would make
  // @hono/node-server build a full Request for every GET.
  const bodyChecked = (c: Context<CrmEnv>) => !READS.has(c.req.method) && !STREAMED_BODY_PATHS.test(c.var.crmPath);
  app.use((c, next) => (bodyChecked(c) ? limitBody(c, next) : next()));
  app.use((c, next) => (bodyChecked(c) ? checkKeys(c, next) : next()));

  app.route('/', readyRoutes);
  app.route('/', signInRoutes(options));
  // Before authenticate: public by design, each form's key scopes it to its organization.
  app.route('/', publicLeadFormRoutes(options));

  // Import jobs run beside requests; routes wake the worker when a job is created or looked at.
  const importWorker =
    options.imports?.runJobs === false
      ? { wake: () => {}, stop: async () => {} }
      : new ImportWorker(database, options.imports ?? {}, options.logger ?? errorsToStderr);
  importWorker.wake();

  app.use(authenticate(options));
  app.route('/', accountRoutes(options));
  app.route('/', capabilityRoutes);
  app.route('/', customerSummaryRoutes);
  app.route('/', dealContactRoutes);
  app.route('/', leadRoutes);
  app.route('/', caseRoutes);
  app.route('/', mergeRoutes);
  for (const resource of resources) app.route('/', resourceRoutes(resource));
  app.route('/', integrationRoutes(options));
  app.route('/', importJobRoutes(importWorker, options));
  app.route('/', boardRoutes);
  app.route('/', forecastRoutes);
  app.route('/', reportRoutes);
  app.route('/', eventRoutes);
  app.route('/', segmentRoutes);
  app.route('/', searchRoutes);
  app.route('/', organizationRoutes);
  app.route('/', webhookRoutes(options.webhooks));
  // Last: anything else below the mount point is the kit's 404 (a sub-app's notFound is ignored under a host).
  app.all('*', () => {
    throw new ProblemError(404, 'No such route.');
  });
  // Deliveries run beside requests, never inside one: a host opts in per process.
  const worker = options.webhooks?.deliver
    ? new WebhookWorker(database, options.webhooks, options.logger ?? errorsToStderr)
    : undefined;
  worker?.start();
  const jobs = new JobScheduler(database, options.jobs, options.logger ?? errorsToStderr);
  jobs.start();
  /**
   * Stops taking requests, ends `/events` streams, stops the webhook worker and the scheduled
   * jobs, and waits (bounded) for the requests, deliveries and job run in flight.
   */
  const shutdown = async (shutdownOptions?: ShutdownOptions) => {
    await Promise.all([lifecycle.shutdown(shutdownOptions), worker?.stop(), jobs.stop(), importWorker.stop()]);
  };
  return Object.assign(app, { shutdown });
}

export type CrmApp = ReturnType<typeof createCrm>;
