export { benchDedup, SCENARIOS } from './dedup/dedup-bench.js';
export type * from './dedup/dedup-types.js';
export { benchQuery } from './query/query-bench.js';
export type * from './query/query-types.js';
export { benchMigrate } from './migrate/migrate-bench.js';
export type * from './migrate/migrate-types.js';
export { benchSoak } from './soak/soak-bench.js';
export type * from './soak/soak-types.js';
export { runAll, plannedSizes, type AllOptions, type AllResult } from './run-all.js';
export {
  compareHeadlines,
  NOISE_PERCENT,
  type ComparisonRow,
  type Headline,
  type HeadlineMetric,
} from './report/compare.js';
export { costSavings, DEFAULT_SCHEDULE, type CostSavings, type Schedule } from './report/cost-savings.js';
export { checkTargets, TARGETS } from './report/targets.js';
export type { BenchResults, TargetCheck } from './report/results-types.js';
export { percentile, summarizeLatencies, reductionPercent, type LatencySummary } from './stats/percentiles.js';
