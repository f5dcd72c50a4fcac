import { type CvForMatch, DEFAULT_MODEL } from '@jobsearchai/core/matchers';
import { runSearch } from '@jobsearchai/core/pipeline';
import { reductionPercent } from '../stats/percentiles.js';
import { silentProgress, type Progress } from '../util/progress.js';
import { makeTempDir } from '../util/temp-dir.js';
import { tokenTotals } from './counting-matcher.js';
import { startDedupEnv, type DedupEnv } from './dedup-env.js';
import type { DedupOptions, DedupResult, Reductions, RunMetrics, ScenarioName, ScenarioResult } from './dedup-types.js';
import { runLegacyBaseline } from './legacy-baseline.js';

export const SCENARIOS: readonly ScenarioName[] = ['repeat', 'exact-repeat', 'second-term', 'cv-change'];

const TERM_A = 'IT';
const TERM_B = 'analyst';

const CV_A: CvForMatch = {
  cvKey: 'a1b2c3d4e5f60718',
  text: 'Software Engineer in St. Gallen. TypeScript, Node.js, PostgreSQL, Docker, Kubernetes, Python. MSc Informatik ETH.',
  summary: 'Software engineer with TypeScript, PostgreSQL and cloud experience, based in St. Gallen.',
};
/** The same person after editing the CV: a new cv_key, so every posting is evaluated again. */
const CV_B: CvForMatch = {
  cvKey: 'b2c3d4e5f6071829',
  text: `${CV_A.text} Rust, Terraform. Team lead since 2024.`,
  summary:
    'Software engineer and team lead with TypeScript, Rust, PostgreSQL and cloud experience, based in St. Gallen.',
};

interface RunSpec {
  searchTerm: string;
  cv: CvForMatch;
}

interface ScenarioPlan {
  description: string;
  change: string;
  run1: RunSpec;
  run2: RunSpec;
  /** Between the runs: what time (or the user) changed. */
  between(env: DedupEnv): void;
}

function plan(name: ScenarioName, newPostings: number): ScenarioPlan {
  const first = { searchTerm: TERM_A, cv: CV_A };
  switch (name) {
    case 'repeat':
      return {
        description: 'The same search again after new postings appeared on top of the listing.',
        change: `${newPostings} new postings`,
        run1: first,
        run2: first,
        between: (env) => env.board.advance(newPostings, TERM_A),
      };
    case 'exact-repeat':
      return {
        description: 'The same search again with nothing new on the board.',
        change: 'nothing',
        run1: first,
        run2: first,
        between: () => undefined,
      };
    case 'second-term':
      return {
        description: 'A second search term whose listing shares about half of its postings with the first.',
        change: `search term ${TERM_A} → ${TERM_B}`,
        run1: first,
        run2: { searchTerm: TERM_B, cv: CV_A },
        between: () => undefined,
      };
    case 'cv-change':
      return {
        description: 'The same search after the CV file changed (new cv_key): every posting must be evaluated again.',
        change: 'new CV (cv_key)',
        run1: first,
        run2: { searchTerm: TERM_A, cv: CV_B },
        between: () => undefined,
      };
  }
}

/**
 * Run 1 fresh, change the world, run 2 — once with the legacy baseline and once with the
 * pipeline, each arm on its own board, stub and database so that neither sees the other's state.
 */
