import { noteDatabaseInUse } from '../cli/database-in-use.js';
import { redactUrl, resolveDatabaseUrl } from '../db/database-url.js';
import { JobSearchError } from '../errors.js';
import { Store } from './store.js';

export interface OpenStoreOptions {
  /** `file:…` / a path (SQLite) or `postgresql://…`; default: DATABASE_URL's value as passed by config, else instance/jobsearchai.db. */
  url?: string;
  /** Base for a relative SQLite path. */
  cwd?: string;
  /** Create a missing SQLite file (default true). Read-only tools pass false. */
  create?: boolean;
  /** With `create`: create the SQLite file's missing folder too (default true); false refuses it (a typo in the path). */
  createFolder?: boolean;
  /**
   * Only read (SQLite): the file is opened read-only, so a file this user cannot write still
   * works. Without it, a file or folder this user cannot write is refused at once (DB_UNAVAILABLE).
   */
  readonly?: boolean;
  /** Apply pending migrations (and adopt a legacy database) before returning. */
  migrate?: boolean;
  /** Refuse a database whose schema is not current (default false: callers decide). */
  requireCurrentSchema?: boolean;
  busyTimeoutMs?: number;
  poolSize?: number;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const location = resolveDatabaseUrl(options.url, options.cwd);
  let store: Store;
  if (location.provider === 'sqlite') {
    // Each provider's driver loads only when used: a SQLite installation never loads pg, and back.
    const { openSqlite } = await import('../db/open-sqlite.js');
    const connection = await openSqlite(location.path, {
      create: options.readonly ? false : (options.create ?? true),
      createFolder: options.createFolder,
      readonly: options.readonly,
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    });
    store = new Store(connection.driver, { provider: 'sqlite', location: location.path }, connection.close);
  } else {
    const { openPostgres } = await import('../db/open-postgres.js');
    const connection = await openPostgres(location.url, {
      poolSize: options.poolSize ?? 10,
      lockTimeoutMs: options.busyTimeoutMs ?? 5000,
    });
    store = new Store(
      connection.driver,
      { provider: 'postgresql', location: redactUrl(location.url) },
      connection.close,
    );
  }
  // Where the CLI runner records a failure of this process (readers leave no trace there).
  if (!options.readonly) noteDatabaseInUse(location.provider === 'sqlite' ? `file:${location.path}` : location.url);
  try {
    if (options.migrate) await store.migrate();
    if (options.requireCurrentSchema) {
      const status = await store.schemaStatus();
      if (!status.current) {
        throw new JobSearchError(
          'DB_SCHEMA',
          `The database schema is not current (pending: ${status.pending.join(', ') || 'none'}). Run \`jobsearch-migrate init\` first.`,
          { details: { ...status } },
        );
      }
    }
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
