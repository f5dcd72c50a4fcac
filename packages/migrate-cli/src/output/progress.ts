import cliProgress from 'cli-progress';
import type { FileOutcome } from '../migrate/file-outcome.js';
import { formatCount, formatDuration } from './format.js';

/** How a long command shows where it is. */
export interface Progress {
  start(files: number): void;
  file(outcome: FileOutcome): void;
  /** A line that must stay visible (e.g. the backup's path); before start() or after stop(). */
  note(text: string): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, file() {}, note() {}, stop() {} };

/** A bar on a terminal; on anything else (a log, CI) one plain line per file. */
export function streamProgress(stream: NodeJS.WritableStream, tty: boolean): Progress {
  return tty ? barProgress(stream) : lineProgress(stream);
}

function lineProgress(stream: NodeJS.WritableStream): Progress {
  let done = 0;
  let total = 0;
  return {
    start(files) {
      total = files;
    },
    file(outcome) {
      done++;
      stream.write(`[${done}/${total}] ${describe(outcome)}\n`);
    },
    note(text) {
      stream.write(`${text}\n`);
    },
    stop() {},
  };
}

function barProgress(stream: NodeJS.WritableStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: ' {bar} {value}/{total} files | {records} records | {file}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let records = 0;
  let running = false;
  return {
    start(files) {
      bar.start(files, 0, { records: formatCount(0), file: '' });
      running = true;
    },
    file(outcome) {
      records += outcome.records;
      bar.increment({ records: formatCount(records), file: outcome.fileName });
    },
    note(text) {
      stream.write(`${text}\n`);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

function describe(outcome: FileOutcome): string {
  const what =
    outcome.status === 'imported' || outcome.status === 'dry-run'
      ? `${formatCount(outcome.records)} records: ${formatCount(outcome.migrated)} migrated, ${formatCount(outcome.duplicates)} duplicates, ${formatCount(outcome.updated)} updated, ${outcome.replacedFailed > 0 ? `${formatCount(outcome.replacedFailed)} replaced a failed evaluation, ` : ''}${formatCount(outcome.rejected)} rejected`
      : (outcome.note ?? '');
  return `${outcome.fileName}: ${outcome.status}${what ? ` (${what})` : ''} ${formatDuration(outcome.durationMs)}`;
}
