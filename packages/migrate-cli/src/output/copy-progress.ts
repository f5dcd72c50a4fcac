import type { CopyProgress } from '@jobsearchai/core/copy';
import cliProgress from 'cli-progress';
import { formatCount } from './format.js';

/** Like migrate's progress: a bar on a terminal, one plain line per table and phase elsewhere. */
export function copyProgress(stream: NodeJS.WritableStream, tty: boolean): CopyProgress & { stop(): void } {
  if (!tty) {
    return {
      phase: (phase, rows) =>
        stream.write(`${phase === 'copy' ? 'Copying' : 'Checking parity over'} ${formatCount(rows)} rows\n`),
      table: (table, rows) => stream.write(`  ${table}: ${formatCount(rows)} rows\n`),
      rows: () => undefined,
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: ' {phase} {bar} {percentage}% | {value}/{total} rows | {table} | {rate} rows/s',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  let started = 0;
  let done = 0;
  const stop = () => {
    if (running) bar.stop();
    running = false;
  };
  return {
    phase(phase, rows) {
      stop();
      started = performance.now();
      done = 0;
      bar.start(rows, 0, { phase: phase === 'copy' ? 'copy  ' : 'parity', table: '', rate: '0' });
      running = true;
    },
    table: (table) => bar.update({ table }),
    rows(count) {
      done += count;
      const seconds = (performance.now() - started) / 1000;
      bar.increment(count, { rate: formatCount(seconds > 0 ? Math.round(done / seconds) : 0) });
    },
    stop,
  };
}
