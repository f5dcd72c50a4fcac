import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresTestUrl } from '@jobsearchai/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/report/results-types.js';
import { runAll, type AllResult } from '../src/run-all.js';

/**
 * `jobsearch-bench all --quick`, in-process, asserting the seed targets on its own numbers. The
 * thresholds are pass/fail limits far from the measured values, not timing asserts: −90 % LLM
 * calls and −70 % pages on a repeat run, p95 < 100 ms for the lookups and the list.
 */
describe('jobsearch-bench all --quick', () => {
  let outDir: string;
  let run: AllResult;
  let results: BenchResults;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'jobsearch-bench-quick-'));
    const postgresUrl = postgresTestUrl();
    run = await runAll({ quick: true, outDir, ...(postgresUrl ? { postgresUrl } : {}) });
    results = run.results;
  }, 300_000);

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('saves at least 90 % of the LLM calls and 70 % of the pages on a repeat run', () => {
    const repeat = results.dedup.scenarios.find((s) => s.name === 'repeat')!;
    expect(repeat.baseline.run2.llmCalls).toBe(100);
    expect(repeat.reductions.llmCalls).toBeGreaterThanOrEqual(90);
    expect(repeat.reductions.pages).toBeGreaterThanOrEqual(70);
    expect(results.targets.find((t) => t.id === 'dedup.calls')?.pass).toBe(true);
    expect(results.targets.find((t) => t.id === 'dedup.pages')?.pass).toBe(true);
  });

  it('makes no LLM call on an exact repeat, reuses evaluations for a second term and evaluates everything again for a new CV', () => {
    const byName = Object.fromEntries(results.dedup.scenarios.map((s) => [s.name, s]));
    expect(byName['exact-repeat']!.pipeline.run2.llmCalls).toBe(0);
    const second = byName['second-term']!;
    expect(second.pipeline.run2.reused).toBeGreaterThan(0);
    expect(second.pipeline.run2.llmCalls + (second.pipeline.run2.reused ?? 0)).toBe(second.baseline.run2.llmCalls);
    expect(byName['cv-change']!.pipeline.run2.llmCalls).toBe(byName['cv-change']!.baseline.run2.llmCalls);
    // The postings are remembered: a new CV needs no detail page again.
    expect(byName['cv-change']!.pipeline.run2.detailPages).toBe(0);
  });

  it('answers the dedup lookups and the dashboard list with p95 < 100 ms through the store', () => {
    for (const size of results.query.sqlite) {
      for (const [name, op] of Object.entries(size.operations)) {
        expect(op.store.p95Us, `${name} at ${size.rows} rows`).toBeLessThan(100_000);
      }
    }
    expect(results.targets.find((t) => t.id === 'lookup.p95')?.pass).toBe(true);
    expect(results.targets.find((t) => t.id === 'list.p95')?.pass).toBe(true);
    const pg = results.query.postgres;
    if (pg && !('skipped' in pg)) {
      for (const [name, op] of Object.entries(pg.operations))
        expect(op.p95Us, `PostgreSQL ${name}`).toBeLessThan(100_000);
    }
  });

  it('imports the legacy files the same way through the CLI, core and the raw loop', () => {
    const migrate = results.migrate;
    if ('skipped' in migrate) throw new Error(migrate.skipped);
    expect(migrate.core.inserted).toBe(migrate.raw.inserted);
    expect(migrate.core.inserted).toBe(migrate.config.records - migrate.files.repeatedUrls);
    if (!('skipped' in migrate.cli)) expect(migrate.cli.inserted).toBe(migrate.core.inserted);
    else expect(migrate.cli.skipped).toMatch(/build it first/);
  });

  it('serves the API under load without errors when the API is built', () => {
    const soak = results.soak;
    if ('skipped' in soak) {
      expect(soak.skipped).toMatch(/build it first/);
      return;
    }
    expect(soak.throughput.requests).toBeGreaterThan(0);
    expect(soak.errors.errors + soak.errors.non2xx).toBe(0);
    expect(soak.rssMb.end).toBeGreaterThan(0);
  });

  it('writes the results file with the machine and a Markdown summary with each target marked', () => {
    expect(run.files).not.toBeNull();
    const json = JSON.parse(readFileSync(run.files!.json, 'utf8')) as BenchResults;
    expect(json.mode).toBe('quick');
    expect(json.machine.cores).toBeGreaterThan(0);
    expect(json.machine.cpuModel).not.toBe('');
    expect(json.machine.node).toBe(process.version);
    expect(json.costSavings?.byModel[0]?.savedPerMonthUsd).toBeGreaterThan(0);
    expect(existsSync(run.files!.markdown)).toBe(true);
    const md = readFileSync(run.files!.markdown, 'utf8');
    expect(md).toContain('## Targets');
    for (const target of json.targets) expect(md).toContain(target.label);
    expect(md).toContain('## Cost savings');
  });
});
