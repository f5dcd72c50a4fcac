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
