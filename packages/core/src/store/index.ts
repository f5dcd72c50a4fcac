// `@jobsearchai/core/store`: the database, the same on SQLite and PostgreSQL.
export type { MigrateResult, SchemaStatus } from '../db/migrate.js';
export { statementOperation, type QueryObservation, type QueryObserver } from '../db/query-observers.js';
export { BASELINE_MIGRATION, loadMigrations, migrationsDirectory, type MigrationFile } from '../db/migration-files.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './match-list.js';
export { DEFAULT_MATCHED_LIMIT, MAX_MATCHED_LIMIT } from './applications-read.js';
export { MAX_NOTES_LENGTH } from './applications-write.js';
export { isCompletedImport, type MigrationRecordTotals } from './legacy-imports.js';
export { failureEvent } from './failure-events.js';
export type { DatabaseSummary } from './database-summary.js';
export type { ImportJournalSnapshot } from './import-journal.js';
export type { UndoImportResult, UndoRefusalReason, UndoRowReport } from './import-undo.js';
export { type OpenStoreOptions, openStore } from './open-store.js';
export { matchKey } from './match-columns.js';
export { alreadyRunning } from './runs.js';
export { Store } from './store.js';
export type * from './types.js';
export type * from './application-types.js';
