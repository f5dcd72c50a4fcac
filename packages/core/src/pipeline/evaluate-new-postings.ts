import { copyEvaluation, reusableEvaluations } from '../dedup/evaluation-reuse.js';
import { isJobSearchError } from '../errors.js';
import type { MatchDetail } from '../store/types.js';
import { evaluatePosting, type PostingToEvaluate } from './evaluate-posting.js';
import { addSavedEvaluations } from './run-counters.js';
import type { RunSession } from './run-session.js';

/**
 * Evaluates the new postings of one page in the run's bounded pool, copying an evaluation of the
 * same CV made under another search term where there is one; true when the LLM budget ran out.
 */
export async function evaluateNewPostings(session: RunSession, fresh: readonly PostingToEvaluate[]): Promise<boolean> {
  if (fresh.length === 0) return false;
  const { store, evaluation, counters } = session;
  const urls = fresh.map((p) => p.url);
  const [reusable, known] = await Promise.all([
    reusableEvaluations(store, urls, evaluation.cv.cvKey, reusePolicy(session)),
    store.getPostings(urls),
  ]);
  let exhausted = false;
  await Promise.all(
    fresh.map((posting) =>
      session.limit(async () => {
        if (session.signal.aborted || exhausted) return;
        const previous = reusable.get(posting.url);
        if (previous) {
          await reuse(session, posting, previous);
          return;
        }
        try {
          const { outcome, score } = await evaluatePosting(evaluation, posting, known.get(posting.url));
          if (outcome === 'budget_exhausted') {
            exhausted = true;
            return;
          }
          session.emit({ type: 'evaluated', url: posting.url, outcome, score, counters: { ...counters } });
        } catch (error) {
          if (session.signal.aborted || isJobSearchError(error, 'CANCELLED')) return;
          throw error;
        }
      }),
    ),
  );
  return exhausted;
}

function reusePolicy({ options }: RunSession) {
  return {
    matcher: options.matcher.name,
    model: options.matcher.model,
    reevaluateOnModelChange: options.reevaluateOnModelChange ?? false,
  };
}

/** Copies the evaluation for this run's term: no LLM call, counted as one saved. */
async function reuse(session: RunSession, posting: PostingToEvaluate, previous: MatchDetail): Promise<void> {
  const { counters, options } = session;
  await copyEvaluation(session.store, previous, {
    url: posting.url,
    searchTerm: options.searchTerm,
    runId: session.run.id,
  });
  counters.postingsReused++;
  addSavedEvaluations(counters, 1, options.matcher.estimatedCostPerEvaluation());
  session.emit({
    type: 'evaluated',
    url: posting.url,
    outcome: 'reused',
    score: previous.overallMatch,
    counters: { ...counters },
  });
}
