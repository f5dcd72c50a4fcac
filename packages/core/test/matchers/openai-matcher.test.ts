import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isJobSearchError, type JobSearchError } from '../../src/errors.js';
import {
  MatchScoresSchema,
  OpenAIMatcher,
  costOfCall,
  type CvForMatch,
  type OpenAIMatcherOptions,
  type PostingForMatch,
} from '../../src/matchers/index.js';
import { startLlmStub, type LlmStub } from '../../src/testing/llm-stub-server.js';
import { DEFAULT_MODEL } from '../../src/matchers/model-table.js';

const posting: PostingForMatch = {
  url: 'https://www.ostjob.ch/job/data-analyst/1034904',
  title: 'Data Analyst (m/w/d)',
  company: 'Tech Solutions AG',
  location: '9000 St. Gallen',
  description: 'Analysing data and creating reports using SQL and Python. Working with Power BI dashboards.',
  skills: ['SQL', 'Python', 'Power BI'],
  salaryRange: '80-100%',
  postingDate: '01.04.2026',
};
const cv: CvForMatch = {
  cvKey: '0123456789abcdef',
  text: 'Jane Muster, St. Gallen. Data analyst with five years of SQL and Python.',
  summary: null,
};

let stub: LlmStub;
beforeAll(async () => {
  stub = await startLlmStub();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => {
  stub.reset();
});

function matcher(options: Partial<OpenAIMatcherOptions> = {}): OpenAIMatcher {
  return new OpenAIMatcher({ apiKey: 'test-key', baseURL: stub.baseURL, retryBaseMs: 1, timeoutMs: 5_000, ...options });
}

async function cancelled(promise: Promise<unknown>): Promise<JobSearchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isJobSearchError(error, 'CANCELLED')) throw new Error(`expected CANCELLED, got ${String(error)}`);
  return error;
}

