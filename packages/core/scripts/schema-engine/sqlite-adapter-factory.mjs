// SQLite connections for the schema engine. Both the main and the shadow database live in
// memory: the engine only needs them to replay migrations and describe the result.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { createConnectionTracker } from './connection-tracker.mjs';

/** @typedef {import('@prisma/driver-adapter-utils').SqlDriverAdapter} SqlDriverAdapter */
/** @typedef {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory} SqlMigrationAwareDriverAdapterFactory */

/**
 * @returns {{ factory: SqlMigrationAwareDriverAdapterFactory, disposeAll: () => Promise<void> }}
 */
export function createSqliteAdapterFactory() {
  const inner = new PrismaBetterSqlite3({ url: ':memory:' });
  const tracker = createConnectionTracker();
  /** @type {SqlMigrationAwareDriverAdapterFactory} */
  const factory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => tracker.track(adapt(await inner.connect())),
    connectToShadowDb: async () => tracker.track(adapt(await inner.connectToShadowDb())),
  };
  return { factory, disposeAll: tracker.disposeAll };
}

/** @param {SqlDriverAdapter} adapter */
function adapt(adapter) {
  return singleQuotePartialIndexLookup(acceptMultiStatementScripts(adapter));
}

/**
 * The engine reads a partial index's predicate with `name = "<index>"`, relying on SQLite's
 * fallback from an unknown double-quoted identifier to a string, which better-sqlite3 builds
 * without (SQLITE_DQS=0): the name is sent as the string literal it was meant to be.
 * @param {SqlDriverAdapter} adapter
 * @returns {SqlDriverAdapter}
 */
function singleQuotePartialIndexLookup(adapter) {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const lookup = /^(SELECT sql FROM sqlite_master WHERE type = 'index' AND name = )"([^"']+)";?$/;
  adapter.queryRaw = (query) => queryRaw({ ...query, sql: query.sql.replace(lookup, "$1'$2'") });
  return adapter;
}

/**
 * The engine replays each migration.sql into the shadow database as one parameterless
 * executeRaw, but better-sqlite3 prepares a single statement only; such a call goes to
 * executeScript, which runs the whole script.
 * @param {SqlDriverAdapter} adapter
 * @returns {SqlDriverAdapter}
 */
function acceptMultiStatementScripts(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isMultiStatementError(error)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/** @param {unknown} error */
function isMultiStatementError(error) {
  return error instanceof Error && /more than one statement/.test(error.message);
}
