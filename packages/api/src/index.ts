export { createApp, API_VERSION, type ApiApp, type CreateAppOptions } from './app.js';
export type { AppContext } from './app-context.js';
export {
  apiConfig,
  loadApiConfig,
  isLoopbackHost,
  type ApiConfig,
  type LoadApiConfigOptions,
  type SearchSourceName,
} from './config.js';
export { assertSafeBinding, startServer, type RunningServer } from './server.js';
export {
  SearchManager,
  type SearchLauncher,
  type SearchManagerOptions,
  type StartRunRequest,
} from './searches/search-manager.js';
export { JobSources, sourceFromFile, type SourceResolver } from './searches/job-sources.js';
export { LegacyJobFinder, type LegacyHit } from './legacy/legacy-job-finder.js';
export { createApiMetrics, type ApiMetrics } from './metrics/api-metrics.js';
export { buildOpenApiDocument } from './openapi/openapi-document.js';
export { serveCommand, type RunningApi, type ServeOptions } from './commands/serve.js';
export { searchCommand, type SearchCommandOptions } from './commands/search.js';
export { smokeCommand, type SmokeOptions } from './commands/smoke.js';
export { seedDemoData, SAMPLE_CV_PATH, DEMO_SEARCH_TERMS } from './commands/demo-data.js';
export * from './schemas/matches.js';
export * from './schemas/runs.js';
export * from './schemas/stats.js';
export * from './schemas/jobs.js';
export * from './schemas/catalog.js';
export * from './schemas/health.js';
export { ZProblem, ZCvKey, ZIdParams } from './schemas/common.js';
