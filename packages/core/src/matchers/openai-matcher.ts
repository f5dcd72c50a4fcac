import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { JobSearchError } from '../errors.js';
import { callWithRetries, type RetryPolicy } from './llm-call.js';
import { DEFAULT_MODEL } from './model-table.js';
import { MATCH_RESPONSE_FORMAT, parseMatchAnswer } from './match-answer.js';
import { matchMessages, summaryMessages } from './match-prompt.js';
import { type PriceTable, priceOf, type ServiceTier, typicalEvaluationCost, withPrices } from './prices.js';
import type { CvForMatch, LlmCallRecord, MatchOptions, MatchResult, Matcher, PostingForMatch } from './types.js';

export interface OpenAIMatcherOptions {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. `http://127.0.0.1:11434/v1`. */
  baseURL?: string;
  model?: string;
  /** Not sent to reasoning models (gpt-5*, o-series), which reject anything but their default. */
  temperature?: number;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Per HTTP request at the Flex tier, which queues requests and answers more slowly; 15 minutes when omitted. */
  flexTimeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  maxRetryDelayMs?: number;
  /** Prices for models the default table lacks, or overriding it. */
  prices?: PriceTable;
  /**
   * `flex` sends evaluations at the Flex tier (cheaper, slower, may lack capacity: a 429
   * "Resource Unavailable" is retried with backoff, then the call goes at the default tier).
   * The CV summary, once per CV, always uses the default tier. A model whose prices name no Flex
   * share (gpt-4o-mini, gpt-4.1-mini) has no Flex tier: its evaluations go at the default tier.
   */
  serviceTier?: ServiceTier;
}

// Explicit, so the SDK does not pick up OPENAI_BASE_URL behind the configuration's back.
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** An invalid answer is asked for once more; a second one means the model cannot do it for this posting. */
const ANSWER_TRIES = 2;

const REASONING_MODEL = /^(o\d|gpt-[5-9])/;

export class OpenAIMatcher implements Matcher {
  readonly name = 'openai';
  readonly usesLlm = true;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly temperature: number | undefined;
  private readonly prices: PriceTable;
  private readonly policy: RetryPolicy;
  readonly serviceTier: ServiceTier;
  private readonly flexTimeoutMs: number;
  private observedCostUsd = 0;
  private observedEvaluations = 0;

