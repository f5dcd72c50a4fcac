import { JobSearchError } from '../errors.js';
import type { BoardSelectors } from './board-selectors.js';
import { fetchTextWithRetry, type RetryPolicy, type TextResponse } from './fetch-with-retry.js';
import { HostThrottle } from './host-throttle.js';
import { parseDetailsHtml, parseResultsHtml } from './parse-board-html.js';
import type { FetchOptions, JobPostingDetails, JobSource, ResultsPage } from './types.js';

export interface HtmlBoardSourceOptions {
  name: string;
  /** Scheme, host and optional path prefix, e.g. `https://www.ostjob.ch`. */
  baseUrl: string;
  /** Path of a results page below `baseUrl`; `{term}` is URL-encoded, pages count from 1. */
  listUrlTemplate: string;
  selectors: BoardSelectors;
  /** Per request attempt, including the body. Default 15000. */
  timeoutMs?: number;
  /** Retries on network errors, timeouts, 408, 429 and 5xx. Default 3. */
  retries?: number;
  /** First retry backoff, doubled per retry, with jitter. Default 1000. */
  backoffMs?: number;
  /** Default 30000. */
  maxBackoffMs?: number;
  /** A longer Retry-After fails the request rather than stalling the run. Default 120000. */
  maxRetryAfterMs?: number;
  /** Polite gap between requests to the same host. Default 1000. */
  delayMs?: number;
  userAgent?: string;
  fetch?: typeof globalThis.fetch;
}

const DEFAULT_USER_AGENT = 'JobSearchAI/0.1 (personal job search; polite crawler)';

/**
 * A job board scraped through its HTML: results pages from a URL template, postings read with
 * CSS selectors. Results pages report `blocked` and `empty` explicitly; changed markup is an
 * error, never an empty page.
 */
export class HtmlBoardSource implements JobSource {
  readonly name: string;
  private readonly baseUrl: string;
  private readonly listUrlTemplate: string;
  private readonly selectors: BoardSelectors;
  private readonly policy: RetryPolicy;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly throttle: HostThrottle;

  constructor(options: HtmlBoardSourceOptions) {
    if (!URL.canParse(options.baseUrl)) {
      throw new JobSearchError(
        'INVALID_INPUT',
        `Job source "${options.name}": baseUrl "${options.baseUrl}" is not an absolute URL.`,
      );
    }
    if (!options.listUrlTemplate.includes('{term}') || !options.listUrlTemplate.includes('{page}')) {
      throw new JobSearchError(
        'INVALID_INPUT',
        `Job source "${options.name}": listUrlTemplate "${options.listUrlTemplate}" must contain {term} and {page}.`,
      );
    }
    this.name = options.name;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.listUrlTemplate = options.listUrlTemplate;
    this.selectors = options.selectors;
    this.policy = {
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
    };
    this.headers = {
      'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
      accept: 'text/html,application/xhtml+xml',
      'accept-language': 'de-CH,de;q=0.9,en;q=0.8',
    };
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.throttle = new HostThrottle(options.delayMs ?? 1_000);
  }

  /** The URL of results page `page` (from 1) for `term`. */
  listUrl(term: string, page: number): string {
    if (term.trim() === '') {
      throw new JobSearchError(
        'INVALID_INPUT',
        `Job source "${this.name}": the search term is empty; pass a term such as "IT".`,
      );
    }
    if (!Number.isInteger(page) || page < 1) {
      throw new JobSearchError(
        'INVALID_INPUT',
        `Job source "${this.name}": page ${page} is invalid; pages count from 1.`,
      );
    }
    const path = this.listUrlTemplate.replaceAll('{term}', encodeURIComponent(term)).replaceAll('{page}', String(page));
    return this.baseUrl + (path.startsWith('/') ? path : `/${path}`);
  }

  async fetchPage(term: string, page: number, options: FetchOptions = {}): Promise<ResultsPage> {
    const url = this.listUrl(term, page);
    const response = await this.get(url, options.signal);
    const base = { term, page, url };
    // Boards answer 404/410 for a page number past the last page.
    if (response.status === 404 || response.status === 410) return { ...base, status: 'empty', postings: [] };
    if (response.status === 403) return { ...base, status: 'blocked', postings: [] };
    this.assertOk(url, response);
    return { ...base, ...parseResultsHtml(response.body, url, this.selectors) };
  }

  async fetchDetails(url: string, options: FetchOptions = {}): Promise<JobPostingDetails> {
    const absolute = new URL(url, `${this.baseUrl}/`).href;
    const response = await this.get(absolute, options.signal);
    if (response.status === 404 || response.status === 410) {
      throw new JobSearchError(
        'NOT_FOUND',
        `Posting ${absolute} is no longer online (HTTP ${response.status}); skip it.`,
        {
          details: { url: absolute, status: response.status },
        },
      );
    }
    if (response.status === 403) {
      throw new JobSearchError(
        'SOURCE_ERROR',
        `${absolute} answered HTTP 403: the board is blocking this client. Wait before the next run or lower the request rate (delayMs).`,
        { details: { url: absolute, status: 403, blocked: true } },
      );
    }
    this.assertOk(absolute, response);
    return parseDetailsHtml(response.body, absolute, this.selectors);
  }

  private get(url: string, signal: AbortSignal | undefined): Promise<TextResponse> {
    const target = new URL(url);
    return fetchTextWithRetry(url, {
      fetch: this.fetchImpl,
      headers: this.headers,
      policy: this.policy,
      signal,
      beforeAttempt: (attemptSignal) => this.throttle.wait(target, attemptSignal),
    });
  }

  private assertOk(url: string, response: TextResponse): void {
    if (response.status >= 200 && response.status < 300) return;
    throw new JobSearchError(
      'SOURCE_ERROR',
      `${url} answered HTTP ${response.status}; check the source's baseUrl and listUrlTemplate.`,
      { details: { url, status: response.status } },
    );
  }
}
