import type {
  CvForMatch,
  LlmCallRecord,
  MatchOptions,
  MatchResult,
  Matcher,
  PostingForMatch,
} from '@jobsearchai/core/matchers';

/** Token totals of a set of LLM calls, kept apart so the cost can be re-priced for any model. */
export interface TokenTotals {
  prompt: number;
  cached: number;
  completion: number;
}

/**
 * Wraps a matcher and keeps every LLM call record it reports, so both arms of the dedup
 * benchmark (legacy baseline and pipeline) are accounted for in exactly the same way.
 */
export class CountingMatcher implements Matcher {
  readonly #inner: Matcher;
  #calls: LlmCallRecord[] = [];

  constructor(inner: Matcher) {
    this.#inner = inner;
  }

  get name(): string {
    return this.#inner.name;
  }
  get model(): string | null {
    return this.#inner.model;
  }
  get usesLlm(): boolean {
    return this.#inner.usesLlm;
  }

  async evaluate(posting: PostingForMatch, cv: CvForMatch, options?: MatchOptions): Promise<MatchResult> {
    const result = await this.#inner.evaluate(posting, cv, options);
    this.#calls.push(...result.calls);
    return result;
  }

  async summarizeCv(cvText: string, options?: MatchOptions): Promise<{ summary: string; calls: LlmCallRecord[] }> {
    const result = await this.#inner.summarizeCv(cvText, options);
    this.#calls.push(...result.calls);
    return result;
  }

  estimatedCostPerEvaluation(): number {
    return this.#inner.estimatedCostPerEvaluation();
  }

  /** Calls since the last take(), and forgets them. */
  take(): LlmCallRecord[] {
    const calls = this.#calls;
    this.#calls = [];
    return calls;
  }
}

export function tokenTotals(calls: readonly LlmCallRecord[]): TokenTotals {
  const totals: TokenTotals = { prompt: 0, cached: 0, completion: 0 };
  for (const call of calls) {
    totals.prompt += call.promptTokens;
    totals.cached += call.cachedTokens;
    totals.completion += call.completionTokens;
  }
  return totals;
}
