import type { CollectContext, MigrationSection } from './types.js';

/** What `jobsearch-migrate` imported, as recorded in `legacy_imports` by every CLI run. */
export async function collectMigration({ store }: CollectContext): Promise<MigrationSection> {
  const { imports, ...records } = await store.migrationRecordTotals();
  return { imports, records };
}
