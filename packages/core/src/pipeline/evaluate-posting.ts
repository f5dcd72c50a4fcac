import type { Logger } from 'pino';
import { errorMessage, isJobSearchError } from '../errors.js';
import type { ServiceTier } from '../matchers/prices.js';
import type { CvForMatch, Matcher, PostingForMatch } from '../matchers/types.js';
import type { JobPostingDetails, JobSource } from '../sources/types.js';
import type { Store } from '../store/store.js';
import type { PostingRecord, RunCounters } from '../store/types.js';
import { addCalls } from './run-counters.js';

export interface PostingToEvaluate {
  /** Canonical URL: the dedup key. */
  url: string;
  /** As the board linked it: what the detail page is fetched from. */
  boardUrl: string;
}

export interface EvaluationContext {
  store: Store;
  source: JobSource;
  matcher: Matcher;
  cv: CvForMatch;
  searchTerm: string;
  runId: number;
  counters: RunCounters;
  logger: Logger;
  signal: AbortSignal;
  /** The run's LLM processing tier; the matcher's own setting when absent. */
  serviceTier?: ServiceTier | undefined;
  /** Takes one LLM call from the run's budget; false when it is used up. */
  takeBudget: () => boolean;
}

export type EvaluationOutcome = 'evaluated' | 'reused' | 'failed' | 'budget_exhausted';

/**
 * Fetches the details (unless an earlier scrape already has them), asks the matcher and stores
 * the evaluation whatever its score. A failed evaluation is recorded in the ledger and left
 * unstored, so the next run tries it again.
 */
export async function evaluatePosting(
  ctx: EvaluationContext,
  posting: PostingToEvaluate,
  known: PostingRecord | undefined,
): Promise<{ outcome: EvaluationOutcome; score: number | null }> {
  const details = known?.detailsFetchedAt ? fromStoredPosting(known, posting) : await fetchDetails(ctx, posting);
  if (!details) return { outcome: 'failed', score: null };
  if (ctx.matcher.usesLlm && !ctx.takeBudget()) return { outcome: 'budget_exhausted', score: null };

  const result = await ctx.matcher.evaluate(toPostingForMatch(posting.url, details), ctx.cv, {
    signal: ctx.signal,
    ...(ctx.serviceTier ? { serviceTier: ctx.serviceTier } : {}),
  });
  addCalls(ctx.counters, result.calls);
  for (const call of result.calls) {
    await ctx.store.recordLlmUsage({
      ...call,
      runId: ctx.runId,
      jobUrl: posting.url,
      cvKey: ctx.cv.cvKey,
      error: call.error ?? null,
    });
  }
  if (!result.ok) {
    ctx.counters.llmFailed++;
    ctx.logger.warn({ url: posting.url, error: result.error }, 'evaluation failed; it will be retried on the next run');
    await ctx.store.recordEvent({
      kind: 'llm_error',
      severity: 'warning',
      component: 'pipeline',
      message: result.error,
      details: { url: posting.url },
      runId: ctx.runId,
    });
    return { outcome: 'failed', score: null };
  }
  const scores = result.scores;
  await ctx.store.insertMatch(
    {
      jobUrl: posting.url,
      searchTerm: ctx.searchTerm,
      cvKey: ctx.cv.cvKey,
      jobTitle: details.title || null,
      companyName: details.company ?? null,
      location: details.location ?? null,
      postingDate: details.postingDate ?? null,
      salaryRange: details.salaryRange ?? null,
      ...scores,
      scrapedData: details.raw,
      matcher: ctx.matcher.name,
      model: ctx.matcher.model,
      runId: ctx.runId,
      source: ctx.source.name,
    },
    // A stored failed evaluation (legacy score 0) is replaced by the real one.
    { onDuplicate: 'update' },
  );
  return { outcome: 'evaluated', score: scores.overallMatch };
}

async function fetchDetails(ctx: EvaluationContext, posting: PostingToEvaluate): Promise<JobPostingDetails | null> {
  try {
    const details = await ctx.source.fetchDetails(posting.boardUrl, { signal: ctx.signal });
    await ctx.store.upsertPostings([
      {
        url: posting.url,
        title: details.title || null,
        companyName: details.company ?? null,
        location: details.location ?? null,
        postingDate: details.postingDate ?? null,
        salaryRange: details.salaryRange ?? null,
        description: details.description ?? null,
        skills: details.skills ?? null,
        rawData: details.raw,
        source: ctx.source.name,
        detailsFetched: true,
      },
    ]);
    return details;
  } catch (error) {
    if (isJobSearchError(error, 'CANCELLED') || ctx.signal.aborted) throw error;
    ctx.logger.warn(
      { url: posting.boardUrl, error: errorMessage(error) },
      'could not fetch the posting; it will be retried on the next run',
    );
    await ctx.store.recordEvent({
      kind: 'scrape_error',
      severity: 'warning',
      component: 'pipeline',
      message: errorMessage(error),
      details: { url: posting.boardUrl },
      runId: ctx.runId,
    });
    return null;
  }
}

function fromStoredPosting(known: PostingRecord, posting: PostingToEvaluate): JobPostingDetails {
  return {
    url: posting.boardUrl,
    title: known.title ?? '',
    ...(known.companyName ? { company: known.companyName } : {}),
    ...(known.location ? { location: known.location } : {}),
    ...(known.postingDate ? { postingDate: known.postingDate } : {}),
    ...(known.salaryRange ? { salaryRange: known.salaryRange } : {}),
    ...(known.description ? { description: known.description } : {}),
    ...(known.skills ? { skills: known.skills } : {}),
    raw: (known.rawData as Record<string, unknown> | null) ?? {},
  };
}

/** What a matcher sees of a scraped posting (the pipeline and the benchmarks' legacy baseline). */
export function toPostingForMatch(url: string, details: JobPostingDetails): PostingForMatch {
  return {
    url,
    title: details.title,
    ...(details.company ? { company: details.company } : {}),
    ...(details.location ? { location: details.location } : {}),
    ...(details.description ? { description: details.description } : {}),
    ...(details.skills ? { skills: details.skills } : {}),
    ...(details.salaryRange ? { salaryRange: details.salaryRange } : {}),
    ...(details.postingDate ? { postingDate: details.postingDate } : {}),
  };
}
