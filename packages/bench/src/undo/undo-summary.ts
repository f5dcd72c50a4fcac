import type { UndoBenchResult } from './undo-types.js';

/** One line per provider, like the other subcommands' summaries. */
export function undoSummary(r: UndoBenchResult): string {
  const lines = r.providers.map(
    (p) =>
      `${p.provider}: undo of ${p.undoCreated.rows.toLocaleString('en-US')} created rows ${p.undoCreated.medianMs} ms (${p.undoToRaw}× a plain DELETE, ${p.rawDelete.medianMs} ms); ` +
      `undo of a forced re-import, ${p.undoUpdated.rows.toLocaleString('en-US')} rows restored ${p.undoUpdated.medianMs} ms; import ${p.importMs} ms`,
  );
  lines.push(
    `${r.target.pass ? 'PASS' : 'FAIL'}  undo of a ${r.config.rows.toLocaleString('en-US')}-record import ≤ ${r.target.maxMs} ms (median of ${r.config.repeats})`,
  );
  return lines.join('\n');
}
