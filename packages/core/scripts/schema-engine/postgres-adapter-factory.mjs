// PostgreSQL connections for the schema engine. adapter-pg's own shadow database is unusable
// here: it drops the database while its pool is still connected, and a connectionString
// config makes the shadow pool reach the main database instead. So the adapter is built from
// discrete connection fields and the shadow database is a temporary one made and dropped here.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { createConnectionTracker } from './connection-tracker.mjs';

/** @typedef {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory} SqlMigrationAwareDriverAdapterFactory */

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * The schema describer reads pg_catalog columns of type "char" (oid 18), which adapter-pg
 * refuses as an unsupported type. Their values arrive as text anyway, so results of these
 * migration-only connections report them as text.
 */
class CharAsTextClient extends pg.Client {
  /**
   * Both calling styles occur: adapter-pg awaits the promise, pg's Pool passes a callback.
   * @override
   * @param {any} config
   * @param {any} [values]
   * @param {any} [callback]
   * @returns {any}
   */
  query(config, values, callback) {
    if (typeof values === 'function') return this.query(config, undefined, values);
    if (typeof callback === 'function') {
      return super.query(config, values, (/** @type {Error | null} */ error, /** @type {any} */ result) =>
        callback(error, error ? result : relabelCharColumns(result)),
      );
    }
    return /** @type {Promise<any>} */ (super.query(config, values)).then(relabelCharColumns);
  }
}

/** @param {any} result a pg result, or an array of them for a multi-statement query */
function relabelCharColumns(result) {
  for (const single of Array.isArray(result) ? result : [result]) {
    for (const field of single?.fields ?? []) {
      if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

/**
 * @param {string} url a PostgreSQL URL whose server may create databases; the engine connects
 *   to its database but changes nothing there
 * @returns {{ factory: SqlMigrationAwareDriverAdapterFactory, disposeAll: () => Promise<void> }}
 */
export function createPostgresAdapterFactory(url) {
  const config = connectionConfig(url);
  const main = new PrismaPg(config);
  const tracker = createConnectionTracker();

  /** @type {SqlMigrationAwareDriverAdapterFactory} */
  const factory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => tracker.track(await main.connect()),
    connectToShadowDb: async () => {
      const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      const dropShadow = () => runMaintenance(config, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await runMaintenance(config, `CREATE DATABASE "${database}"`);
      try {
        return tracker.track(await new PrismaPg({ ...config, database }).connect(), dropShadow);
      } catch (error) {
        await dropShadow();
        throw error;
      }
    },
  };
  return { factory, disposeAll: tracker.disposeAll };
}

/**
 * @param {string} url
 * @returns {pg.PoolConfig}
 */
function connectionConfig(url) {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    Client: CharAsTextClient,
  };
}

/**
 * CREATE and DROP DATABASE cannot run in a transaction, nor inside the database they affect:
 * they go through a short-lived client of the main database.
 * @param {pg.PoolConfig} config
 * @param {string} sql
 */
async function runMaintenance(config, sql) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
