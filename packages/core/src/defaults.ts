/**
 * Defaults that CLIs show in `--help`. They live apart from the modules that use them so that
 * printing help loads nothing heavy.
 */
export const DEFAULT_BACKUP_DIR = 'backups';
export const DEFAULT_BACKUP_KEEP = 10;
/** Records compared field by field by `validate`. */
export const DEFAULT_VALIDATION_SAMPLE = 10;
/** The legacy installation's folder of `job_matches_*.json` files. */
export const DEFAULT_LEGACY_DIR = 'job_matches';
/**
 * Minutes after which a run still marked running, with no heartbeat (each page) since, is taken for
 * one left by a crashed process: it no longer blocks a new start of its search, nor a restore.
 */
export const DEFAULT_RUN_STALE_MINUTES = 180;