describe('OpenAIMatcher against the stub', () => {
  it('scores a posting through the SDK and records tokens and cost', async () => {
    const result = await matcher().evaluate(posting, cv);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(MatchScoresSchema.parse(result.scores)).toEqual(result.scores);
    expect(result.calls).toHaveLength(1);
    const [call] = result.calls;
    expect(call).toMatchObject({
      purpose: 'match',
      model: DEFAULT_MODEL,
      outcome: 'ok',
      attempts: 1,
      priceKnown: true,
    });
    expect(call!.promptTokens).toBeGreaterThan(0);
    expect(call!.completionTokens).toBeGreaterThan(0);
    // A reasoning model: its reasoning tokens are part of the completion tokens.
    expect(call!.reasoningTokens).toBeGreaterThan(0);
    expect(call!.reasoningTokens).toBeLessThan(call!.completionTokens);
    // First sight of the instructions and the candidate: nothing cached yet.
    expect(call!.cachedTokens).toBe(0);
    expect(call!.costUsd).toBeCloseTo((call!.promptTokens * 0.1 + call!.completionTokens * 0.5) / 1e6, 12);

    // Instructions and this short CV are under the 1,024 tokens a provider caches at least: the next
    // posting for the same CV is not served from the cache.
    const short = await matcher().evaluate({ ...posting, title: 'Data Engineer' }, cv);
    expect(short.calls[0]!.cachedTokens).toBe(0);

    // A full CV (no summary) makes the shared prefix long enough: the next posting for it is served
    // the instructions and the CV from the cache, priced as cached input.
    const fullCv: CvForMatch = {
      ...cv,
      summary: null,
      text: `${cv.text}\n${'2019–2024 Senior data analyst at Ostbank AG: SQL models, Python pipelines, Power BI reporting for 40 branches.\n'.repeat(40)}`,
    };
    await matcher().evaluate(posting, fullCv);
    const next = await matcher().evaluate({ ...posting, title: 'Data Engineer' }, fullCv);
    const again = next.calls[0]!;
    expect(again.cachedTokens).toBeGreaterThanOrEqual(1_024);
    expect(again.cachedTokens % 128).toBe(0);
    expect(again.cachedTokens).toBeLessThan(again.promptTokens);
    const expected =
      ((again.promptTokens - again.cachedTokens) * 0.1 + again.cachedTokens * 0.01 + again.completionTokens * 0.5) /
      1e6;
    expect(again.costUsd).toBeCloseTo(expected, 12);

    const [request] = stub.requests();
    const prompt = JSON.stringify(request!.messages);
    for (const part of [
      'Data Analyst',
      'Tech Solutions AG',
      'Power BI',
      '9000 St. Gallen',
      '80-100%',
      '01.04.2026',
      'Jane Muster',
    ]) {
      expect(prompt).toContain(part);
    }
    expect(request!.body).toMatchObject({ response_format: { type: 'json_schema', json_schema: { strict: true } } });
    // A reasoning model takes only its default temperature; the standard tier unless Flex is asked for.
    expect(request!.body).not.toHaveProperty('temperature');
    expect(request!.body).not.toHaveProperty('service_tier');
  });

  it('sends evaluations at the Flex tier and prices them at the Flex share', async () => {
    const result = await matcher({ serviceTier: 'flex' }).evaluate(posting, cv);

    expect(result.ok).toBe(true);
    expect(stub.requests()[0]!.body).toMatchObject({ service_tier: 'flex' });
    const [call] = result.calls;
    expect(call).toMatchObject({ outcome: 'ok', serviceTier: 'flex' });
    const standard = costOfCall(DEFAULT_MODEL, call!);
    expect(call!.costUsd).toBeCloseTo(standard.costUsd * 0.5, 15);
  });

  it('retries a Flex "resource unavailable" with backoff, then sends the evaluation at the default tier', async () => {
    stub.setFaults({ flexUnavailable: 100, retryAfterMs: 0 });
    const result = await matcher({ serviceTier: 'flex', maxRetries: 2 }).evaluate(posting, cv);

    expect(result.ok).toBe(true);
    // One logical Flex call of 3 requests (2 retries), then one standard call.
    expect(stub.requests().map((r) => [r.body.service_tier ?? 'default', r.status])).toEqual([
      ['flex', 429],
      ['flex', 429],
      ['flex', 429],
      ['default', 200],
    ]);
    expect(result.calls).toHaveLength(2);
    expect(result.calls[0]).toMatchObject({ outcome: 'rate_limited', attempts: 3, flexUnavailable: true, costUsd: 0 });
    expect(result.calls[1]).toMatchObject({ outcome: 'ok', attempts: 1 });
    expect(result.calls[1]!.serviceTier).toBe('default');
    expect(result.calls[1]!.costUsd).toBeCloseTo(costOfCall(DEFAULT_MODEL, result.calls[1]!).costUsd, 15);
  });

  it('takes the tier from the evaluation options over its own setting', async () => {
    const m = matcher({ serviceTier: 'default' });
    const flex = await m.evaluate(posting, cv, { serviceTier: 'flex' });
    const standard = await matcher({ serviceTier: 'flex' }).evaluate(posting, cv, { serviceTier: 'default' });

    expect(stub.requests().map((r) => r.body.service_tier ?? 'default')).toEqual(['flex', 'default']);
    expect(flex.calls[0]!.serviceTier).toBe('flex');
    expect(standard.calls[0]!.serviceTier).toBe('default');
  });

  it('sends a model without a Flex tier at the default tier, at its standard price', async () => {
    const result = await matcher({ model: 'gpt-4o-mini', serviceTier: 'flex' }).evaluate(posting, cv);

    expect(result.ok).toBe(true);
    expect(stub.requests()[0]!.body).not.toHaveProperty('service_tier');
    expect(result.calls[0]!.serviceTier).toBe('default');
    expect(result.calls[0]!.costUsd).toBeCloseTo(costOfCall('gpt-4o-mini', result.calls[0]!).costUsd, 15);
  });

  it('counts a fallback even when the default tier then fails too', async () => {
    stub.setFaults({ flexUnavailable: 'always', serverError: 100, retryAfterMs: 0 });
    const result = await matcher({ serviceTier: 'flex', maxRetries: 0 }).evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(result.calls.map((c) => [c.serviceTier, c.outcome, c.flexUnavailable ?? false])).toEqual([
      ['flex', 'rate_limited', true],
      ['default', 'server_error', false],
    ]);
  });

  it('does not fall back on an ordinary rate limit at the Flex tier', async () => {
    stub.setFaults({ rateLimit: 100, retryAfterMs: 0 });
    const result = await matcher({ serviceTier: 'flex', maxRetries: 1 }).evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(stub.calls()).toBe(2);
  });

  it('gives the same answer for the same posting and CV', async () => {
    const m = matcher();
    const first = await m.evaluate(posting, cv);
    const second = await m.evaluate(posting, cv);
    const other = await m.evaluate({ ...posting, title: 'Controller' }, cv);

    expect(first.ok && second.ok && other.ok).toBe(true);
    if (!first.ok || !second.ok || !other.ok) return;
    expect(second.scores).toEqual(first.scores);
    expect(other.scores.reasoning).not.toBe(first.scores.reasoning);
  });

  it('records reasoning tokens and sends no temperature to a reasoning model', async () => {
    const result = await matcher({ model: 'gpt-5-mini' }).evaluate(posting, cv);

    expect(result.calls[0]!.reasoningTokens).toBeGreaterThan(0);
    expect(result.calls[0]!.costUsd).toBeGreaterThan(0);
    expect(stub.requests()[0]!.body).not.toHaveProperty('temperature');
  });

  it('retries after a 429 and succeeds on the second attempt', async () => {
    stub.setFaults({ rateLimit: 1, retryAfterMs: 0 });

    const result = await matcher().evaluate(posting, cv);

    expect(result.ok).toBe(true);
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]).toMatchObject({ outcome: 'ok', attempts: 2 });
    expect(stub.calls()).toBe(2);
    expect(stub.successfulCalls()).toBe(1);
  });

  it("waits as long as the server's Retry-After asks", async () => {
    stub.setFaults({ rateLimit: 1, retryAfterMs: 300 });

    const started = performance.now();
    const result = await matcher({ retryBaseMs: 1 }).evaluate(posting, cv);

    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(result.calls[0]!.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('gives up after the retries on persistent 500s without producing a score', async () => {
    stub.setFaults({ serverError: 100 });

    const result = await matcher({ maxRetries: 2 }).evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('scores');
    expect(result.calls).toEqual([expect.objectContaining({ outcome: 'server_error', attempts: 3, costUsd: 0 })]);
    expect(stub.calls()).toBe(3);
    if (!result.ok) expect(result.error).toMatch(/500/);
  });

  it('reports a timeout when the server answers slower than the timeout', async () => {
    stub.setFaults({ timeoutMs: 2_000 });

    const result = await matcher({ timeoutMs: 100, maxRetries: 1 }).evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(result.calls).toEqual([expect.objectContaining({ outcome: 'timeout', attempts: 2 })]);
    expect(stub.successfulCalls()).toBe(0);
  });

  it('retries a timed-out request and succeeds when the server recovers', async () => {
    stub.setFaults({ timeoutMs: 2_000, timeouts: 1 });

    const result = await matcher({ timeoutMs: 150 }).evaluate(posting, cv);

    expect(result.ok).toBe(true);
    expect(result.calls[0]).toMatchObject({ outcome: 'ok', attempts: 2 });
  });

  it('retries connection errors and reports them as errors', async () => {
    const gone = await startLlmStub();
    await gone.close();

    const result = await matcher({ baseURL: gone.baseURL, maxRetries: 1 }).evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(result.calls).toEqual([expect.objectContaining({ outcome: 'error', attempts: 2 })]);
  });

  it('does not retry a 404 and says what to check', async () => {
    const result = await matcher({ baseURL: stub.baseURL.replace(/\/v1$/, '/wrong/v1') }).evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(result.calls).toEqual([expect.objectContaining({ outcome: 'error', attempts: 1 })]);
    if (!result.ok) expect(result.error).toMatch(/base URL/);
  });

  it('asks again once after a garbage answer and records both calls', async () => {
    stub.setFaults({ garbage: 1 });

    const result = await matcher().evaluate(posting, cv);

    expect(result.ok).toBe(true);
    expect(result.calls.map((c) => c.outcome)).toEqual(['invalid_response', 'ok']);
    // The garbage answer was paid for, so its tokens count.
    expect(result.calls[0]!.costUsd).toBeGreaterThan(0);
    expect(result.calls[0]!.error).toMatch(/not JSON/);
  });

  it('fails after two garbage answers and never returns a score', async () => {
    stub.setFaults({ garbage: 2 });

    const result = await matcher().evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('scores');
    expect(result.calls.map((c) => c.outcome)).toEqual(['invalid_response', 'invalid_response']);
    expect(stub.calls()).toBe(2);
  });

  it('rejects an answer with a score out of range', async () => {
    stub.setFaults({ schemaViolation: 2 });

    const result = await matcher().evaluate(posting, cv);

    expect(result.ok).toBe(false);
    expect(result.calls.map((c) => c.outcome)).toEqual(['invalid_response', 'invalid_response']);
    if (!result.ok) expect(result.error).toMatch(/skills_match/);
  });

  it('throws CANCELLED when aborted while waiting for the answer', async () => {
    stub.setFaults({ timeoutMs: 10_000 });
    const controller = new AbortController();

    const evaluation = matcher().evaluate(posting, cv, { signal: controller.signal });
    await vi.waitFor(() => expect(stub.calls()).toBe(1));
    controller.abort();

    await cancelled(evaluation);
  });

  it('throws CANCELLED when aborted during a backoff instead of waiting it out', async () => {
    stub.setFaults({ rateLimit: 1, retryAfterMs: 20_000 });
    const controller = new AbortController();

    const evaluation = matcher().evaluate(posting, cv, { signal: controller.signal });
    await vi.waitFor(() => expect(stub.requests()[0]?.status).toBe(429));
    const abortedAt = performance.now();
    controller.abort();

    const error = await cancelled(evaluation);
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(error.details?.calls).toEqual([]);
    expect(stub.calls()).toBe(1);
  });

  it('makes no request when the signal is already aborted', async () => {
    await cancelled(matcher().evaluate(posting, cv, { signal: AbortSignal.abort() }));
    expect(stub.calls()).toBe(0);
  });

  it('summarises a CV with one plain-text call', async () => {
    const { summary, calls } = await matcher().summarizeCv('Jane Muster\nData analyst in St. Gallen, SQL, Python.');

    expect(summary.length).toBeGreaterThan(0);
    expect(calls).toEqual([expect.objectContaining({ purpose: 'cv_summary', outcome: 'ok', attempts: 1 })]);
    expect(stub.requests()[0]!.body).not.toHaveProperty('response_format');
    expect(JSON.stringify(stub.requests()[0]!.messages)).toContain('Data analyst in St. Gallen');
  });

  it('throws LLM_ERROR when the CV summary call fails for good', async () => {
    stub.setFaults({ serverError: 10 });

    const error = await matcher({ maxRetries: 1 })
      .summarizeCv('Jane Muster')
      .catch((e: unknown) => e);

    expect(isJobSearchError(error, 'LLM_ERROR')).toBe(true);
    expect((error as JobSearchError).message).toMatch(
      /^The LLM could not summarise the CV: 500 .*\(stub\)\. Check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL, then try again\.$/,
    );
    expect((error as JobSearchError).details?.calls).toEqual([
      expect.objectContaining({ outcome: 'server_error', attempts: 2 }),
    ]);
  });

  it('estimates the cost of an evaluation, first from typical tokens, then from observed calls', async () => {
    const m = matcher();
    expect(m.estimatedCostPerEvaluation()).toBeCloseTo(
      costOfCall(DEFAULT_MODEL, { promptTokens: 1_500, completionTokens: 350, cachedTokens: 0 }).costUsd,
      12,
    );

    const result = await m.evaluate(posting, cv);

    expect(m.estimatedCostPerEvaluation()).toBeCloseTo(result.calls[0]!.costUsd, 12);
  });

  it('flags a model without a price instead of failing, and takes configured prices', async () => {
    const unpriced = await matcher({ model: 'local-llama' }).evaluate(posting, cv);
    expect(unpriced.ok).toBe(true);
    expect(unpriced.calls[0]).toMatchObject({ costUsd: 0, priceKnown: false });

    const priced = await matcher({
      model: 'local-llama',
      prices: { 'local-llama': { input: 1, cachedInput: 1, output: 1 } },
    }).evaluate(posting, cv);
    const call = priced.calls[0]!;
    expect(call.priceKnown).toBe(true);
    expect(call.costUsd).toBeCloseTo((call.promptTokens + call.completionTokens) / 1e6, 12);
  });

  it('refuses to start without an API key', () => {
    expect(() => new OpenAIMatcher({ apiKey: ' ' })).toThrow(/OPENAI_API_KEY/);
  });
});
