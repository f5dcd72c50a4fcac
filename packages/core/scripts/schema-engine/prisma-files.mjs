// Reads the inputs the engine works on, a provider's schema files and its migrations folder,
// in the shapes the engine's API expects.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROVIDERS = /** @type {const} */ (['sqlite', 'postgresql']);

/** @typedef {typeof PROVIDERS[number]} Provider */
/** @typedef {import('@prisma/schema-engine-wasm').SchemaContainer} SchemaFile */
/** @typedef {import('@prisma/schema-engine-wasm').MigrationList} MigrationList */

/** The repository's prisma/ folder, which holds one schema folder per provider. */
export const PRISMA_DIR = fileURLToPath(new URL('../../../../prisma/', import.meta.url));

/** @param {string} provider */
export function assertProvider(provider) {
  if (!PROVIDERS.includes(/** @type {Provider} */ (provider))) {
    throw new Error(`Unknown provider "${provider}": expected one of ${PROVIDERS.join(', ')}`);
  }
}

/**
 * @param {string} prismaDir
 * @param {Provider} provider
 */
export function migrationsDir(prismaDir, provider) {
  return join(prismaDir, provider, 'migrations');
}

/**
 * The .prisma files of a provider's schema folder; the shared models file is read through
 * its symlink, as `prisma generate` does.
 * @param {string} prismaDir
 * @param {Provider} provider
 * @returns {Promise<SchemaFile[]>}
 */
export async function readSchemaFiles(prismaDir, provider) {
  const dir = join(prismaDir, provider);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.prisma')).sort();
  return Promise.all(
    names.map(async (name) => ({ path: join(dir, name), content: await readFile(join(dir, name), 'utf8') })),
  );
}

/**
 * @param {string} prismaDir
 * @param {Provider} provider
 * @returns {Promise<MigrationList>}
 */
export async function readMigrationsList(prismaDir, provider) {
  const baseDir = migrationsDir(prismaDir, provider);
  const lockfilePath = join(baseDir, 'migration_lock.toml');
  const entries = await readdir(baseDir, { withFileTypes: true });
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return {
    baseDir,
    lockfile: {
      path: lockfilePath,
      content: existsSync(lockfilePath) ? await readFile(lockfilePath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (path) => ({
        path,
        migrationFile: {
          path: 'migration.sql',
          // A folder without migration.sql is reported by the engine, which names the folder.
          content: await readFile(join(baseDir, path, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: /** @type {const} */ ('ok'), value }),
            (/** @type {Error} */ error) => ({ tag: /** @type {const} */ ('error'), value: error.message }),
          ),
        },
      })),
    ),
  };
}
