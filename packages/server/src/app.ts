import { OpenAPIHono } from '@hono/zod-openapi';
import { boardRoutes } from './board/routes.js';
import { eventRoutes } from './events/routes.js';
import { segmentRoutes } from './segments/routes.js';
import type { CrmDatabase } from './db/database.js';
import type { AuthOptions } from './auth/options.js';
import { accountRoutes, signInRoutes } from './auth/routes.js';
import { authenticate } from './http/authenticate.js';
import { cors } from './http/cors.js';
import type { CrmEnv } from './http/env.js';
import { fieldErrors, handleError, ProblemError, validationProblem } from './http/problem.js';
import { customerSummaryRoutes } from './resources/customer-summary.js';
import { resources } from './resources/index.js';
import { resourceRoutes } from './resources/routes.js';
import { renderReference, type OpenApiDocument } from './routes/docs.js';
import { healthRoutes, readyRoutes } from './routes/health.js';
import { logging, errorsToStderr, type Logger } from './http/logging.js';
import { Metrics, type MetricsOption } from './http/metrics.js';
import { requestIds } from './http/request-id.js';
import { Lifecycle, type ShutdownOptions } from './http/shutdown.js';

export interface CrmOptions extends AuthOptions {
  /** The database to run on (see `openDatabase`, `openPglite`, `connectPostgres`); may be a promise. */
  database: CrmDatabase | Promise<CrmDatabase>;
  /** Where logs go (pino-compatible); default: errors only, JSON lines on stderr. See docs/operations.md. */
  logger?: Logger;
  /** Log every request (at `info`); default off. */
  accessLog?: boolean;
  /** Serve Prometheus metrics at `/metrics`: `true` to anyone, `{ token }` to `Bearer <token>`; default off. */
  metrics?: MetricsOption;
}

/**
 * Builds the kit: a Hono app to mount with `host.route('/api/crm', createCrm(options))`.
 * Returned fully built, because `route()` copies the routes that exist when it is called.
 */
export function createCrm(options: CrmOptions) {
  const database = Promise.resolve(options.database);
  const app = new OpenAPIHono<CrmEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(fieldErrors(result.error));
    },
  });
  app.onError(handleError);
  const lifecycle = new Lifecycle();
  const metrics = new Metrics(database);
  app.use(requestIds(), logging(options.logger ?? errorsToStderr, options.accessLog ?? false));
  app.use(metrics.middleware(), lifecycle.middleware());
  if (options.metrics) app.get('/metrics', metrics.handler(options.metrics));
  app.route('/', healthRoutes);
  const info = { title: 'crmkit', version: '0.1.0', description: 'The crmkit sales-management API.' };
  app.doc31('/openapi.json', { openapi: '3.1.0', info });
  app.get('/docs', (c) => {
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info }) as unknown as OpenApiDocument;
    return c.html(renderReference(doc, c.req.path.replace(/docs\/?$/, 'openapi.json')));
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

  app.route('/', readyRoutes);
  app.route('/', signInRoutes(options));

  app.use(authenticate(options));
  app.route('/', accountRoutes(options));
  app.route('/', customerSummaryRoutes);
  for (const resource of resources) app.route('/', resourceRoutes(resource));
  app.route('/', boardRoutes);
  app.route('/', eventRoutes);
  app.route('/', segmentRoutes);
  // Last: anything else below the mount point is the kit's 404 (a sub-app's notFound is ignored under a host).
  app.all('*', () => {
    throw new ProblemError(404, 'No such route.');
  });
  /** Stops taking requests, ends `/events` streams, and waits (bounded) for those in flight. */
  const shutdown = (options?: ShutdownOptions) => lifecycle.shutdown(options);
  return Object.assign(app, { shutdown });
}

export type CrmApp = ReturnType<typeof createCrm>;
