import type { Provider } from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';
import type { MonitoringConfig } from '../config/monitoring-config.js';

/** What every collector gets: the database, the moment of this tick and the configuration. */
export interface CollectContext {
  store: Store;
  now: Date;
  config: MonitoringConfig;
}

export interface DatabaseSection {
  provider: Provider | null;
  /** File path or URL without password. */
  location: string;
  reachable: boolean;
  error?: string;
  schemaCurrent?: boolean;
}

export interface SizeSection {
  bytes: number;
  /** SQLite: the main file and its -wal file; PostgreSQL: pg_database_size. */
  fileBytes: number;
  walBytes: number;
  /** From the samples kept in the state file; null until an hour of samples exists. */
  growthBytesPerDay: number | null;
}

export interface ProbeSection {
  repetitions: number;
  /** The page-level batch dedup check (10 URLs). */
  dedupLookupP95Ms: number;
  /** The dashboard's list query (50 rows, best first). */
  listQueryP95Ms: number;
}

export interface ConnectionsSection {
  /** Connections to this database, by state. */
  database: number;
  active: number;
  idle: number;
  /** Client connections to the whole server against max_connections. */
  server: number;
  max: number;
  usedPercent: number;
}

export interface LlmSection {
  windowHours: number;
  calls: number;
  failed: number;
  callsSaved: number;
  costUsd: number;
  costSavedUsd: number;
  /** Over the LLM error-ratio rule's own (shorter) window. */
  ratioWindowHours: number;
  ratioCalls: number;
  ratioFailed: number;
  errorPercent: number | null;
}

export interface ErrorsSection {
  windowHours: 1;
  total: number;
  byKind: Record<string, number>;
  /** LLM calls and results pages in the same hour: the denominator of the error rate. */
  operations: number;
  errorPercent: number | null;
}

export interface DedupSection {
  windowHours: number;
  runs: number;
  postingsSeen: number;
  postingsDuplicate: number;
  duplicatePercent: number | null;
  lastRun: { id: number; startedAt: string; duplicatePercent: number | null; stopReason: string | null } | null;
  repeatRuns: number;
  repeatRunPostings: number;
  /** On repeat runs: LLM calls saved / calls the legacy pipeline would have made. */
  repeatReductionPercent: number | null;
  pagesSaved: number;
  pagesPossible: number;
  /** Pages saved by the early exit / pages the legacy pipeline would have fetched. */
  earlyExitPercent: number | null;
}

export interface SavingsSection {
  callsSaved: number;
  costSavedUsd: number;
  llmCalls: number;
  costUsd: number;
}

export interface EvaluationsSection {
  lastSuccessAt: string | null;
  hoursSinceLastSuccess: number | null;
  /** Window of the no-evaluation rule. */
  windowHours: number;
  runsInWindow: number;
  /** Runs in the window that had postings to evaluate or did not complete: work that should produce evaluations. */
  runsExpectingEvaluations: number;
}

/** Match alerts in the outbox (alert_deliveries), over every API instance. */
export interface AlertDeliveriesSection {
  /** Never tried yet (digests waiting for their time included). */
  pending: number;
  sending: number;
  /** Failed at least once, waiting for the next attempt. */
  retrying: number;
  /** Given up, ever. */
  failed: number;
  failedInWindow: number;
  sentInWindow: number;
  /** Window of the alertDeliveries rule's failure count. */
  windowHours: number;
  /** When the oldest delivery still unsent became due; null when none is overdue. */
  oldestDueAt: string | null;
  oldestDueMinutes: number | null;
}

export interface BackupSection {
  dir: string;
  latestFile: string | null;
  latestAt: string | null;
  hoursSinceLastBackup: number | null;
  /**
   * Hours since the database got its schema (first migration): a database younger than the
   * backup limit is not yet expected to have a backup. null when the database could not be read.
   */
  databaseAgeHours: number | null;
}

export type DiskRole = 'database' | 'logs' | 'backups';

/** Legacy JSON records imported by `jobsearch-migrate`, over every import in the database. */
export interface MigrationSection {
  imports: number;
  records: { migrated: number; duplicate: number; updated: number; replaced: number; rejected: number };
}

export interface DiskSection {
  role: DiskRole;
  path: string;
  freeBytes: number;
  totalBytes: number;
  freePercent: number;
}

export interface CollectorError {
  collector: string;
  message: string;
}

export interface FiringAlertView {
  key: string;
  rule: string;
  severity: 'warning' | 'critical';
  message: string;
  since: string;
}

/** The JSON health snapshot: what `--once --json` prints and `/health` serves. */
export interface HealthSnapshot {
  at: string;
  status: 'ok' | 'alerting';
  database: DatabaseSection;
  size: SizeSection | null;
  probe: ProbeSection | null;
  /** null on SQLite (no pool to watch). */
  connections: ConnectionsSection | null;
  llm: LlmSection | null;
  errors: ErrorsSection | null;
  dedup: DedupSection | null;
  savings: SavingsSection | null;
  evaluations: EvaluationsSection | null;
  alertDeliveries: AlertDeliveriesSection | null;
  backup: BackupSection | null;
  migration: MigrationSection | null;
  /** The configured LLM model's lifecycle; null with the offline matcher (no OPENAI_API_KEY). */
  model: ModelSection | null;
  disks: DiskSection[];
  collectorErrors: CollectorError[];
  alerts: FiringAlertView[];
}

export interface ModelSection {
  id: string;
  /** `unknown`: not in the model table (unpriced, no shutdown known). */
  state: 'current' | 'retiring' | 'retired' | 'unknown';
  shutdown: string | null;
  daysLeft: number | null;
  replacement: string | null;
}
