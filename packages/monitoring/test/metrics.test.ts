import { JobSearchError, type RunRecord } from '@jobsearchai/core';
import { startDemoBoard, type DemoBoard } from '@jobsearchai/core/demo-board';
import { OpenAIMatcher, type CvForMatch, type LlmCallRecord, type Matcher } from '@jobsearchai/core/matchers';
import { runSearch } from '@jobsearchai/core/pipeline';
import { demoBoardSource } from '@jobsearchai/core/sources';
import { openTestStore, startLlmStub, testSql, type LlmStub, type TestStore } from '@jobsearchai/core/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMetrics,
  METRICS_CONTENT_TYPE,
  metricsText,
  type JobSearchMetrics,
} from '../src/metrics/create-metrics.js';

/** The current value of a metric's series (0 when the series does not exist). */
async function value(metrics: JobSearchMetrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const data = await metric.get();
  const series = data.values.find(
    (v) =>
      Object.entries(labels).every(([k, l]) => v.labels[k] === l) &&
      Object.keys(v.labels).length === Object.keys(labels).length,
  );
  return series?.value ?? 0;
}

describe('createMetrics', () => {
  it('registers the JobSearchAI metrics with Prometheus names, plus the default process metrics', async () => {
    const metrics = createMetrics();
    const text = await metricsText(metrics.registry);
    for (const name of [
      'jobsearch_http_requests_total',
      'jobsearch_http_request_duration_seconds',
      'jobsearch_db_query_duration_seconds',
      'jobsearch_llm_calls_total',
      'jobsearch_llm_tokens_total',
      'jobsearch_llm_cost_usd_total',
      'jobsearch_llm_calls_saved_total',
      'jobsearch_pages_scraped_total',
      'jobsearch_pages_saved_total',
      'jobsearch_postings_total',
      'jobsearch_db_errors_total',
      'jobsearch_migration_records_total',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(METRICS_CONTENT_TYPE).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('uses the given registry, and two instances on separate registries do not collide', async () => {
    const registry = new Registry();
    const a = createMetrics({ registry, defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.countDbError('locked');
    expect(a.registry).toBe(registry);
    expect(await value(a, 'jobsearch_db_errors_total', { kind: 'locked' })).toBe(1);
    expect(await value(b, 'jobsearch_db_errors_total', { kind: 'locked' })).toBe(0);
    expect(await metricsText(registry)).not.toContain('process_cpu');
  });

  it('observes HTTP requests by method, route pattern and status, never by raw path', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeHttp('get', '/api/matches/:id', 200, 0.012);
    metrics.observeHttp('GET', '/api/matches/:id', 200, 0.3);
    metrics.observeHttp('POST', '/api/runs', 202, 0.05);
    metrics.observeHttp('GET', undefined, 404, 0.001);
    metrics.observeHttp('GET', '/api/matches/12345', 200, 0.001);
    metrics.observeHttp('GET', 'https://evil.example/?q=Software Engineer', 200, 0.001);
    metrics.observeHttp('BREW', '/api/health', 418, 0.001);
    expect(
      await value(metrics, 'jobsearch_http_requests_total', {
        method: 'GET',
        route: '/api/matches/:id',
        status: '200',
      }),
    ).toBe(2);
    expect(
      await value(metrics, 'jobsearch_http_requests_total', { method: 'POST', route: '/api/runs', status: '202' }),
    ).toBe(1);
    expect(
      await value(metrics, 'jobsearch_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }),
    ).toBe(1);
    expect(
      await value(metrics, 'jobsearch_http_requests_total', { method: 'GET', route: 'other', status: '200' }),
    ).toBe(2);
    expect(
      await value(metrics, 'jobsearch_http_requests_total', { method: 'OTHER', route: '/api/health', status: '418' }),
    ).toBe(1);
    const text = await metricsText(metrics.registry);
    expect(text).toContain(
      'jobsearch_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/api/matches/:id"} 1',
    );
    expect(text).toContain('jobsearch_http_request_duration_seconds_count{method="GET",route="/api/matches/:id"} 2');
    expect(text).not.toMatch(/12345|evil|Software/);
  });

  it('counts database errors from JobSearchError codes and times queries by operation', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    expect(metrics.recordDbError(new JobSearchError('DUPLICATE_KEY', 'dup'))).toBe('duplicate_key');
    expect(metrics.recordDbError(new JobSearchError('DB_LOCKED', 'busy'))).toBe('locked');
    expect(metrics.recordDbError(new JobSearchError('DB_ERROR', 'boom'))).toBe('other');
    expect(metrics.recordDbError(new JobSearchError('LLM_ERROR', 'not a db error'))).toBeNull();
    expect(metrics.recordDbError(new Error('plain'))).toBeNull();
    expect(await value(metrics, 'jobsearch_db_errors_total', { kind: 'duplicate_key' })).toBe(1);
    expect(await value(metrics, 'jobsearch_db_errors_total', { kind: 'locked' })).toBe(1);
    expect(await value(metrics, 'jobsearch_db_errors_total', { kind: 'other' })).toBe(1);

    metrics.observeDbQuery('dedup_check', 0.0002);
    metrics.observeDbQuery('SELECT * FROM job_matches WHERE search_term = Engineer', 0.01);
    const text = await metricsText(metrics.registry);
    expect(text).toContain('jobsearch_db_query_duration_seconds_count{operation="dedup_check"} 1');
    expect(text).toContain('jobsearch_db_query_duration_seconds_count{operation="other"} 1');
  });
});

describe('instrumentMatcher', () => {
  const call = (outcome: LlmCallRecord['outcome'], purpose: LlmCallRecord['purpose'] = 'match'): LlmCallRecord => ({
    purpose,
    model: 'gpt-4o-mini',
    promptTokens: 100,
    completionTokens: 10,
    cachedTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.001,
    latencyMs: 1500,
    outcome,
    attempts: 1,
  });
  const fake: Matcher = {
    name: 'openai',
    model: 'gpt-4o-mini',
    usesLlm: true,
    evaluate: async () => ({ ok: false, error: 'rate limited', calls: [call('rate_limited')] }),
    summarizeCv: async () => {
      throw new JobSearchError('LLM_ERROR', 'Could not summarise the CV', {
        details: { calls: [call('timeout', 'cv_summary')] },
      });
    },
    estimatedCostPerEvaluation: () => 0.002,
  };

  it('counts the calls of evaluations and of failed CV summaries, and otherwise behaves as the matcher', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const matcher = metrics.instrumentMatcher(fake);
    expect({
      name: matcher.name,
      model: matcher.model,
      usesLlm: matcher.usesLlm,
      cost: matcher.estimatedCostPerEvaluation(),
    }).toEqual({ name: 'openai', model: 'gpt-4o-mini', usesLlm: true, cost: 0.002 });
    expect(
      await matcher.evaluate(
        { url: 'https://x/1', title: 'Dev' },
        { cvKey: '0123456789abcdef', text: 'cv', summary: 's' },
      ),
    ).toMatchObject({ ok: false });
    await expect(matcher.summarizeCv('cv text')).rejects.toThrow(/summarise/);
    expect(await value(metrics, 'jobsearch_llm_calls_total', { outcome: 'rate_limited', model: 'gpt-4o-mini' })).toBe(
      1,
    );
    expect(await value(metrics, 'jobsearch_llm_calls_total', { outcome: 'timeout', model: 'gpt-4o-mini' })).toBe(1);
    expect(await value(metrics, 'jobsearch_llm_tokens_total', { kind: 'prompt' })).toBe(200);
    expect(await metricsText(metrics.registry)).toContain(
      'jobsearch_llm_call_duration_seconds_bucket{le="2",outcome="timeout"} 1',
    );
  });
});

describe('recordRunProgress on real pipeline runs (demo board, LLM stub)', () => {
  const CV: CvForMatch = {
    cvKey: 'a1b2c3d4e5f60718',
    text: 'Software Engineer, TypeScript, PostgreSQL, St. Gallen.',
    summary: 'Software engineer in St. Gallen.',
  };
  let t: TestStore;
  let board: DemoBoard;
  let llm: LlmStub;
  const metrics = createMetrics({ defaultMetrics: false });
  const runs: RunRecord[] = [];

  beforeAll(async () => {
    [t, board, llm] = await Promise.all([
      openTestStore('sqlite'),
      startDemoBoard({ initialPostings: 30 }),
      startLlmStub(),
    ]);
    const matcher = metrics.instrumentMatcher(
      new OpenAIMatcher({
        apiKey: 'test-key',
        baseURL: llm.baseURL,
        maxRetries: 1,
        retryBaseMs: 5,
        maxRetryDelayMs: 20,
        timeoutMs: 2000,
      }),
    );
    const source = demoBoardSource(board.url, { delayMs: 0, retries: 2, backoffMs: 5, timeoutMs: 2000 });
    const search = (searchTerm: string) =>
      runSearch({
        store: t.store,
        searchTerm,
        cv: CV,
        source,
        matcher,
        maxPages: 10,
        onProgress: metrics.recordRunProgress,
      });

    runs.push(await search('IT'));
    // Invalid answers (tried again), then server errors outlasting the one retry: failed calls of two kinds.
    llm.setFaults({ garbage: 3 });
    board.advance(4, 'IT');
    runs.push(await search('IT'));
    llm.setFaults({ serverError: 1000 });
    board.advance(3, 'IT');
    runs.push(await search('IT'));
    llm.setFaults({});
    // Two runs at once through the same listener; the second term shares postings with the first (reuse).
    runs.push(...(await Promise.all([search('Informatik'), search('Software')])));
  });
  afterAll(async () => {
    await Promise.all([t?.cleanup(), board?.close(), llm?.close()]);
  });

  const sum = (key: keyof RunRecord) => runs.reduce((total, run) => total + Number(run[key]), 0);

  it('counts postings by kind and calls saved exactly as the runs recorded them', async () => {
    expect(sum('postingsReused')).toBeGreaterThan(0);
    expect(sum('postingsDuplicate')).toBeGreaterThan(0);
    expect(await value(metrics, 'jobsearch_postings_total', { kind: 'new' })).toBe(sum('postingsNew'));
    expect(await value(metrics, 'jobsearch_postings_total', { kind: 'duplicate' })).toBe(sum('postingsDuplicate'));
    expect(await value(metrics, 'jobsearch_postings_total', { kind: 'reused' })).toBe(sum('postingsReused'));
    expect(await value(metrics, 'jobsearch_llm_calls_saved_total')).toBe(sum('llmSaved'));
  });

  it('counts every LLM call by its outcome and model, with tokens, cost and duration, as llm_usage recorded them', async () => {
    const rows = await testSql(t.store).query<{
      outcome: string;
      model: string;
      n: number;
      prompt: number;
      completion: number;
      cost: number;
    }>(
      'SELECT outcome, model, COUNT(*) AS n, SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion, SUM(cost_usd) AS cost FROM llm_usage GROUP BY outcome, model',
    );
    expect(rows.map((r) => r.outcome).sort()).toEqual(['invalid_response', 'ok', 'server_error']);
    for (const row of rows) {
      expect(await value(metrics, 'jobsearch_llm_calls_total', { outcome: row.outcome, model: row.model })).toBe(
        Number(row.n),
      );
    }
    const total = (key: 'prompt' | 'completion' | 'cost') => rows.reduce((s, r) => s + Number(r[key]), 0);
    expect(await value(metrics, 'jobsearch_llm_tokens_total', { kind: 'prompt' })).toBe(total('prompt'));
    expect(await value(metrics, 'jobsearch_llm_tokens_total', { kind: 'completion' })).toBe(total('completion'));
    expect(await value(metrics, 'jobsearch_llm_cost_usd_total')).toBeCloseTo(total('cost'), 9);
    expect(await value(metrics, 'jobsearch_llm_cost_saved_usd_total')).toBeCloseTo(sum('costSavedUsd'), 9);
    const text = await metricsText(metrics.registry);
    expect(text).toContain(
      `jobsearch_llm_call_duration_seconds_count{outcome="ok"} ${rows.find((r) => r.outcome === 'ok')!.n}`,
    );
    // The runs' own ledger agrees.
    expect(rows.reduce((s, r) => s + Number(r.n), 0)).toBe(sum('llmCalls'));
  });

  it('counts pages scraped and pages saved by the early exit, and runs by status', async () => {
    expect(sum('pagesSaved')).toBeGreaterThan(0);
    expect(await value(metrics, 'jobsearch_pages_scraped_total')).toBe(sum('pagesScraped'));
    expect(await value(metrics, 'jobsearch_pages_saved_total')).toBe(sum('pagesSaved'));
    expect(await value(metrics, 'jobsearch_search_runs_total', { status: 'completed' })).toBe(
      runs.filter((r) => r.status === 'completed').length,
    );
  });

  it('never puts search terms or URLs into labels', async () => {
    const text = await metricsText(metrics.registry);
    expect(text).not.toMatch(/Informatik|Software"|http:\/\/127/);
  });
});
