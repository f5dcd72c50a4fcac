import type { HealthSnapshot } from '../collect/types.js';

const MB = 1024 * 1024;

/** The `--once` report for people; `--json` prints the snapshot itself. */
export function formatSnapshot(s: HealthSnapshot): string {
  const lines: string[] = [];
  const row = (label: string, text: string) => lines.push(`${label.padEnd(11)}${text}`);
  const pct = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : `${n.toFixed(1)} %`);
  const hours = (n: number | null | undefined) => (n === null || n === undefined ? 'never' : `${n.toFixed(1)} h ago`);

  lines.push(
    `JobSearchAI health at ${s.at}: ${s.status === 'ok' ? 'OK' : `${s.alerts.length} alert${s.alerts.length === 1 ? '' : 's'} firing`}`,
  );
  const schema =
    s.database.schemaCurrent === undefined
      ? ''
      : s.database.schemaCurrent
        ? ', schema current'
        : ', schema NOT current';
  row(
    'database',
    `${s.database.provider ?? '?'} ${s.database.location} (${s.database.reachable ? 'reachable' : `unreachable: ${s.database.error}`}${schema})`,
  );
  if (s.size) {
    const growth =
      s.size.growthBytesPerDay === null ? 'growth n/a yet' : `${(s.size.growthBytesPerDay / MB).toFixed(2)} MB/day`;
    row('size', `${(s.size.bytes / MB).toFixed(1)} MB (${growth})`);
  }
  if (s.probe)
    row(
      'queries',
      `dedup lookup p95 ${s.probe.dedupLookupP95Ms.toFixed(2)} ms, list query p95 ${s.probe.listQueryP95Ms.toFixed(2)} ms (${s.probe.repetitions} runs each)`,
    );
  if (s.connections)
    row(
      'postgres',
      `${s.connections.database} connections to this database (${s.connections.active} active), server ${s.connections.server}/${s.connections.max}`,
    );
  if (s.llm) {
    row(
      'llm',
      `${s.llm.windowHours} h: ${s.llm.calls} calls, ${s.llm.failed} failed, ${s.llm.callsSaved} saved, $${s.llm.costUsd.toFixed(2)} spent, $${s.llm.costSavedUsd.toFixed(2)} saved; error ratio ${pct(s.llm.errorPercent)} over ${s.llm.ratioWindowHours} h`,
    );
  }
  if (s.errors) {
    const kinds = Object.entries(s.errors.byKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    row(
      'errors',
      `last hour: ${s.errors.total}${kinds ? ` (${kinds})` : ''}; ${pct(s.errors.errorPercent)} of ${s.errors.operations} operations`,
    );
  }
  if (s.dedup) {
    row(
      'dedup',
      `${s.dedup.windowHours} h: ${s.dedup.runs} runs, duplicates ${pct(s.dedup.duplicatePercent)}, repeat-run reduction ${pct(s.dedup.repeatReductionPercent)}, early exit saved ${pct(s.dedup.earlyExitPercent)} of pages`,
    );
  }
  if (s.savings)
    row('savings', `since the first run: ${s.savings.callsSaved} LLM calls, $${s.savings.costSavedUsd.toFixed(2)}`);
  if (s.evaluations) row('evaluated', `last successful evaluation ${hours(s.evaluations.hoursSinceLastSuccess)}`);
  if (s.alertDeliveries) {
    const d = s.alertDeliveries;
    row(
      'alerts',
      `match alerts: ${d.sentInWindow} sent and ${d.failedInWindow} given up in ${d.windowHours} h; ${d.pending} pending, ${d.retrying} retrying, ${d.failed} failed in all`,
    );
  }
  if (s.migration && s.migration.imports > 0) {
    const r = s.migration.records;
    row(
      'migration',
      `${s.migration.imports} legacy imports: ${r.migrated} migrated, ${r.duplicate} duplicate, ${r.updated} updated, ${r.replaced} replaced, ${r.rejected} rejected`,
    );
  }
  if (s.backup)
    row(
      'backup',
      s.backup.latestFile
        ? `${s.backup.latestFile} ${hours(s.backup.hoursSinceLastBackup)}`
        : `none in ${s.backup.dir}`,
    );
  for (const disk of s.disks)
    row(
      'disk',
      `${disk.role}: ${disk.freePercent.toFixed(1)} % free (${(disk.freeBytes / MB / 1024).toFixed(1)} GB) at ${disk.path}`,
    );
  for (const error of s.collectorErrors) row('failed', `${error.collector}: ${error.message}`);
  for (const alert of s.alerts)
    lines.push(`ALERT [${alert.severity}] ${alert.key} since ${alert.since}: ${alert.message}`);
  return `${lines.join('\n')}\n`;
}
