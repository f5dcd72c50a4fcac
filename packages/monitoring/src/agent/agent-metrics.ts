import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { HealthSnapshot } from '../collect/types.js';
import { identifierLabel } from '../metrics/labels.js';

/**
 * The agent's `/metrics`: gauges refreshed from the database every tick, so runs made by cron and
 * by every API instance are included. Ratios are 0–1 (the JSON snapshot uses percent); a value
 * that cannot be known (no traffic, no data) is absent rather than 0. Timestamps are Unix seconds.
 */
export interface AgentMetrics {
  registry: Registry;
  update(snapshot: HealthSnapshot): void;
}

export function createAgentMetrics(registry = new Registry()): AgentMetrics {
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
  const labelled = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Gauge<L>({ name, help, labelNames, registers });

  const g = {
    up: gauge('jobsearch_db_up', '1 when the monitor could open and query the database.'),
    schemaCurrent: gauge('jobsearch_db_schema_current', '1 when every migration is applied.'),
    size: gauge('jobsearch_db_size_bytes', 'Database size: SQLite file plus WAL, or pg_database_size.'),
    growth: gauge(
      'jobsearch_db_growth_bytes_per_day',
      'Database growth per day over up to the last 7 days of samples.',
    ),
    probe: labelled(
      'jobsearch_db_probe_p95_seconds',
      'p95 latency of the monitor probe queries (dedup_lookup, list_matches).',
      ['query'],
    ),
    connections: labelled(
      'jobsearch_db_connections',
      'PostgreSQL connections to this database, by state (total, active, idle).',
      ['state'],
    ),
    serverConnections: gauge(
      'jobsearch_db_server_connections_ratio',
      'PostgreSQL client connections / max_connections.',
    ),
    llmCalls: gauge('jobsearch_recent_llm_calls', 'LLM calls in the stats window (default 24 h), from llm_usage.'),
    llmFailed: gauge('jobsearch_recent_llm_failed_calls', 'Failed LLM calls in the stats window.'),
    llmSaved: gauge('jobsearch_recent_llm_calls_saved', 'LLM calls saved by deduplication in the stats window.'),
    llmCost: gauge('jobsearch_recent_llm_cost_usd', 'LLM cost in the stats window, US dollars.'),
    llmErrorRatio: gauge(
      'jobsearch_llm_error_ratio',
      'Failed / all LLM calls over the llmErrorRatio rule window (default 1 h).',
    ),
    alertDeliveries: labelled(
      'jobsearch_alert_deliveries',
      'Match alerts in the outbox by status (pending, sending, retrying, failed).',
      ['status'],
    ),
    alertDeliveriesFailedRecent: gauge(
      'jobsearch_alert_deliveries_failed_recent',
      'Match alerts given up in the alertDeliveries rule window (default 24 h).',
    ),
    alertOldestDueAge: gauge(
      'jobsearch_alert_oldest_due_age_seconds',
      'How long the oldest due, still unsent match alert has waited; 0 when none.',
    ),
    errors: labelled(
      'jobsearch_recent_errors',
      'Errors in the last hour by kind (app_events warnings/errors and failed LLM calls).',
      ['kind'],
    ),
    errorRatio: gauge('jobsearch_error_ratio', 'Errors / (LLM calls + results pages) in the last hour.'),
    duplicateRatio: gauge('jobsearch_duplicate_ratio', 'Duplicate postings / postings seen, runs of the stats window.'),
    lastRunDuplicateRatio: gauge(
      'jobsearch_last_run_duplicate_ratio',
      'Duplicate postings / postings seen in the latest finished run.',
    ),
    repeatReduction: gauge(
      'jobsearch_repeat_run_reduction_ratio',
      'On repeat runs of the stats window: LLM calls saved / calls the legacy pipeline would have made.',
    ),
    earlyExit: gauge(
      'jobsearch_early_exit_ratio',
      'Pages saved by the early exit / pages possible (max_pages), runs of the stats window.',
    ),
    callsSavedAll: gauge('jobsearch_ledger_llm_calls_saved', 'LLM calls saved by deduplication since the first run.'),
    costSavedAll: gauge('jobsearch_ledger_cost_saved_usd', 'Estimated LLM cost saved since the first run, US dollars.'),
    lastEvaluation: gauge(
      'jobsearch_last_successful_evaluation_timestamp_seconds',
      'When the pipeline last stored an evaluation.',
    ),
    lastBackup: gauge('jobsearch_last_backup_timestamp_seconds', 'Modification time of the newest backup file.'),
    diskFree: labelled(
      'jobsearch_disk_free_bytes',
      'Free bytes on the file system of the database, logs and backups paths.',
      ['role'],
    ),
    diskSize: labelled('jobsearch_disk_size_bytes', 'Size of the file system of each watched path.', ['role']),
    diskFreeRatio: labelled('jobsearch_disk_free_ratio', 'Free / total on the file system of each watched path.', [
      'role',
    ]),
    // A counter by name and type (the API exposes the same series); its value is the database's total.
    migrationRecords: new Counter<'outcome'>({
      name: 'jobsearch_migration_records_total',
      help: 'Legacy JSON records processed by jobsearch-migrate (every import in the database), by outcome.',
      labelNames: ['outcome'],
      registers,
    }),
    alert: labelled('jobsearch_alert_firing', '1 for each alert the monitor has firing.', ['alert', 'severity']),
    collectorErrors: gauge('jobsearch_monitor_collector_errors', 'Collectors that failed in the last tick.'),
    lastTick: gauge('jobsearch_monitor_last_tick_timestamp_seconds', 'When the monitor last collected.'),
  };

  const set = (target: Gauge, value: number | null | undefined) => {
    if (value === null || value === undefined || !Number.isFinite(value)) target.remove({});
    else target.set(value);
  };
  const ratio = (pct: number | null | undefined) => (pct === null || pct === undefined ? null : pct / 100);
  const seconds = (iso: string | null | undefined) => (iso ? Date.parse(iso) / 1000 : null);

  return {
    registry,
    update(s) {
      set(g.up, s.database.reachable ? 1 : 0);
      set(g.schemaCurrent, s.database.schemaCurrent === undefined ? null : Number(s.database.schemaCurrent));
      set(g.size, s.size?.bytes);
      set(g.growth, s.size?.growthBytesPerDay);
      g.probe.reset();
      if (s.probe) {
        g.probe.set({ query: 'dedup_lookup' }, s.probe.dedupLookupP95Ms / 1000);
        g.probe.set({ query: 'list_matches' }, s.probe.listQueryP95Ms / 1000);
      }
      g.connections.reset();
      if (s.connections) {
        g.connections.set({ state: 'total' }, s.connections.database);
        g.connections.set({ state: 'active' }, s.connections.active);
        g.connections.set({ state: 'idle' }, s.connections.idle);
      }
      set(g.serverConnections, s.connections ? s.connections.usedPercent / 100 : null);
      set(g.llmCalls, s.llm?.calls);
      set(g.llmFailed, s.llm?.failed);
      set(g.llmSaved, s.llm?.callsSaved);
      set(g.llmCost, s.llm?.costUsd);
      set(g.llmErrorRatio, ratio(s.llm?.errorPercent));
      g.errors.reset();
      for (const [kind, n] of Object.entries(s.errors?.byKind ?? {})) g.errors.inc({ kind: identifierLabel(kind) }, n);
      set(g.errorRatio, ratio(s.errors?.errorPercent));
      set(g.duplicateRatio, ratio(s.dedup?.duplicatePercent));
      set(g.lastRunDuplicateRatio, ratio(s.dedup?.lastRun?.duplicatePercent));
      set(g.repeatReduction, ratio(s.dedup?.repeatReductionPercent));
      set(g.earlyExit, ratio(s.dedup?.earlyExitPercent));
      set(g.callsSavedAll, s.savings?.callsSaved);
      set(g.costSavedAll, s.savings?.costSavedUsd);
      // Never evaluated / never backed up is 0 (1970), so `time() - x > …` rules fire as they should.
      set(g.lastEvaluation, s.evaluations ? (seconds(s.evaluations.lastSuccessAt) ?? 0) : null);
      set(g.lastBackup, s.backup ? (seconds(s.backup.latestAt) ?? 0) : null);
      g.alertDeliveries.reset();
      if (s.alertDeliveries) {
        const d = s.alertDeliveries;
        for (const status of ['pending', 'sending', 'retrying', 'failed'] as const)
          g.alertDeliveries.set({ status }, d[status]);
      }
      set(g.alertDeliveriesFailedRecent, s.alertDeliveries?.failedInWindow);
      set(g.alertOldestDueAge, s.alertDeliveries ? (s.alertDeliveries.oldestDueMinutes ?? 0) * 60 : null);
      g.diskFree.reset();
      g.diskSize.reset();
      g.diskFreeRatio.reset();
      for (const disk of s.disks) {
        g.diskFree.set({ role: disk.role }, disk.freeBytes);
        g.diskSize.set({ role: disk.role }, disk.totalBytes);
        g.diskFreeRatio.set({ role: disk.role }, disk.freePercent / 100);
      }
      if (s.migration) {
        g.migrationRecords.reset();
        for (const [outcome, n] of Object.entries(s.migration.records)) g.migrationRecords.inc({ outcome }, n);
      }
      g.alert.reset();
      for (const alert of s.alerts) g.alert.set({ alert: alert.key, severity: alert.severity }, 1);
      set(g.collectorErrors, s.collectorErrors.length);
      set(g.lastTick, seconds(s.at));
    },
  };
}
