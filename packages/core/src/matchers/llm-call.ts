import { setTimeout as sleep } from 'node:timers/promises';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { JobSearchError, errorMessage } from '../errors.js';
import { nowIso } from '../time.js';
import { costOfCall, priceOf, type PriceTable, type ServiceTier } from './prices.js';
import type { LlmCallRecord, LlmOutcome } from './types.js';

export interface RetryPolicy {
  /** Further attempts after the first one, for 429, 5xx, timeouts and connection errors. */
  maxRetries: number;
  /** First backoff; doubles with every retry. */
  retryBaseMs: number;
  /** Upper bound for any wait, including a server's Retry-After. */
  maxRetryDelayMs: number;
}

export interface LlmCallSpec {
  purpose: LlmCallRecord['purpose'];
  model: string;
  prices: PriceTable;
  /** The tier asked for; the answer's `service_tier` says which one served it. */
  tier: ServiceTier;
  policy: RetryPolicy;
  signal: AbortSignal | undefined;
  /** One HTTP request; must pass the signal on to the SDK. */
  send: (signal: AbortSignal | undefined) => Promise<ChatCompletion>;
}

interface Failure {
  outcome: LlmOutcome;
  retryable: boolean;
  retryAfterMs: number | undefined;
}

/**
 * Runs one logical LLM call with its own retry loop (the SDK's retries are off), so that every
 * attempt is counted and the final outcome is precise. Appends the call's record to `calls` and
 * returns the completion, or undefined when the call failed for good. Cancellation throws
 * CANCELLED carrying the calls recorded so far, because their cost has been spent.
 */
export async function callWithRetries(
  spec: LlmCallSpec,
  calls: LlmCallRecord[],
): Promise<{ completion: ChatCompletion; record: LlmCallRecord } | undefined> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(spec.signal, calls);
    try {
      const completion = await spec.send(spec.signal);
      const record = successRecord(spec, completion, attempt, performance.now() - started);
      calls.push(record);
      return { completion, record };
    } catch (error) {
      throwIfCancelled(spec.signal, calls, error);
      const failure = classify(error);
      if (!failure.retryable || attempt > spec.policy.maxRetries) {
        calls.push(failureRecord(spec, failure.outcome, attempt, performance.now() - started, error));
        return undefined;
      }
      await backoff(spec, attempt, failure.retryAfterMs, calls);
    }
  }
}

function successRecord(
  spec: LlmCallSpec,
  completion: ChatCompletion,
  attempts: number,
  latencyMs: number,
): LlmCallRecord {
  const usage = {
    promptTokens: completion.usage?.prompt_tokens ?? 0,
    completionTokens: completion.usage?.completion_tokens ?? 0,
    cachedTokens: completion.usage?.prompt_tokens_details?.cached_tokens ?? 0,
  };
  // The answer names the tier that served it, which may differ from the one asked for.
  const served = completion.service_tier ?? spec.tier;
  const tier: ServiceTier = served === 'flex' ? 'flex' : 'default';
  const { costUsd, priced } = costOfCall(spec.model, usage, spec.prices, tier);
  return {
    purpose: spec.purpose,
    model: spec.model,
    ...usage,
    reasoningTokens: completion.usage?.completion_tokens_details?.reasoning_tokens ?? 0,
    costUsd,
    priceKnown: priced,
    latencyMs: Math.round(latencyMs),
    outcome: 'ok',
    attempts,
    at: nowIso(),
    serviceTier: served,
  };
}

function failureRecord(
  spec: LlmCallSpec,
  outcome: LlmOutcome,
  attempts: number,
  latencyMs: number,
  error: unknown,
): LlmCallRecord {
  return {
    purpose: spec.purpose,
    model: spec.model,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    priceKnown: priceOf(spec.model, spec.prices) !== undefined,
    latencyMs: Math.round(latencyMs),
    outcome,
    attempts,
    error: describeFailure(error),
    at: nowIso(),
    serviceTier: spec.tier,
    ...(spec.tier === 'flex' && isFlexUnavailable(error) ? { flexUnavailable: true } : {}),
  };
}

function classify(error: unknown): Failure {
  // Timeout before connection error: the SDK's timeout error is a subclass of it.
  if (error instanceof APIConnectionTimeoutError)
    return { outcome: 'timeout', retryable: true, retryAfterMs: undefined };
  if (error instanceof APIConnectionError) return { outcome: 'error', retryable: true, retryAfterMs: undefined };
  if (error instanceof APIError && typeof error.status === 'number') {
    const retryAfterMs = retryAfterOf(error.headers);
    // OpenAI answers 429 also when the account is out of credit; waiting does not help then.
    if (error.status === 429)
      return { outcome: 'rate_limited', retryable: error.code !== 'insufficient_quota', retryAfterMs };
    if (error.status === 408) return { outcome: 'timeout', retryable: true, retryAfterMs };
    if (error.status >= 500) return { outcome: 'server_error', retryable: true, retryAfterMs };
  }
  return { outcome: 'error', retryable: false, retryAfterMs: undefined };
}

/** OpenAI answers a Flex request it has no capacity for with 429 "Resource Unavailable". */
export function isFlexUnavailable(error: unknown): boolean {
  return (
    error instanceof APIError &&
    error.status === 429 &&
    (error.code === 'resource_unavailable' || /resource unavailable/i.test(error.message))
  );
}

function describeFailure(error: unknown): string {
  if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
    return `${errorMessage(error)} — the API key was rejected; check OPENAI_API_KEY and the base URL.`;
  }
  if (error instanceof APIError && error.status === 404) {
    return `${errorMessage(error)} — check the model name and the base URL (it usually ends in /v1).`;
  }
  return errorMessage(error);
}

/** OpenAI sends `retry-after-ms`; other servers send the standard `Retry-After` (seconds or a date). */
function retryAfterOf(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (value == null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function backoff(
  spec: LlmCallSpec,
  attempt: number,
  retryAfterMs: number | undefined,
  calls: LlmCallRecord[],
): Promise<void> {
  // Jitter keeps concurrent evaluations that failed together from retrying in lockstep.
  const exponential = spec.policy.retryBaseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.25);
  const delay = Math.min(spec.policy.maxRetryDelayMs, Math.max(exponential, retryAfterMs ?? 0));
  try {
    await sleep(delay, undefined, spec.signal ? { signal: spec.signal } : undefined);
  } catch (error) {
    throwIfCancelled(spec.signal, calls, error);
    throw error;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined, calls: LlmCallRecord[], cause?: unknown): void {
  if (signal?.aborted || cause instanceof APIUserAbortError) {
    throw new JobSearchError(
      'CANCELLED',
      'The LLM call was cancelled before it finished; no evaluation was stored for it.',
      {
        cause: cause ?? signal?.reason,
        details: { calls: [...calls] },
      },
    );
  }
}
