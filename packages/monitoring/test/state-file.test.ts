import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertState } from '../src/alerts/alert-tracker.js';
import { emptyState, loadState, saveState } from '../src/agent/state-file.js';
import { memoryLogger } from './helpers/memory-logger.js';
import { tempDirs } from './helpers/temp-dir.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const firing: AlertState = {
  key: 'backupAge',
  rule: 'backupAge',
  severity: 'warning',
  message: 'No backup found',
  firingSince: '2026-03-10T00:00:00.000Z',
  lastNotifiedAt: '2026-03-10T00:00:00.000Z',
};

describe('the monitor state file', () => {
  it('is used for its own database and for files without a database (older releases)', () => {
    const path = join(dirs.make(), 'state.json');
    const log = memoryLogger();
    saveState(path, { ...emptyState('sqlite:/srv/a.db'), alerts: { backupAge: firing } });
    expect(loadState(path, log.logger, 'sqlite:/srv/a.db').alerts).toEqual({ backupAge: firing });
    saveState(path, { version: 1, sizeSamples: [], alerts: { backupAge: firing }, pending: [] });
    expect(loadState(path, log.logger, 'sqlite:/srv/a.db')).toMatchObject({
      database: 'sqlite:/srv/a.db',
      alerts: { backupAge: firing },
    });
    expect(log.messages()).toEqual([]);
  });

  it('starts afresh, saying so, when the file was written for another database', () => {
    const path = join(dirs.make(), 'state.json');
    const log = memoryLogger();
    saveState(path, { ...emptyState('sqlite:/srv/a.db'), alerts: { backupAge: firing } });
    expect(loadState(path, log.logger, 'postgresql://db.example:5432/jobs')).toEqual(
      emptyState('postgresql://db.example:5432/jobs'),
    );
    expect(log.messages()).toEqual(['the monitor state file belongs to another database; starting afresh']);
  });
});
