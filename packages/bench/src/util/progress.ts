/** Where benchmarks report what they are doing; the CLI writes it to stderr, tests drop it. */
export type Progress = (line: string) => void;

export const silentProgress: Progress = () => undefined;

export function stderrProgress(): Progress {
  const started = performance.now();
  return (line) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    process.stderr.write(`[${seconds}s] ${line}\n`);
  };
}

/** Reports every `every`-th step, for long loops such as seeding a million rows. */
export function throttled(progress: Progress, everyMs: number): Progress {
  let last = 0;
  return (line) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    progress(line);
  };
}
