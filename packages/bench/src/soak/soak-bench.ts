import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_MODEL, nowIso } from '@jobsearchai/core';
import { openStore, type Store } from '@jobsearchai/core/store';
import { realisticRows } from '../query/realistic-rows.js';
import { seedStore } from '../query/seed-store.js';
import { summarizeLatencies } from '../stats/percentiles.js';
import { silentProgress, type Progress } from '../util/progress.js';
import { Random } from '../util/random.js';
import { apiCliPath } from '../util/package-bins.js';
import { makeTempDir } from '../util/temp-dir.js';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { MIX, pathFor, requestCycle, type EndpointKind } from './request-mix.js';
import type { SoakOptions, SoakResult } from './soak-types.js';

/**
 * Seeds a database, starts the built API on it as a child process (loopback, any free port,
 * rate limiting off), times each endpoint alone, then drives a dashboard-like mix with
 * autocannon for the given duration while sampling the server's memory.
 */
export async function benchSoak(
  options: SoakOptions = {},
  progress: Progress = silentProgress,
): Promise<SoakResult | { skipped: string }> {
  const rows = options.rows ?? 100_000;
  const durationSeconds = options.durationSeconds ?? 60;
  const connections = options.connections ?? 20;
  const logLevel = options.logLevel ?? 'warn';
  const cli = options.cliPath ?? apiCliPath();
  if (!existsSync(cli)) {
    const reason = `${cli} is missing: build it first (pnpm exec tsup in packages/api)`;
    progress(`soak: ${reason} — skipped`);
    return { skipped: reason };
  }
  const temp = options.workDir ? undefined : makeTempDir('soak');
  const dir = options.workDir ?? temp!.path;
  const dbPath = join(dir, 'soak.db');
  // A soak always starts from a fresh seed: the file of an earlier run in the same folder goes.
  mkdirSync(dir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  try {
    progress(`soak: seeding ${rows.toLocaleString('en-US')} rows`);
    const store = await openStore({ url: `file:${dbPath}`, migrate: true });
    try {
      await seedRunsAndRows(store, rows, 90, progress);
    } finally {
      await store.close();
    }

    const env: NodeJS.ProcessEnv = {
      // biome-ignore lint/style/noProcessEnv: forwards the caller's environment to a child process; no setting is read from it.
      ...process.env,
      RATE_LIMIT: '0',
      RATE_LIMIT_WRITES: '0',
      LOG_LEVEL: logLevel,
      NODE_ENV: 'production',
    };
    delete env.DATABASE_URL;
    const api = await startApiProcess({ cliPath: cli, databaseUrl: `file:${dbPath}`, cwd: dir, env });
    try {
      const afterStart = api.rssMb();
      progress(`soak: API pid ${api.pid} at ${api.url}, RSS ${afterStart} MB; timing each endpoint alone`);
      const endpoints = await probeEndpoints(api.url, rows, options.probeRequests ?? 200);
      const beforeLoad = api.rssMb();
      progress(`soak: ${connections} connections for ${durationSeconds} s`);
      const { result, samples } = await drive(api, rows, connections, durationSeconds, progress);
      const end = api.rssMb();
      const peak = api.peakRssMb();
      const statusCodes = Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
      );
      const soak: SoakResult = {
        config: { rows, durationSeconds, connections, logLevel, mix: { ...MIX } },
        throughput: {
          requestsPerSecond: round1(result.requests.average),
          requests: result.requests.total,
          bytesPerSecond: Math.round(result.throughput.average),
        },
        latencyMs: {
          mean: round1(result.latency.mean),
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        errors: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, statusCodes },
        rssMb: { afterStart, beforeLoad, end, peak, growth: round1(end - beforeLoad), samples },
        endpoints,
      };
      progress(
        `soak: ${soak.throughput.requestsPerSecond} req/s, p50 ${soak.latencyMs.p50} ms, p99 ${soak.latencyMs.p99} ms, ` +
          `${soak.errors.errors + soak.errors.non2xx} errors, RSS ${beforeLoad} → ${end} MB`,
      );
      return soak;
    } finally {
      await api.stop();
    }
  } finally {
    temp?.remove();
  }
}

/**
 * The data set plus a ledger of finished runs, so /api/stats aggregates something real. Each run
 * owns as many of the newest rows as it reports new postings (stored with its run id, matched
 * now): runs that claim evaluations without any would look like a dead pipeline to
 * jobsearch-monitor. The rows no run owns are seeded first.
 */
async function seedRunsAndRows(store: Store, rows: number, runs: number, progress: Progress): Promise<void> {
  const random = new Random(5);
  const fresh = Array.from({ length: runs }, () => random.int(0, 12));
  let next =
    rows -
    Math.min(
      rows,
      fresh.reduce((sum, n) => sum + n, 0),
    );
  await seedStore(store, 0, next, 5_000, progress);
  for (const n of fresh) {
    const run = await store.createRun({
      searchTerm: 'IT',
      cvKey: '3f9a1c27b8e04d55',
      source: 'ostjob',
      matcher: 'openai',
      model: DEFAULT_MODEL,
      maxPages: 10,
    });
    const owned = Math.min(n, rows - next);
    if (owned > 0) {
      const matchedAt = nowIso();
      await store.insertMatches(realisticRows(next, next + owned).map((row) => ({ ...row, runId: run.id, matchedAt })));
      next += owned;
    }
    await store.finishRun(run.id, {
      status: 'completed',
      stopReason: 'early_exit',
      counters: {
        pagesScraped: 2,
        pagesSaved: 8,
        postingsSeen: 20,
        postingsNew: n,
        postingsDuplicate: 20 - n,
        postingsReused: 0,
        llmCalls: n,
        llmFailed: 0,
        llmSaved: 100 - n,
        tokensIn: n * 520,
        tokensOut: n * 75,
        costUsd: n * 0.0001,
        costSavedUsd: (100 - n) * 0.0001,
        flexFallbacks: 0,
      },
    });
  }
}

async function probeEndpoints(
  baseUrl: string,
  rows: number,
  requests: number,
): Promise<Record<string, ReturnType<typeof summarizeLatencies>>> {
  const random = new Random(3);
  const result: Record<string, ReturnType<typeof summarizeLatencies>> = {};
  for (const kind of Object.keys(MIX) as EndpointKind[]) {
    const samples: number[] = [];
    for (let i = 0; i < requests + 20; i++) {
      const started = process.hrtime.bigint();
      const response = await fetch(baseUrl + pathFor(kind, rows, random));
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET ${kind} answered ${response.status}`);
      // The first 20 warm the server up.
      if (i >= 20) samples.push(Number(process.hrtime.bigint() - started) / 1000);
    }
    result[kind] = summarizeLatencies(samples);
  }
  return result;
}

function drive(
  api: ApiProcess,
  rows: number,
  connections: number,
  durationSeconds: number,
  progress: Progress,
): Promise<{ result: autocannon.Result; samples: number[] }> {
  const samples: number[] = [];
  return new Promise((resolve, reject) => {
    let seconds = 0;
    const instance = autocannon(
      { url: api.url, connections, duration: durationSeconds, requests: requestCycle(rows, 9), timeout: 10 },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve({ result, samples })),
    );
    instance.on('tick', () => {
      seconds++;
      if (seconds % 5 === 0) {
        samples.push(api.rssMb());
        if (seconds % 30 === 0) progress(`soak: ${seconds} s, server RSS ${samples.at(-1)} MB`);
      }
    });
  });
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
