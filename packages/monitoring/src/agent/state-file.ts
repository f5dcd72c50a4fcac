import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JobSearchError, errorMessage, type Logger } from '@jobsearchai/core';
import { z } from 'zod';
import type { AlertNotification, AlertState } from '../alerts/alert-tracker.js';
import type { SizeSample } from '../collect/size-growth.js';

/**
 * What the agent remembers between ticks and between processes (cron runs `--once`): size samples
 * for the growth rate, firing alerts (so they are not announced again every run) and webhook
 * messages still to deliver.
 */
export interface MonitorState {
  version: 1;
  /** The database these alerts and samples were seen on (`databaseIdentity`); absent in older files. */
  database?: string;
  sizeSamples: SizeSample[];
  alerts: Record<string, AlertState>;
  pending: AlertNotification[];
}

const Severity = z.enum(['warning', 'critical']);
const ZState = z.object({
  version: z.literal(1),
  database: z.string().optional(),
  sizeSamples: z.array(z.object({ at: z.string(), bytes: z.number() })),
  alerts: z.record(
    z.string(),
    z.object({
      key: z.string(),
      rule: z.string(),
      severity: Severity,
      message: z.string(),
      firingSince: z.string(),
      lastNotifiedAt: z.string(),
    }),
  ),
  pending: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['firing', 'repeat', 'resolved']),
      key: z.string(),
      rule: z.string(),
      severity: Severity,
      message: z.string(),
      firingSince: z.string(),
      at: z.string(),
      attempts: z.number(),
    }),
  ),
});

export function emptyState(database?: string): MonitorState {
  return { version: 1, ...(database ? { database } : {}), sizeSamples: [], alerts: {}, pending: [] };
}

/**
 * A missing file is a first run; an unreadable one is logged and replaced rather than fatal. A
 * file written for another database (a `--state-file` shared by two agents, a config pointed
 * elsewhere) is not used: its alerts and size samples say nothing about this one.
 */
export function loadState(path: string, logger: Logger, database?: string): MonitorState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      logger.warn({ path, error: errorMessage(error) }, 'cannot read the monitor state file; starting afresh');
    return emptyState(database);
  }
  let state: MonitorState;
  try {
    // Rule names in old files are checked when rules are evaluated; an unknown one simply resolves.
    state = ZState.parse(JSON.parse(text)) as MonitorState;
  } catch (error) {
    logger.warn({ path, error: errorMessage(error) }, 'the monitor state file is damaged; starting afresh');
    return emptyState(database);
  }
  if (database && state.database && state.database !== database) {
    logger.warn(
      { path, stateDatabase: state.database, database },
      'the monitor state file belongs to another database; starting afresh',
    );
    return emptyState(database);
  }
  return { ...state, ...(database ? { database } : {}) };
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export function saveState(path: string, state: MonitorState): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temp, path);
  } catch (cause) {
    throw new JobSearchError('IO_ERROR', `Cannot write the monitor state file ${path}: ${errorMessage(cause)}`, {
      cause,
    });
  }
}
