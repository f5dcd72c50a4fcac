import type { DedupResult } from './dedup/dedup-types.js';
import type { MigrateBenchResult } from './migrate/migrate-types.js';
import type { QueryResult } from './query/query-types.js';
import type { BenchResults } from './report/results-types.js';
import { formatUs, rowsLabel } from './report/targets.js';
import type { SoakResult } from './soak/soak-types.js';

/** Short human summaries for the terminal; --json prints the whole result instead. */
export function dedupSummary(r: DedupResult): string {
  return r.scenarios
    .map((s) => {
      const b = s.baseline.run2;
      const p = s.pipeline.run2;
      const cached = p.tokens.prompt === 0 ? 0 : Math.round((p.tokens.cached / p.tokens.prompt) * 100);
      return (
        `${s.name.padEnd(13)} calls ${b.llmCalls} → ${p.llmCalls} (−${s.reductions.llmCalls} %), pages ${b.pages} → ${p.pages} (−${s.reductions.pages} %), ` +
        `cost $${b.costUsd.toFixed(5)} → $${p.costUsd.toFixed(5)} (${r.config.serviceTier} tier, ${cached} % of prompt tokens cached), wall ${b.wallMs} → ${p.wallMs} ms`
      );
    })
    .join('\n');
}

export function querySummary(r: QueryResult): string {
  const lines = r.sqlite.map((s) => {
    const o = s.operations;
    return (
      `SQLite ${rowsLabel(s.rows).padEnd(5)} insert ${s.seeding.recordsPerSecond.toLocaleString('en-US')} rec/s, ${s.bytesPerRow} B/row; p95 store (raw): ` +
      `lookup ${formatUs(o.lookup.store.p95Us)} (${formatUs(o.lookup.raw.p95Us)}), page ${formatUs(o.pageCheck.store.p95Us)} (${formatUs(o.pageCheck.raw.p95Us)}), ` +
      `list ${formatUs(o.list.store.p95Us)} (${formatUs(o.list.raw.p95Us)}), list+location ${formatUs(o.listLocation.store.p95Us)} (${formatUs(o.listLocation.raw.p95Us)}); ` +
      `by date p50 ${formatUs(s.dateSorts.listByDate.p50Us)}, all CVs ${formatUs(s.dateSorts.listByDateAllCvs.p50Us)}`
    );
  });
  if (r.rawInsert)
    lines.push(
      `raw insert loop ${r.rawInsert.recordsPerSecond.toLocaleString('en-US')} rec/s (store ${r.rawInsert.storeToRawRatio}× raw)`,
    );
  const pg = r.postgres;
  if (pg && 'skipped' in pg) lines.push(`PostgreSQL skipped: ${pg.skipped}`);
  else if (pg) {
    lines.push(
      `PostgreSQL ${rowsLabel(pg.rows)} insert ${pg.seeding.recordsPerSecond.toLocaleString('en-US')} rec/s, ${pg.bytesPerRow} B/row; p95: lookup ${formatUs(pg.operations.lookup.p95Us)}, page ${formatUs(pg.operations.pageCheck.p95Us)}, list ${formatUs(pg.operations.list.p95Us)}, list+location ${formatUs(pg.operations.listLocation.p95Us)}`,
    );
  }
  return lines.join('\n');
}

export function migrateSummary(r: MigrateBenchResult): string {
  const cli =
    'skipped' in r.cli
      ? `CLI skipped (${r.cli.skipped})`
      : `CLI ${r.cli.recordsPerSecond.toLocaleString('en-US')} rec/s (${r.ratios.cliToRaw}× raw)`;
  return `${r.config.records.toLocaleString('en-US')} records in ${r.files.files} files: ${cli}, core ${r.core.recordsPerSecond.toLocaleString('en-US')} rec/s (${r.ratios.coreToRaw}× raw), raw ${r.raw.recordsPerSecond.toLocaleString('en-US')} rec/s`;
}

export function soakSummary(r: SoakResult): string {
  return (
    `${r.throughput.requestsPerSecond} req/s over ${r.config.durationSeconds} s with ${r.config.connections} connections; latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms; ` +
    `${r.errors.errors} errors, ${r.errors.non2xx} non-2xx; server RSS ${r.rssMb.afterStart} → ${r.rssMb.end} MB (peak ${r.rssMb.peak})`
  );
}

export function allSummary(r: BenchResults, files: { json: string; markdown: string } | null): string {
  const mark = (pass: boolean | null) => (pass === null ? '  -  ' : pass ? ' PASS' : ' FAIL');
  const lines = r.targets.map(
    (t) =>
      `${mark(t.pass)}  ${t.label}: ${t.measured ?? 'not measured'} (target ${t.target})${t.seed || r.mode === 'full' ? '' : ' [reported, not gating in a quick run]'}`,
  );
  if (files) lines.push('', `Results: ${files.json}`, `Summary: ${files.markdown}`);
  return lines.join('\n');
}
