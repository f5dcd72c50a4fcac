import type { Logger } from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';
import type { ApiConfig } from './config.js';
import type { LegacyJobFinder } from './legacy/legacy-job-finder.js';
import type { ApiMetrics } from './metrics/api-metrics.js';
import type { SearchLauncher } from './searches/search-manager.js';

/** Everything route handlers use; built once by createApp. */
export interface AppContext {
  store: Store;
  config: ApiConfig;
  logger: Logger;
  searches: SearchLauncher;
  legacy: LegacyJobFinder;
  metrics: ApiMetrics;
  version: string;
  startedAt: number;
}
