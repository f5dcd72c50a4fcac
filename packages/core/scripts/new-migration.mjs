// Usage: node scripts/new-migration.mjs <name>   (pnpm migration:new <name>)
// Edit prisma/models.prisma first, then run this: it writes
// prisma/{sqlite,postgresql}/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql, each the SQL
// that brings that provider's migrations to the schema. Read and adjust the SQL before you
// commit it (SQLite table rebuilds copy data; defaults declared with dbgenerated() are not
// rendered). PostgreSQL is reached at $MIGRATIONS_POSTGRES_URL (default: the local server),
// where a temporary shadow database is created and dropped.
// Exit codes: 0 written, 1 failure or nothing to migrate, 2 usage error.
import {
  assertMigrationName,
  DEFAULT_POSTGRES_URL,
  diffMigrationsAgainstSchema,
  PROVIDERS,
  writeMigration,
} from './schema-engine/index.mjs';

const USAGE = 'Usage: node scripts/new-migration.mjs <name>   (name: lower-case letters, digits, underscores)';

async function main() {
  const args = process.argv.slice(2);
  const name = args[0];
  if (args.length !== 1 || name === undefined || name.startsWith('-')) return usageError();
  try {
    assertMigrationName(name);
  } catch (error) {
    return usageError(/** @type {Error} */ (error).message);
  }

  const postgresUrl = process.env.MIGRATIONS_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  // Both diffs first: a failure on one provider must not leave a half-written pair.
  const diffs = [];
  for (const provider of PROVIDERS) {
    diffs.push({ provider, ...(await diffMigrationsAgainstSchema(provider, { postgresUrl })) });
  }
  if (diffs.every((diff) => !diff.drift)) {
    console.error('The migrations of every provider already match the schema: nothing to migrate.');
    return 1;
  }
  // One timestamp for both, so the two histories stay in the same order.
  const now = new Date();
  for (const { provider, drift, script } of diffs) {
    if (!drift) {
      console.log(`${provider}: already matches the schema, no migration written`);
      continue;
    }
    console.log(`${provider}: wrote ${await writeMigration(provider, name, script, { now })}/migration.sql`);
  }
  return 0;
}

/** @param {string} [problem] */
function usageError(problem) {
  if (problem) console.error(problem);
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
