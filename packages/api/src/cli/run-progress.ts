import type { RunProgressEvent } from '@jobsearchai/core/pipeline';
import cliProgress from 'cli-progress';

export interface ProgressDisplay {
  onEvent(event: RunProgressEvent): void;
  stop(): void;
}

/** A progress bar over the pages on a terminal; nothing otherwise (cron mails stay short). */
export function runProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, maxPages: number): ProgressDisplay {
  if (!stream.isTTY) return { onEvent: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: 'pages {bar} {value}/{total} | {new} new, {duplicate} duplicate, {evaluated} evaluated, {reused} reused',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(maxPages, 0, { new: 0, duplicate: 0, evaluated: 0, reused: 0 });
  let evaluated = 0;
  let reused = 0;
  let page = 0;
  let counts = { new: 0, duplicate: 0 };
  return {
    onEvent(event) {
      if (event.type === 'page') {
        page = event.page;
        counts = { new: event.counters.postingsNew, duplicate: event.counters.postingsDuplicate };
      } else if (event.type === 'evaluated') {
        if (event.outcome === 'reused') reused++;
        else evaluated++;
      } else if (event.type === 'finished') {
        bar.setTotal(Math.max(page, 1));
      }
      bar.update(page, { ...counts, evaluated, reused });
    },
    stop() {
      bar.stop();
    },
  };
}
