import { dirname } from 'node:path';
import { errorMessage, type Logger } from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';
import type { MonitoringConfig } from '../config/monitoring-config.js';
import { collectAlertDeliveries } from './alert-deliveries.js';
import { collectBackup } from './backups.js';
import { modelLifecycle } from '@jobsearchai/core';
import { collectConnections } from './connections.js';
import { collectDatabaseSize } from './database-size.js';
import { collectDedup, collectSavings } from './dedup-effectiveness.js';
import { collectDiskSpace, type DiskTarget } from './disk-space.js';
import { collectErrorCounts } from './error-counts.js';
import { collectEvaluations } from './evaluations.js';
import { collectLlmUsage } from './llm-usage.js';
import { collectMigration } from './migration-records.js';
import { collectQueryProbe } from './query-probe.js';
import { addSizeSample, growthPerDay, type SizeSample } from './size-growth.js';
import type { CollectContext, CollectorError, DatabaseSection, HealthSnapshot, ModelSection } from './types.js';

export type CollectedSnapshot = Omit<HealthSnapshot, 'alerts' | 'status'>;

export interface CollectInput {
  /** null when the database could not be opened (`database` says why). */
  store: Store | null;
  database: DatabaseSection;
  now: Date;
  config: MonitoringConfig;
  sizeSamples: readonly SizeSample[];
  logDir: string | undefined;
  /** The LLM model searches use; null with the offline matcher. */
  model: string | null;
  logger: Logger;
}

export interface CollectOutput {
  snapshot: CollectedSnapshot;
  sizeSamples: SizeSample[];
}

/** Which file systems to watch: the SQLite file's, the log directory's and the backup folder's. */
export function diskTargets(
  database: DatabaseSection,
  config: MonitoringConfig,
  logDir: string | undefined,
): DiskTarget[] {
  const targets: DiskTarget[] = [];
  if (database.provider === 'sqlite') targets.push({ role: 'database', path: dirname(database.location) });
  if (logDir) targets.push({ role: 'logs', path: logDir });
  targets.push({ role: 'backups', path: config.backupDir });
  return targets;
}

/**
 * Runs every collector once. Each one fails alone: its section is null, the failure is listed in
 * `collectorErrors` (and fires the `collection` alert), and the others still report.
 */
export async function collectSnapshot(input: CollectInput): Promise<CollectOutput> {
  const { store, now, config, logger } = input;
  const collectorErrors: CollectorError[] = [];
  const attempt = async <T>(collector: string, fn: () => Promise<T> | T): Promise<T | null> => {
    try {
      return await fn();
    } catch (error) {
      const message = errorMessage(error);
      collectorErrors.push({ collector, message });
      logger.warn({ collector, error: message }, 'collector failed');
      return null;
    }
  };

  const database = { ...input.database };
  let sizeSamples = [...input.sizeSamples];
  const snapshot: CollectedSnapshot = {
    at: now.toISOString(),
    database,
    size: null,
    probe: null,
    connections: null,
    llm: null,
    errors: null,
    dedup: null,
    savings: null,
    evaluations: null,
    alertDeliveries: null,
    backup: null,
    migration: null,
    model: input.model === null ? null : modelSection(input.model, now, config.rules.modelShutdown.withinDays),
    disks: [],
    collectorErrors,
  };

  let databaseCreatedAt: string | null = null;
  if (store) {
    const ctx: CollectContext = { store, now, config };
    const status = await attempt('schema', () => store.schemaStatus());
    if (status) {
      database.schemaCurrent = status.current;
      databaseCreatedAt = status.createdAt;
    }
    const size = await attempt('size', () => collectDatabaseSize(ctx));
    if (size) {
      const bytes = size.fileBytes + size.walBytes;
      const sample = { at: snapshot.at, bytes };
      snapshot.size = {
        bytes,
        fileBytes: size.fileBytes,
        walBytes: size.walBytes,
        growthBytesPerDay: growthPerDay(sizeSamples, sample),
      };
      sizeSamples = addSizeSample(sizeSamples, sample);
    }
    // Sequential on purpose: the latency probe should not compete with the other queries.
    snapshot.probe = await attempt('probe', () => collectQueryProbe(ctx));
    snapshot.connections = await attempt('connections', () => collectConnections(ctx));
    snapshot.llm = await attempt('llm', () => collectLlmUsage(ctx));
    snapshot.errors = await attempt('errors', () => collectErrorCounts(ctx));
    snapshot.dedup = await attempt('dedup', () => collectDedup(ctx));
    snapshot.savings = await attempt('savings', () => collectSavings(ctx));
    snapshot.evaluations = await attempt('evaluations', () => collectEvaluations(ctx));
    snapshot.migration = await attempt('migration', () => collectMigration(ctx));
    snapshot.alertDeliveries = await attempt('alertDeliveries', () => collectAlertDeliveries(ctx));
  }
  snapshot.backup = await attempt('backup', () => collectBackup({ now, config }, databaseCreatedAt));
  snapshot.disks = (await attempt('disk', () => collectDiskSpace(diskTargets(database, config, input.logDir)))) ?? [];
  return { snapshot, sizeSamples };
}

function modelSection(model: string, now: Date, warningDays: number): ModelSection {
  const lifecycle = modelLifecycle(model, now, { warningDays });
  if (!('shutdown' in lifecycle)) {
    return { id: model, state: lifecycle.state, shutdown: null, daysLeft: null, replacement: null };
  }
  return {
    id: model,
    state: lifecycle.state,
    shutdown: lifecycle.shutdown,
    daysLeft: lifecycle.daysLeft,
    replacement: lifecycle.replacement ?? null,
  };
}
