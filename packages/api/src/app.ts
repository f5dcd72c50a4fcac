import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@jobsearchai/core';
import { createMatcher, matcherSettingsFromEnv } from '@jobsearchai/core/matchers';
import type { Store } from '@jobsearchai/core/store';
import express, { type Express, type RequestHandler } from 'express';
import type { AppContext } from './app-context.js';
import { PACKAGE_ROOT, type ApiConfig } from './config.js';
import type { AnyApiRoute } from './http/api-route.js';
import { dashboardRouter } from './http/dashboard.js';
import { FailureEvents } from './http/failure-events.js';
import { errorMiddleware, HttpProblem } from './http/problem.js';
import { requestLogging } from './http/request-logging.js';
import { rateLimiter, securityHeaders } from './http/security.js';
import { validateRequest } from './http/validate-request.js';
import { writeGuard } from './http/write-guard.js';
import { LegacyJobFinder } from './legacy/legacy-job-finder.js';
import { createApiMetrics, type ApiMetrics } from './metrics/api-metrics.js';
import { applicationRoutes } from './routes/applications.js';
import { catalogRoutes } from './routes/catalog.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { matchRoutes } from './routes/matches.js';
import { operationsRoutes } from './routes/operations.js';
import { runRoutes } from './routes/runs.js';
import { alertRoutes } from './routes/alerts.js';
import { scheduleRoutes } from './routes/schedules.js';
import { statsRoutes } from './routes/stats.js';
import { runAlertSettings } from './alerts/run-alerts.js';
import { JobSources, type SourceResolver } from './searches/job-sources.js';
import { SearchManager, type SearchLauncher } from './searches/search-manager.js';

export interface CreateAppOptions {
  store: Store;
  config: ApiConfig;
  logger: Logger;
  /** Runs searches for POST /api/runs; by default a SearchManager on this store. */
  searches?: SearchLauncher;
  /** Job sources for the default SearchManager (e.g. a demo board started by the caller). */
  sources?: SourceResolver;
  metrics?: ApiMetrics;
}

/** The Express app plus what its owner needs to shut it down. */
export type ApiApp = Express & {
  readonly context: AppContext;
  readonly routes: readonly AnyApiRoute[];
  /** Server errors waiting to be recorded for the monitoring agent; the server flushes them on close. */
  readonly failures: FailureEvents;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PROBES = new Set(['/api/health', '/api/ready']);
const MAX_ACTIVE_SEARCHES = 4;

export const API_VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** Builds the HTTP application; `server.ts` listens. Nothing here touches process.env or the network. */
export function createApp(options: CreateAppOptions): ApiApp {
  const { store, config, logger } = options;
  const metrics = options.metrics ?? createApiMetrics(store);
  const searches =
    options.searches ??
    new SearchManager({
      store,
      logger,
      matcher: metrics.instrumentMatcher(createMatcher(matcherSettingsFromEnv(config.core))),
      sources: options.sources ?? new JobSources({ demoBoardPort: config.demoBoardPort }),
      staleAfterMinutes: config.runStaleMinutes,
      maxActive: MAX_ACTIVE_SEARCHES,
      listener: { progress: (event) => metrics.recordRunProgress(event) },
      alerts: runAlertSettings(config.alerts),
    });
  const context: AppContext = {
    store,
    config,
    logger,
    searches,
    legacy: new LegacyJobFinder(config.legacyJsonDirs, logger),
    metrics,
    version: API_VERSION,
    startedAt: Date.now(),
  };
  const routes: AnyApiRoute[] = [];
  routes.push(
    ...healthRoutes(context),
    ...matchRoutes(context),
    ...applicationRoutes(context),
    ...jobRoutes(context),
    ...catalogRoutes(context),
    ...statsRoutes(context),
    ...runRoutes(context),
    ...scheduleRoutes(context),
    ...alertRoutes(context),
    ...operationsRoutes(context, () => routes),
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.use(requestLogging(logger));
  app.use(observeRequests(metrics));
  app.use(securityHeaders());
  for (const limiter of rateLimiter(config.rateLimit, 'requests', (path) => PROBES.has(`/api${path}`)))
    app.use('/api', limiter);
  for (const limiter of rateLimiter(config.rateLimitWrites, 'write requests')) app.use('/api', onlyWrites(limiter));
  app.use('/api', writeGuard(config.apiToken));
  app.use('/api', express.json({ limit: '100kb', strict: true }));
  mountRoutes(app, routes);
  app.use('/api', (req) => {
    throw new HttpProblem(
      404,
      'NOT_FOUND',
      `There is no endpoint ${req.method} ${req.baseUrl}${req.path}; see /api/openapi.json.`,
    );
  });
  if (config.dashboardDir) app.use(dashboardRouter(config.dashboardDir));
  else
    app.get('/', (_req, res) =>
      res.json({ name: 'jobsearch-api', version: API_VERSION, dashboard: 'not built', openapi: '/api/openapi.json' }),
    );
  app.use((req) => {
    throw new HttpProblem(404, 'NOT_FOUND', `Nothing is served at ${req.path}.`);
  });
  const failures = new FailureEvents(store, logger);
  app.use(
    errorMiddleware(
      logger,
      (error) => metrics.recordError(error),
      (error, req, status) =>
        failures.record(error, {
          method: req.method,
          route: typeof req.res?.locals.route === 'string' ? req.res.locals.route : null,
          status,
          requestId: String(req.id ?? ''),
        }),
    ),
  );
  return Object.assign(app, { context, routes, failures });
}

function mountRoutes(app: Express, routes: readonly AnyApiRoute[]): void {
  const methods = new Map<string, string[]>();
  for (const route of routes) {
    const label: RequestHandler = (_req, res, next) => {
      res.locals.route = route.path;
      next();
    };
    const handler: RequestHandler = async (req, res) => {
      await route.handler(res.locals.input, req, res);
    };
    app[route.method](route.path, label, validateRequest(route), handler);
    methods.set(route.path, [...(methods.get(route.path) ?? []), route.method.toUpperCase()]);
  }
  for (const [path, allowed] of methods) {
    const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    app.all(path, (req, res) => {
      res.setHeader('Allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      throw new HttpProblem(
        405,
        'METHOD_NOT_ALLOWED',
        `${req.method} is not supported on ${path}; use ${allowed.join(' or ')}.`,
      );
    });
  }
}

function onlyWrites(limiter: RequestHandler): RequestHandler {
  return (req, res, next) => (SAFE_METHODS.has(req.method) ? next() : limiter(req, res, next));
}

function observeRequests(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      // Only declared route patterns become labels; the dashboard's files count as one route.
      const servedFile = res.statusCode < 400 && !req.path.startsWith('/api');
      const route = typeof res.locals.route === 'string' ? res.locals.route : servedFile ? '/' : undefined;
      metrics.observeRequest(req.method, route, res.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}
