import { JobSearchError, errorMessage } from '../errors.js';
import { cancellableWait, cancelledError } from './cancellable-wait.js';

export interface RetryPolicy {
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  /** Attempts after the first one. */
  retries: number;
  /** First backoff; doubles with each retry, with jitter. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this fails the request instead of stalling the run. */
  maxRetryAfterMs: number;
}

export interface FetchTextRequest {
  fetch: typeof globalThis.fetch;
  headers: Record<string, string>;
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
  /** Runs before every attempt (the polite per-host delay). */
  beforeAttempt?: (signal: AbortSignal | undefined) => Promise<void>;
}

export interface TextResponse {
  status: number;
  body: string;
}

interface FailedAttempt {
  reason: string;
  status?: number;
  retryAfterMs?: number;
}

/**
 * GET `url` as text. Network errors, timeouts, 408, 429 and 5xx are retried with exponential
 * backoff and jitter (honouring Retry-After); any other status is returned for the caller to
 * interpret. Fails with SOURCE_ERROR once retries are used up, CANCELLED when `signal` aborts.
 */
export async function fetchTextWithRetry(url: string, request: FetchTextRequest): Promise<TextResponse> {
  const { policy, signal } = request;
  let failure: FailedAttempt = { reason: 'no attempt made' };
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    await request.beforeAttempt?.(signal);
    const outcome = await attemptOnce(url, request);
    if ('body' in outcome) return outcome;
    failure = outcome;
    if (attempt === policy.retries) break;
    const retryAfterMs = failure.retryAfterMs;
    if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
      throw new JobSearchError(
        'SOURCE_ERROR',
        `${url} answered ${failure.reason} and asks to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying; ` +
          'the board is rate-limiting this client. Try again later or lower the request rate (delayMs).',
        { details: { url, status: failure.status, retryAfterMs } },
      );
    }
    const backoff = jitteredBackoff(attempt, policy);
    await cancellableWait(Math.max(backoff, retryAfterMs ?? 0), signal, `Request to ${url}`);
  }
  throw new JobSearchError(
    'SOURCE_ERROR',
    `${url} failed after ${policy.retries + 1} attempt(s), last: ${failure.reason}. ` +
      'The board may be down, slow or blocking this client; try again later or raise timeoutMs/retries.',
    { details: { url, attempts: policy.retries + 1, status: failure.status } },
  );
}

async function attemptOnce(url: string, request: FetchTextRequest): Promise<TextResponse | FailedAttempt> {
  const timeout = AbortSignal.timeout(request.policy.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  try {
    const response = await request.fetch(url, { headers: request.headers, signal, redirect: 'follow' });
    if (isRetryableStatus(response.status)) {
      // Release the connection without reading a body nobody needs.
      await response.body?.cancel().catch(() => undefined);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      return {
        reason: `HTTP ${response.status}`,
        status: response.status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    return { status: response.status, body: await response.text() };
  } catch (error) {
    if (request.signal?.aborted) throw cancelledError(`Request to ${url}`, request.signal);
    if (timeout.aborted) return { reason: `no complete answer within ${request.policy.timeoutMs} ms` };
    return { reason: networkErrorReason(error) };
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function jitteredBackoff(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** attempt);
  // "Equal jitter": never retry immediately, yet spread out clients that failed together.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkErrorReason(error: unknown): string {
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, …) in `cause`.
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? `${errorMessage(error)} (${errorMessage(cause)})` : errorMessage(error);
}
