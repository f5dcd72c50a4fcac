import type { DedupResult } from '../dedup/dedup-types.js';
import type { MigrateBenchResult } from '../migrate/migrate-types.js';
import type { QueryResult } from '../query/query-types.js';
import type { SoakResult } from '../soak/soak-types.js';
import type { MachineInfo } from '../util/machine.js';
import type { ComparisonRow, Headline } from './compare.js';
import type { CostSavings } from './cost-savings.js';

export type Skipped = { skipped: string };

export interface TargetCheck {
  id: string;
  label: string;
  /** The threshold as written in the spec. */
  target: string;
  /** The figure compared, formatted with its unit; null when not measured in this run. */
  measured: string | null;
  /** null: not measured in this run (e.g. the 1 M-row targets in a quick run). */
  pass: boolean | null;
  /**
   * The seed targets (LLM calls, pages, p95 < 100 ms, no API errors) hold on any machine; the
   * throughput and size targets are figures of a quiet machine at full size. A quick run fails only
   * on a missed seed target.
   */
  seed: boolean;
  note?: string;
}

export interface BenchResults {
  kind: 'jobsearch-bench-results';
  version: 1;
  mode: 'quick' | 'full';
  startedAt: string;
  durationMs: number;
  /** How the run was started, to reproduce it. */
  command: string;
  machine: MachineInfo & { loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  git: { commit: string | null; dirty: boolean | null };
  dedup: DedupResult;
  query: QueryResult;
  migrate: MigrateBenchResult | Skipped;
  soak: SoakResult | Skipped;
  costSavings: CostSavings | null;
  targets: TargetCheck[];
  headline: Headline;
  comparison: { previousFile: string; rows: ComparisonRow[] } | null;
}
