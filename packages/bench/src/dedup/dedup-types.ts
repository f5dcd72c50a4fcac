import type { ServiceTier } from '@jobsearchai/core/matchers';
import type { TokenTotals } from './counting-matcher.js';

export interface DedupOptions {
  /** Max pages per run (legacy default 10). */
  pages?: number;
  postingsPerPage?: number;
  /** Share of the scraped postings that are new on the repeat run, 0–1 (default 0.05). */
  newShare?: number;
  model?: string;
  /** Evaluations in flight at once, in both arms (default 4, the pipeline's default). */
  concurrency?: number;
  /** Delay of every stub answer, to approach a real LLM's latency in the wall times (default 0). */
  llmLatencyMs?: number;
  /** The pipeline's LLM processing tier (default `default`); the legacy baseline knew only the default tier. */
  serviceTier?: ServiceTier;
  /** Scenarios to run (default all). */
  scenarios?: ScenarioName[];
  /** Folder for the scenario databases (default: a temp folder). */
  workDir?: string;
  seed?: number;
}

export type ScenarioName = 'repeat' | 'exact-repeat' | 'second-term' | 'cv-change';

/** What one run cost, counted the same way in both arms. */
export interface RunMetrics {
  /** chat.completions requests the stub received. */
  llmCalls: number;
  /** Results pages the board served. */
  pages: number;
  /** Posting detail pages the board served. */
  detailPages: number;
  tokens: TokenTotals;
  costUsd: number;
  wallMs: number;
  /** Pipeline only: why the run stopped, and evaluations copied from another search term. */
  stopReason?: string;
  reused?: number;
  /** Pipeline only: evaluations sent again at the default tier because Flex had no capacity. */
  flexFallbacks?: number;
}

export interface ArmResult {
  run1: RunMetrics;
  run2: RunMetrics;
}

export interface Reductions {
  /** Percent fewer on run 2, pipeline vs baseline (90 = 90 % fewer). */
  llmCalls: number;
  pages: number;
  tokens: number;
  costUsd: number;
  wallMs: number;
}

export interface ScenarioResult {
  name: ScenarioName;
  description: string;
  /** What changed between run 1 and run 2. */
  change: string;
  baseline: ArmResult;
  pipeline: ArmResult;
  reductions: Reductions;
  /** second-term only: share of term B's scraped postings that term A's run already evaluated. */
  overlapShare?: number;
}

export interface DedupResult {
  config: Required<Omit<DedupOptions, 'workDir' | 'scenarios'>> & { scenarios: ScenarioName[]; priceModel: string };
  scenarios: ScenarioResult[];
}
