import { createLogger, type RunRecord } from '@jobsearchai/core';
import { createMatcher, matcherSettingsFromEnv } from '@jobsearchai/core/matchers';
import type { JobSource } from '@jobsearchai/core/sources';
import { openStore } from '@jobsearchai/core/store';
import type { CommandEnv } from '../cli/command-env.js';
import { CliExit, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '@jobsearchai/core/cli';
import { runProgress } from '../cli/run-progress.js';
import { formatRunReport } from '../cli/run-report.js';
import { runAlertSettings } from '../alerts/run-alerts.js';
import { loadApiConfig } from '../config.js';
import { JobSources, sourceFromFile, type SourceResolver } from '../searches/job-sources.js';
import { SearchManager } from '../searches/search-manager.js';

export interface SearchCommandOptions {
  searchTerm: string;
  cv: string;
  maxPages: number;
  /** Most LLM evaluations this search may make; no limit when absent. */
  llmCallBudget?: number;
  /** demo, ostjob or a JSON file describing a board. */
  source: string;
  db?: string;
  /** Overrides OPENAI_SERVICE_TIER for this search. */
  serviceTier?: 'default' | 'flex';
  json: boolean;
  /** Aborting it interrupts the run (SIGINT/SIGTERM in the CLI). */
  signal?: AbortSignal;
}

export interface SearchCommandResult {
  run: RunRecord;
  exitCode: number;
}

/**
 * One search from the command line (for cron): the same conflict rule, CV preparation and
 * pipeline as POST /api/runs, with a progress bar on a terminal and the counters at the end.
 * Exit 0 when the run completed, 1 when it failed or was interrupted.
 */
export async function searchCommand(options: SearchCommandOptions, io: CommandEnv): Promise<SearchCommandResult> {
  if (options.searchTerm.trim() === '') throw new CliExit(EXIT_USAGE, '--search-term must not be blank.');
  const config = loadApiConfig({ env: io.env, cwd: io.cwd, overrides: { databaseUrl: options.db } });
  const logger = createLogger({
    name: 'api-search',
    level: config.core.LOG_LEVEL ?? 'warn',
    logDir: config.core.LOG_DIR,
  });
  const store = await openStore({ url: config.databaseUrl, cwd: io.cwd, create: false, requireCurrentSchema: true });
  const sources = new JobSources({ demoBoardPort: config.demoBoardPort });
  try {
    const progress = runProgress(io.stderr, options.maxPages);
    const manager = new SearchManager({
      store,
      logger,
      matcher: createMatcher(matcherSettingsFromEnv(config.core)),
      sources: await sourcesFor(options.source, sources, io.cwd),
      staleAfterMinutes: config.runStaleMinutes,
      maxActive: 1,
      listener: { progress: (event) => progress.onEvent(event) },
      // Queued only: a serving instance sends them.
      alerts: runAlertSettings(config.alerts),
    });
    const started = await manager.start({
      searchTerm: options.searchTerm.trim(),
      cv: { path: options.cv },
      maxPages: options.maxPages,
      ...(options.llmCallBudget === undefined ? {} : { llmCallBudget: options.llmCallBudget }),
      source: options.source,
      serviceTier: options.serviceTier ?? config.core.OPENAI_SERVICE_TIER,
    });
    let stopping: Promise<void> | undefined;
    const onAbort = () => {
      stopping = manager.shutdown(config.shutdownGraceMs);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let run: RunRecord;
    try {
      run = (await manager.wait(started.id)) ?? started;
      if (stopping) {
        // The shutdown marks the run interrupted after the pipeline stopped: show the final row.
        await stopping;
        run = (await store.getRun(started.id)) ?? run;
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      progress.stop();
    }
    io.stdout.write(options.json ? `${JSON.stringify(run, null, 2)}\n` : formatRunReport(run));
    return { run, exitCode: run.status === 'completed' ? EXIT_OK : EXIT_FAILED };
  } finally {
    await sources.close();
    await store.close();
  }
}

/** demo and ostjob by name; anything else is a board described in a JSON file. */
async function sourcesFor(spec: string, sources: JobSources, cwd: string): Promise<SourceResolver> {
  if (spec === 'demo' || spec === 'ostjob') return sources;
  const source: JobSource = await sourceFromFile(spec, cwd);
  return { get: async () => source };
}
