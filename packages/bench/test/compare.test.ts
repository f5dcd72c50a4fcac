import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareHeadlines, type Headline } from '../src/report/compare.js';
import { previousResultsFile, resultsFileName } from '../src/report/results-file.js';

const before: Headline = {
  'query.sqlite.1000000.pageCheck.p95': {
    label: 'SQLite 1 M: 10-URL check p95',
    value: 200,
    unit: 'µs',
    better: 'lower',
  },
  'query.sqlite.1000000.bulkInsert': {
    label: 'SQLite 1 M: bulk insert',
    value: 10_000,
    unit: 'rec/s',
    better: 'higher',
  },
  'soak.p99': { label: 'API under load: p99', value: 40, unit: 'ms', better: 'lower' },
  'migrate.raw': { label: 'Migration, raw loop', value: 30_000, unit: 'rec/s', better: 'higher' },
  'dedup.repeat.pagesReduction': { label: 'repeat: pages saved', value: 0, unit: '%', better: 'higher' },
};

describe('compareHeadlines', () => {
  it('marks lower latency and higher throughput as better, and the reverse as worse', () => {
    const after: Headline = {
      'query.sqlite.1000000.pageCheck.p95': { ...before['query.sqlite.1000000.pageCheck.p95']!, value: 120 },
      'query.sqlite.1000000.bulkInsert': { ...before['query.sqlite.1000000.bulkInsert']!, value: 8_000 },
      'soak.p99': { ...before['soak.p99']!, value: 41 },
      'migrate.raw': { ...before['migrate.raw']!, value: 36_000 },
      'dedup.repeat.pagesReduction': { ...before['dedup.repeat.pagesReduction']!, value: 80 },
    };
    const rows = Object.fromEntries(compareHeadlines(before, after).map((row) => [row.key, row]));
    expect(rows['query.sqlite.1000000.pageCheck.p95']).toMatchObject({
      before: 200,
      after: 120,
      changePercent: -40,
      verdict: 'better',
    });
    expect(rows['query.sqlite.1000000.bulkInsert']).toMatchObject({ changePercent: -20, verdict: 'worse' });
    // +2.5 % is within the noise band.
    expect(rows['soak.p99']).toMatchObject({ changePercent: 2.5, verdict: 'same' });
    expect(rows['migrate.raw']).toMatchObject({ changePercent: 20, verdict: 'better' });
    // From 0 there is no relative change, but the direction still counts.
    expect(rows['dedup.repeat.pagesReduction']).toMatchObject({ changePercent: null, verdict: 'better' });
  });

  it('lists new metrics, then metrics that disappeared', () => {
    const after: Headline = {
      'soak.rps': { label: 'API under load: throughput', value: 900, unit: 'req/s', better: 'higher' },
    };
    const rows = compareHeadlines(before, after);
    expect(rows[0]).toMatchObject({ key: 'soak.rps', before: null, after: 900, verdict: 'new' });
    expect(rows.slice(1).map((r) => r.verdict)).toEqual(['gone', 'gone', 'gone', 'gone', 'gone']);
  });

  it('treats a missing previous file as all new', () => {
    expect(compareHeadlines(null, before).every((row) => row.verdict === 'new')).toBe(true);
  });
});

describe('results files', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names files by UTC date, quick runs apart', () => {
    const date = new Date('2026-11-25T23:30:00Z');
    expect(resultsFileName(date, 'full')).toBe('results_20261125.json');
    expect(resultsFileName(date, 'quick')).toBe('results_20261125-quick.json');
  });

  it('finds the newest earlier file of the same mode', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    for (const name of [
      'results_20261101.json',
      'results_20261120.json',
      'results_20261124-quick.json',
      'results_20261125.json',
      'results_20261120.md',
      'notes.json',
    ]) {
      writeFileSync(join(dir, name), '{}');
    }
    expect(previousResultsFile(dir, 'full', 'results_20261125.json')).toBe(join(dir, 'results_20261120.json'));
    expect(previousResultsFile(dir, 'quick', 'results_20261125-quick.json')).toBe(
      join(dir, 'results_20261124-quick.json'),
    );
    expect(previousResultsFile(dir, 'quick', 'results_20261124-quick.json')).toBeNull();
    expect(previousResultsFile(join(dir, 'missing'), 'full', 'x')).toBeNull();
  });
});