  constructor(options: OpenAIMatcherOptions) {
    if (options.apiKey.trim() === '') {
      throw new JobSearchError(
        'INVALID_INPUT',
        'The OpenAI matcher needs an API key: set OPENAI_API_KEY, or leave it unset to use the offline heuristic matcher.',
      );
    }
    this.model = options.model ?? DEFAULT_MODEL;
    this.serviceTier = options.serviceTier ?? 'default';
    this.temperature = options.temperature ?? (REASONING_MODEL.test(this.model) ? undefined : 0.2);
    this.prices = withPrices(options.prices);
    this.flexTimeoutMs = options.flexTimeoutMs ?? 900_000;
    this.policy = {
      maxRetries: options.maxRetries ?? 3,
      retryBaseMs: options.retryBaseMs ?? 1_000,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    };
    // Retries are ours (see callWithRetries), so the SDK must not retry behind our back.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? OPENAI_BASE_URL,
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: 0,
    });
  }

  async evaluate(posting: PostingForMatch, cv: CvForMatch, options: MatchOptions = {}): Promise<MatchResult> {
    const calls: LlmCallRecord[] = [];
    const body = this.body(matchMessages(posting, cv), MATCH_RESPONSE_FORMAT);
    let lastError = '';
    for (let round = 1; round <= ANSWER_TRIES; round++) {
      const result = await this.callAtTier(body, this.tierFor(options.serviceTier), options.signal, calls);
      if (result === undefined)
        return { ok: false, error: `The LLM call failed: ${calls.at(-1)?.error ?? 'unknown error'}`, calls };
      const message = result.completion.choices[0]?.message;
      const answer = message?.refusal
        ? { ok: false as const, error: `The model refused: ${message.refusal}` }
        : parseMatchAnswer(message?.content);
      if (answer.ok) {
        this.observe(calls);
        return { ok: true, scores: answer.scores, calls };
      }
      result.record.outcome = 'invalid_response';
      result.record.error = answer.error;
      lastError = answer.error;
    }
    return { ok: false, error: `No valid evaluation after ${ANSWER_TRIES} answers. ${lastError}`, calls };
  }

  async summarizeCv(cvText: string, options: MatchOptions = {}): Promise<{ summary: string; calls: LlmCallRecord[] }> {
    const calls: LlmCallRecord[] = [];
    const result = await callWithRetries(
      this.spec('cv_summary', this.body(summaryMessages(cvText)), options.signal),
      calls,
    );
    const summary = result?.completion.choices[0]?.message.content?.trim();
    if (result !== undefined && summary) return { summary, calls };
    if (result !== undefined) {
      result.record.outcome = 'invalid_response';
      result.record.error = 'The model returned an empty summary.';
    }
    const failure = (calls.at(-1)?.error ?? 'unknown error').replace(/\.+$/, '');
    throw new JobSearchError(
      'LLM_ERROR',
      `The LLM could not summarise the CV: ${failure}. Check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL, then try again.`,
      {
        details: { calls },
      },
    );
  }

  /** Mean cost of the evaluations seen so far; a typical evaluation's cost before the first one. */
  estimatedCostPerEvaluation(): number {
    if (this.observedEvaluations > 0) return this.observedCostUsd / this.observedEvaluations;
    return typicalEvaluationCost(this.model, this.prices, this.serviceTier).costUsd;
  }

  private observe(calls: LlmCallRecord[]): void {
    this.observedEvaluations += 1;
    this.observedCostUsd += calls.reduce((sum, call) => sum + call.costUsd, 0);
  }

  private body(
    messages: ChatCompletionCreateParamsNonStreaming['messages'],
    responseFormat?: ChatCompletionCreateParamsNonStreaming['response_format'],
  ): ChatCompletionCreateParamsNonStreaming {
    return {
      model: this.model,
      messages,
      ...(this.temperature === undefined ? {} : { temperature: this.temperature }),
      ...(responseFormat === undefined ? {} : { response_format: responseFormat }),
    };
  }

  /** Flex where asked for and the model has it; a model priced without a Flex share is served at the default tier. */
  private tierFor(requested: ServiceTier | undefined): ServiceTier {
    const tier = requested ?? this.serviceTier;
    if (tier !== 'flex') return 'default';
    const price = priceOf(this.model, this.prices);
    return price !== undefined && price.flexFactor === undefined ? 'default' : 'flex';
  }

  /** An evaluation at the given tier; when Flex has no capacity even after backoff, once more at the default tier. */
  private async callAtTier(
    body: ChatCompletionCreateParamsNonStreaming,
    tier: ServiceTier,
    signal: AbortSignal | undefined,
    calls: LlmCallRecord[],
  ) {
    const result = await callWithRetries(this.spec('match', body, signal, tier), calls);
    if (result !== undefined || !calls.at(-1)?.flexUnavailable) return result;
    return callWithRetries(this.spec('match', body, signal, 'default'), calls);
  }

  private spec(
    purpose: LlmCallRecord['purpose'],
    body: ChatCompletionCreateParamsNonStreaming,
    signal: AbortSignal | undefined,
    tier: ServiceTier = 'default',
  ) {
    const request: ChatCompletionCreateParamsNonStreaming = tier === 'flex' ? { ...body, service_tier: 'flex' } : body;
    return {
      purpose,
      model: this.model,
      prices: this.prices,
      tier,
      policy: this.policy,
      signal,
      send: (s: AbortSignal | undefined) =>
        this.client.chat.completions.create(request, {
          ...(s ? { signal: s } : {}),
          ...(tier === 'flex' ? { timeout: this.flexTimeoutMs } : {}),
        }),
    };
  }
}
