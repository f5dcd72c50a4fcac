/**
 * The database this process last opened for writing, as a full URL (in memory only, never
 * printed): where the CLI runner records a command's failure for `jobsearch-monitor`, after the
 * command has closed its own store. Deliberately free of imports, so `/cli` stays light.
 */
let lastOpened: string | null = null;

export function noteDatabaseInUse(url: string): void {
  lastOpened = url;
}

export function databaseInUse(): string | null {
  return lastOpened;
}
