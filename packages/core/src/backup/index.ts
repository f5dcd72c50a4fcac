export {
  backupDatabase,
  DEFAULT_BACKUP_DIR,
  DEFAULT_BACKUP_KEEP,
  type BackupOptions,
  type BackupResult,
} from './backup-database.js';
export {
  backupFileName,
  backupStamp,
  latestBackup,
  listBackups,
  BACKUP_PREFIX,
  type BackupExtension,
  type BackupFile,
} from './backup-files.js';
export { findExecutable } from './find-executable.js';
export { restoreDatabase } from './restore-database.js';
export { looksLikeJobSearchDatabase, type RestoreOptions, type RestoreResult } from './restore-types.js';
