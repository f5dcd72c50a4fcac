import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeuristicMatcher } from '../../src/matchers/heuristic-matcher.js';
import { OpenAIMatcher } from '../../src/matchers/openai-matcher.js';
import { startSearch } from '../../src/pipeline/run-search.js';
import { demoBoardSource } from '../../src/sources/ostjob-preset.js';
import { JobSearchError } from '../../src/errors.js';
import { testProviders } from '../../src/testing/test-databases.js';
import { CV, startHarness, type Harness } from './pipeline-harness.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { DEFAULT_MODEL } from '../../src/matchers/model-table.js';

describe.each(testProviders())('runSearch on the demo board (%s)', (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  it('evaluates every posting of a fresh term once and stores every evaluation whatever its score', async () => {
    const run = await h.search();
    const total = h.board.totalPostings('IT');
    expect(run).toMatchObject({
      status: 'completed',
      stopReason: 'end_of_results',
      postingsNew: total,
      postingsDuplicate: 0,
      llmCalls: total,
      llmFailed: 0,
    });
    expect(run.pagesScraped).toBe(Math.ceil(total / h.board.postingsPerPage) + 1);
    expect(h.llm.calls()).toBe(total);
    expect(h.board.stats().detailRequests).toBe(total);
    const stored = await h.t.store.listMatches({ searchTerm: 'IT', limit: 200 });
    expect(stored.items).toHaveLength(total);
    expect(new Set(stored.items.map((m) => m.overallMatch)).size).toBeGreaterThan(1);
    expect(stored.items.every((m) => m.matcher === 'openai' && m.model === DEFAULT_MODEL && m.runId === run.id)).toBe(
      true,
    );
    expect(run.tokensIn).toBeGreaterThan(0);
    expect(run.costUsd).toBeGreaterThan(0);
    expect((await h.t.store.tableCounts()).llmUsage).toBe(total);
  });

  it('refuses to start with a model past its shutdown, naming the replacement, before any request', async () => {
    const retired = new OpenAIMatcher({ apiKey: 'test-key', baseURL: h.llm.baseURL, model: 'gpt-4o-mini' });
    const attempt = h.search({ matcher: retired, now: () => new Date('2027-02-01T08:00:00Z') });

    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('OPENAI_MODEL=gpt-6-luna'),
    });
    expect(await h.t.store.listRuns()).toEqual([]);
    expect(h.llm.calls()).toBe(0);
    expect(h.board.stats().listRequests).toBe(0);
  });

  it('runs with a model inside its shutdown window and warns once, in the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const retiring = new OpenAIMatcher({
      apiKey: 'test-key',
      baseURL: h.llm.baseURL,
      model: 'gpt-4o-mini',
      retryBaseMs: 5,
    });
    const run = await h.search({ matcher: retiring, logger, now: () => new Date('2026-12-20T08:00:00Z'), maxPages: 1 });

    expect(run.status).toBe('completed');
    const warnings = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((l) => l.level === 40);
    expect(warnings.filter((w) => w.msg.includes('shuts down on 2027-01-14'))).toHaveLength(1);
  });

  it('runs an unpriced model, warning that its cost is not counted', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const local = new OpenAIMatcher({
      apiKey: 'test-key',
      baseURL: h.llm.baseURL,
      model: 'local-llama',
      retryBaseMs: 5,
    });
    const run = await h.search({ matcher: local, logger, maxPages: 1 });

    expect(run).toMatchObject({ status: 'completed', costUsd: 0 });
    expect(run.llmCalls).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('local-llama has no price in the model table'))).toBe(true);
  });

  it('sends a run at the Flex tier when asked, counting the evaluations that fell back to the default tier', async () => {
    // No retries, so each Flex refusal falls back at once: exactly the first three evaluations do.
    const matcher = new OpenAIMatcher({ apiKey: 'test-key', baseURL: h.llm.baseURL, maxRetries: 0 });
    h.llm.setFaults({ flexUnavailable: 3 });
    const run = await h.search({ matcher, serviceTier: 'flex', maxPages: 1 });

    expect(run.status).toBe('completed');
    expect(run.flexFallbacks).toBe(3);
    expect((await h.t.store.getRun(run.id))?.flexFallbacks).toBe(3);
    const rows = await testSql(h.t.store).query<{ service_tier: string; outcome: string; cost_usd: number }>(
      'SELECT service_tier, outcome, cost_usd FROM llm_usage WHERE run_id = ? ORDER BY id',
      [run.id],
    );
    const count = (tier: string, outcome: string) =>
      rows.filter((r) => r.service_tier === tier && r.outcome === outcome).length;
    expect(count('flex', 'rate_limited')).toBe(3);
    expect(count('default', 'ok')).toBe(3);
    expect(count('flex', 'ok')).toBe(run.postingsNew - 3);
    expect(rows).toHaveLength(run.llmCalls);
    expect(rows.reduce((sum, r) => sum + Number(r.cost_usd), 0)).toBeCloseTo(run.costUsd, 12);
    // Every request said which tier it asked for.
    expect(h.llm.requests().filter((r) => r.body.service_tier === 'flex')).toHaveLength(run.postingsNew);
  });

  it('makes no LLM call and stops at page 1 when nothing is new', async () => {
    await h.search();
    h.llm.reset();
    h.board.resetStats();
    const again = await h.search();
    expect(again).toMatchObject({
      status: 'completed',
      stopReason: 'early_exit',
      pagesScraped: 1,
      pagesSaved: 9,
      postingsNew: 0,
      llmCalls: 0,
    });
    expect(again.llmSaved).toBe(h.board.postingsPerPage);
    expect(h.llm.calls()).toBe(0);
    expect(h.board.stats()).toEqual({ listRequests: 1, detailRequests: 0 });
  });

  it('evaluates only the new postings on top of page 1 and exits early at the first all-duplicate page', async () => {
    await h.search();
    h.board.advance(5, 'IT');
    h.llm.reset();
    const run = await h.search();
    // Page 1 holds the 5 new postings and 5 known ones; page 2 is all duplicates.
    expect(run).toMatchObject({ stopReason: 'early_exit', pagesScraped: 2, postingsNew: 5, llmCalls: 5 });
    expect(h.llm.calls()).toBe(5);
    const history = await testSql(h.t.store).query<{ page_number: number; new_jobs: number; duplicate_jobs: number }>(
      `SELECT page_number, new_jobs, duplicate_jobs FROM scrape_history WHERE run_id = ? ORDER BY page_number`,
      [run.id],
    );
    expect(history).toEqual([
      { page_number: 1, new_jobs: 5, duplicate_jobs: 5 },
      { page_number: 2, new_jobs: 0, duplicate_jobs: 10 },
    ]);
  });

  it('reuses the evaluation of a posting seen under another term: one LLM call for two terms', async () => {
    const first = await h.search({ searchTerm: 'IT' });
    h.llm.reset();
    const second = await h.search({ searchTerm: 'analyst' });
    const itUrls = new Set(h.board.listing('IT'));
    const overlap = h.board.listing('analyst').filter((u) => itUrls.has(u)).length;
    expect(overlap).toBeGreaterThan(0);
    expect(second.postingsReused).toBe(overlap);
    expect(second.llmCalls).toBe(h.board.totalPostings('analyst') - overlap);
    expect(h.llm.calls()).toBe(second.llmCalls);
    expect(first.llmCalls).toBe(h.board.totalPostings('IT'));
    const shared = [...itUrls].find((u) => h.board.listing('analyst').includes(u))!;
    const rows = await h.t.store.getMatchesByUrl(shared);
    expect(rows.map((r) => r.searchTerm).sort()).toEqual(['IT', 'analyst']);
    expect(rows[0]!.overallMatch).toBe(rows[1]!.overallMatch);
  });

  it('re-evaluates everything for a new CV and keeps the old rows', async () => {
    await h.search();
    h.llm.reset();
    const run = await h.search({ cv: { ...CV, cvKey: 'ffffffffffffffff', text: `${CV.text} Rust.` } });
    expect(run.llmCalls).toBe(h.board.totalPostings('IT'));
    expect((await h.t.store.tableCounts()).jobMatches).toBe(2 * h.board.totalPostings('IT'));
    // Details are not fetched again: the postings are remembered.
    expect(h.board.stats().detailRequests).toBe(h.board.totalPostings('IT'));
  });

  it('retries through 429 and 500 answers, and leaves a garbage-twice posting unevaluated for the next run', async () => {
    h.llm.setFaults({ rateLimit: 1, serverError: 2 });
    const run = await h.search({ concurrency: 1, maxPages: 1 });
    expect(run).toMatchObject({ llmFailed: 0, postingsNew: 10 });
    expect((await h.t.store.listMatches({ limit: 200 })).items).toHaveLength(10);

    h.board.advance(1, 'IT');
    h.llm.setFaults({ garbage: 2 });
    const failing = await h.search({ concurrency: 1, maxPages: 1 });
    expect(failing).toMatchObject({ llmFailed: 1, postingsNew: 1 });
    expect((await h.t.store.tableCounts()).jobMatches).toBe(10);
    const retried = await h.search({ concurrency: 1, maxPages: 1 });
    expect(retried).toMatchObject({ postingsNew: 1, llmFailed: 0, llmCalls: 1 });
    expect((await h.t.store.tableCounts()).jobMatches).toBe(11);
  });

  it('records a timeout as a failed evaluation, never as a score', async () => {
    h.llm.setFaults({ timeoutMs: 1500 });
    const impatient = new OpenAIMatcher({
      apiKey: 'test-key',
      baseURL: h.llm.baseURL,
      retryBaseMs: 5,
      maxRetries: 1,
      timeoutMs: 300,
    });
    const run = await h.search({ maxPages: 1, concurrency: 10, matcher: impatient });
    expect(run.llmFailed).toBe(10);
    expect((await h.t.store.tableCounts()).jobMatches).toBe(0);
    const outcomes = await testSql(h.t.store).query<{ outcome: string }>(`SELECT DISTINCT outcome FROM llm_usage`);
    expect(outcomes.map((o) => o.outcome)).toEqual(['timeout']);
  }, 60_000);

  it('survives board 500s with retries, and fails clearly on a block page', async () => {
    h.board.setFaults({ serverErrors: 2 });
    expect((await h.search({ maxPages: 1 })).postingsNew).toBe(10);
    h.board.setFaults({ blockPage: true });
    const blocked = await h.search();
    expect(blocked).toMatchObject({ status: 'failed', stopReason: 'blocked', postingsSeen: 0 });
    expect(blocked.error).toMatch(/block page/);
  });

  it('ends at a repeated last page instead of reading it as duplicates', async () => {
    h.board.setFaults({ repeatLastPage: true });
    const run = await h.search({ maxPages: 10, earlyExitAfter: 3 });
    expect(run.stopReason).toBe('repeated_page');
    expect(run.postingsNew).toBe(h.board.totalPostings('IT'));
  });

  it('reports changed markup as a source error, never as an empty result', async () => {
    h.board.setFaults({ changedMarkup: true });
    const run = await h.search();
    expect(run).toMatchObject({ status: 'failed', stopReason: 'source_error', pagesScraped: 0 });
    expect(run.error).toMatch(/selector/i);
  });

  it('stops cleanly when the LLM call budget is used up; the rest is evaluated next run', async () => {
    const run = await h.search({ llmCallBudget: 4, concurrency: 2 });
    expect(run).toMatchObject({ status: 'completed', stopReason: 'budget_exhausted', llmCalls: 4 });
    expect(h.llm.calls()).toBe(4);
    const next = await h.search();
    expect(next.llmCalls).toBe(h.board.totalPostings('IT') - 4);
  });

  it('can be cancelled; evaluations made so far are kept and the run says so', async () => {
    h.llm.setFaults({ timeoutMs: 200, timeouts: 1000 });
    const controller = new AbortController();
    const started = await startSearch({
      store: h.t.store,
      searchTerm: 'IT',
      cv: CV,
      source: demoBoardSource(h.board.url),
      matcher: h.matcher,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'evaluated') controller.abort();
      },
    });
    expect(started.run.status).toBe('running');
    const run = await started.done;
    expect(run.status).toBe('cancelled');
    expect(run.llmCalls).toBeLessThan(h.board.totalPostings('IT'));
    expect((await h.t.store.getRun(run.id))?.status).toBe('cancelled');
  });

  it('marks a run aborted for shutdown as interrupted, not cancelled', async () => {
    const controller = new AbortController();
    const started = await startSearch({
      store: h.t.store,
      searchTerm: 'IT',
      cv: CV,
      source: demoBoardSource(h.board.url),
      matcher: h.matcher,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'page')
          controller.abort(new JobSearchError('CANCELLED', 'shutting down', { details: { interrupted: true } }));
      },
    });
    expect(await started.done).toMatchObject({ status: 'interrupted', stopReason: 'interrupted' });
  });

  it('runs offline with the heuristic matcher, labelled as such', async () => {
    const run = await h.search({ matcher: new HeuristicMatcher() });
    expect(run).toMatchObject({ matcher: 'heuristic', llmCalls: 0, postingsNew: h.board.totalPostings('IT') });
    const page = await h.t.store.listMatches({ limit: 5 });
    expect(page.items.every((m) => m.matcher === 'heuristic' && m.model === 'heuristic-v1')).toBe(true);
  });
});