export async function benchDedup(
  options: DedupOptions = {},
  progress: Progress = silentProgress,
): Promise<DedupResult> {
  const config = {
    pages: options.pages ?? 10,
    postingsPerPage: options.postingsPerPage ?? 10,
    newShare: options.newShare ?? 0.05,
    model: options.model ?? DEFAULT_MODEL,
    concurrency: options.concurrency ?? 4,
    llmLatencyMs: options.llmLatencyMs ?? 0,
    serviceTier: options.serviceTier ?? 'default',
    seed: options.seed ?? 42,
    scenarios: options.scenarios ?? [...SCENARIOS],
    priceModel: options.model ?? DEFAULT_MODEL,
  };
  if (!(config.newShare >= 0 && config.newShare <= 1))
    throw new RangeError(`newShare must be within 0–1, got ${config.newShare}`);
  const scraped = config.pages * config.postingsPerPage;
  const newPostings = Math.round(config.newShare * scraped);
  const temp = options.workDir ? undefined : makeTempDir('dedup');
  const dir = options.workDir ?? temp!.path;
  try {
    const scenarios: ScenarioResult[] = [];
    for (const name of config.scenarios) {
      const p = plan(name, newPostings);
      progress(`dedup: ${name} — baseline (legacy: every page, every posting)`);
      const baseline = await runArm('baseline', name, p);
      progress(`dedup: ${name} — pipeline (dedup, early exit, reuse)`);
      const pipeline = await runArm('pipeline', name, p);
      const result: ScenarioResult = {
        name,
        description: p.description,
        change: p.change,
        baseline: { run1: baseline.run1, run2: baseline.run2 },
        pipeline: { run1: pipeline.run1, run2: pipeline.run2 },
        reductions: reductions(baseline.run2, pipeline.run2),
        ...(pipeline.overlapShare === undefined ? {} : { overlapShare: pipeline.overlapShare }),
      };
      progress(
        `dedup: ${name} — run 2 LLM calls ${baseline.run2.llmCalls} → ${pipeline.run2.llmCalls} (−${result.reductions.llmCalls} %), ` +
          `pages ${baseline.run2.pages} → ${pipeline.run2.pages} (−${result.reductions.pages} %)`,
      );
      scenarios.push(result);
    }
    return { config, scenarios };
  } finally {
    temp?.remove();
  }

  async function runArm(arm: 'baseline' | 'pipeline', name: ScenarioName, p: ScenarioPlan) {
    const env = await startDedupEnv({
      dir,
      name: `${name}-${arm}`,
      seed: config.seed,
      postingsPerPage: config.postingsPerPage,
      // More results than max pages hold, as on the real board: max pages, not the end of results, bounds a run.
      initialPostings: scraped * 2,
      model: config.model,
      llmLatencyMs: config.llmLatencyMs,
    });
    try {
      const run1 = await measureRun(env, arm, p.run1);
      p.between(env);
      const listingA = env.board.listing(p.run1.searchTerm).slice(0, scraped);
      const listingB = env.board.listing(p.run2.searchTerm).slice(0, scraped);
      const run2 = await measureRun(env, arm, p.run2);
      const overlapShare = name === 'second-term' ? overlap(listingA, listingB) : undefined;
      return { run1, run2, overlapShare };
    } finally {
      await env.close();
    }
  }

  async function measureRun(env: DedupEnv, arm: 'baseline' | 'pipeline', spec: RunSpec): Promise<RunMetrics> {
    const boardBefore = env.board.stats();
    const callsBefore = env.llm.calls();
    env.matcher.take();
    const started = performance.now();
    let extra: Pick<RunMetrics, 'stopReason' | 'reused' | 'flexFallbacks'> = {};
    if (arm === 'baseline') {
      await runLegacyBaseline({
        store: env.store,
        source: env.source,
        matcher: env.matcher,
        cv: spec.cv,
        searchTerm: spec.searchTerm,
        maxPages: config.pages,
        concurrency: config.concurrency,
      });
    } else {
      const run = await runSearch({
        store: env.store,
        source: env.source,
        matcher: env.matcher,
        cv: spec.cv,
        searchTerm: spec.searchTerm,
        maxPages: config.pages,
        concurrency: config.concurrency,
        serviceTier: config.serviceTier,
      });
      if (run.status !== 'completed')
        throw new Error(
          `The pipeline run ended ${run.status} (${run.stopReason}): ${run.error ?? 'no error recorded'}`,
        );
      extra = { stopReason: run.stopReason ?? 'unknown', reused: run.postingsReused, flexFallbacks: run.flexFallbacks };
    }
    const wallMs = performance.now() - started;
    const boardAfter = env.board.stats();
    const calls = env.matcher.take();
    return {
      llmCalls: env.llm.calls() - callsBefore,
      pages: boardAfter.listRequests - boardBefore.listRequests,
      detailPages: boardAfter.detailRequests - boardBefore.detailRequests,
      tokens: tokenTotals(calls),
      costUsd: calls.reduce((sum, call) => sum + call.costUsd, 0),
      wallMs: Math.round(wallMs),
      ...extra,
    };
  }
}

function reductions(baseline: RunMetrics, pipeline: RunMetrics): Reductions {
  return {
    llmCalls: reductionPercent(baseline.llmCalls, pipeline.llmCalls),
    pages: reductionPercent(baseline.pages, pipeline.pages),
    tokens: reductionPercent(
      baseline.tokens.prompt + baseline.tokens.completion,
      pipeline.tokens.prompt + pipeline.tokens.completion,
    ),
    costUsd: reductionPercent(baseline.costUsd, pipeline.costUsd),
    wallMs: reductionPercent(baseline.wallMs, pipeline.wallMs),
  };
}

function overlap(a: readonly string[], b: readonly string[]): number {
  const seen = new Set(a);
  const shared = b.filter((url) => seen.has(url)).length;
  return b.length === 0 ? 0 : Math.round((shared / b.length) * 1000) / 1000;
}
