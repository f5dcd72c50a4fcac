// Development tooling around Prisma's schema engine (wasm build): the drift check between the
// Prisma schema and the migrations folders, and the authoring of new migrations.
// Databases are migrated at runtime by src/db, which applies the SQL files without this engine.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { createPostgresAdapterFactory } from './postgres-adapter-factory.mjs';
import { assertProvider, migrationsDir, PRISMA_DIR, readMigrationsList, readSchemaFiles } from './prisma-files.mjs';
import { createSqliteAdapterFactory } from './sqlite-adapter-factory.mjs';
import { loadSchemaEngine } from './wasm-engine.mjs';

export { PROVIDERS } from './prisma-files.mjs';

/** @typedef {import('./prisma-files.mjs').Provider} Provider */
/** @typedef {import('@prisma/schema-engine-wasm').SchemaEngine} SchemaEngine */
/** @typedef {import('@prisma/schema-engine-wasm').SchemaContainer} SchemaFile */

/**
 * @typedef {object} EngineOptions
 * @property {string} [postgresUrl] a PostgreSQL server where temporary shadow databases may be
 *   created and dropped; its own database is left untouched. Defaults to DEFAULT_POSTGRES_URL.
 * @property {string} [prismaDir] the folder holding the provider folders; defaults to the
 *   repository's prisma/
 */

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * The SQL that would bring a database built by the provider's migrations to the Prisma schema.
 * @param {Provider} provider
 * @param {EngineOptions} [options]
 * @returns {Promise<{ drift: boolean, script: string }>}
 */
export async function diffMigrationsAgainstSchema(provider, options = {}) {
  assertProvider(provider);
  const prismaDir = options.prismaDir ?? PRISMA_DIR;
  const files = await readSchemaFiles(prismaDir, provider);
  const migrations = await readMigrationsList(prismaDir, provider);
  return withSchemaEngine(provider, files, options, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    // With exitCode requested the engine answers 2 for a non-empty diff and 0 for none.
    return { drift: result.exitCode === 2, script: result.stdout ?? '' };
  });
}

/**
 * Writes `<YYYYMMDDHHMMSS>_<name>/migration.sql` into the provider's migrations folder with
 * the SQL the schema needs. The engine's own createMigration cannot be used: on SQLite it
 * never gets a shadow database from the adapter.
 * @param {Provider} provider
 * @param {string} name lower-case letters, digits and underscores
 * @param {EngineOptions & { now?: Date }} [options]
 * @returns {Promise<string>} the new migration's directory
 */
export async function createMigration(provider, name, options = {}) {
  assertMigrationName(name);
  const { drift, script } = await diffMigrationsAgainstSchema(provider, options);
  if (!drift) throw new Error(`The ${provider} migrations already match the schema: there is nothing to migrate`);
  return writeMigration(provider, name, script, options);
}

/**
 * @param {Provider} provider
 * @param {string} name
 * @param {string} script
 * @param {{ prismaDir?: string, now?: Date }} [options]
 * @returns {Promise<string>} the new migration's directory
 */
export async function writeMigration(provider, name, script, options = {}) {
  assertProvider(provider);
  assertMigrationName(name);
  const baseDir = migrationsDir(options.prismaDir ?? PRISMA_DIR, provider);
  if (!existsSync(join(baseDir, 'migration_lock.toml'))) {
    throw new Error(`${baseDir} has no migration_lock.toml: it is not a Prisma migrations folder`);
  }
  const dir = join(baseDir, `${migrationTimestamp(options.now ?? new Date())}_${name}`);
  // Not recursive, so an existing migration is never overwritten.
  await mkdir(dir);
  await writeFile(join(dir, 'migration.sql'), script.endsWith('\n') ? script : `${script}\n`);
  return dir;
}

/** @param {string} name */
export function assertMigrationName(name) {
  if (!/^[a-z0-9][a-z0-9_]*$/.test(name)) {
    throw new Error(`Invalid migration name "${name}": use lower-case letters, digits and underscores`);
  }
}

/** @param {Date} date */
function migrationTimestamp(date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Runs `work` with an engine on the provider's adapter, then frees the engine and closes every
 * connection it opened, whether `work` succeeded or not.
 * @template T
 * @param {Provider} provider
 * @param {SchemaFile[]} files
 * @param {EngineOptions} options
 * @param {(engine: SchemaEngine) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withSchemaEngine(provider, files, options, work) {
  const SchemaEngine = await loadSchemaEngine();
  const { factory, disposeAll } =
    provider === 'sqlite'
      ? createSqliteAdapterFactory()
      : createPostgresAdapterFactory(options.postgresUrl ?? DEFAULT_POSTGRES_URL);
  /** @type {string[]} */
  const log = [];
  /** @type {SchemaEngine | undefined} */
  let engine;
  try {
    engine = await SchemaEngine.new(
      { datamodels: files.map((file) => [file.path, file.content]) },
      (/** @type {string} */ line) => log.push(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await work(engine);
  } catch (error) {
    throw withEngineLog(error, log);
  } finally {
    engine?.free();
    await disposeAll();
  }
}

/**
 * Engine failures arrive as terse messages, sometimes as plain objects; the tail of the
 * engine's log says what it was doing.
 * @param {unknown} error
 * @param {string[]} log
 */
function withEngineLog(error, log) {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  const detail = log.length > 0 ? `\nSchema engine log (last lines):\n${log.slice(-20).join('\n')}` : '';
  return new Error(`${message}${detail}`, { cause: error });
}
