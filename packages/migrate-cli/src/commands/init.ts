import { resolve } from 'node:path';
import { DEFAULT_SQLITE_PATH, type Provider } from '@jobsearchai/core';
import { openStore } from '@jobsearchai/core/store';
import { backupBeforeWriting } from '../backup-first.js';
import { databaseTarget, type CommonOptions } from '../config.js';

export interface InitOptions extends CommonOptions {
  /** false skips the backup taken before an existing database's schema changes. */
  backup?: boolean;
  backupDir?: string;
}

export interface InitResult {
  ok: true;
  provider: Provider;
  database: string;
  /** The database had no tables before. */
  created: boolean;
  /** A database of the legacy installation, adopted in place (baseline marked applied). */
  adopted: boolean;
  applied: string[];
  latest: string | null;
  backup: string | null;
}

/**
 * Creates the schema, upgrades it, or adopts a legacy database in place; idempotent. An existing
 * database is backed up (verified) before its schema changes.
 */
export async function init(options: InitOptions): Promise<InitResult> {
  const target = databaseTarget(options);
  // Only the default location's folder is made: a missing folder in a path someone typed is more likely a typo.
  const isDefault =
    target.location.provider === 'sqlite' && target.location.path === resolve(options.cwd, DEFAULT_SQLITE_PATH);
  const store = await openStore({ url: target.url, cwd: options.cwd, create: true, createFolder: isDefault });
  try {
    const before = await store.schemaStatus();
    const backup =
      !before.empty && !before.current && options.backup !== false
        ? (await backupBeforeWriting(target, { cwd: options.cwd, backupDir: options.backupDir, store })).path
        : null;
    const result = await store.migrate();
    return {
      ok: true,
      provider: target.location.provider,
      database: target.display,
      created: before.empty,
      adopted: result.adopted,
      applied: result.applied,
      latest: result.status.latest,
      backup,
    };
  } finally {
    await store.close();
  }
}
