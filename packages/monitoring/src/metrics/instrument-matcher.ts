import type { LlmCallRecord, Matcher } from '@jobsearchai/core/matchers';

/**
 * Wraps a matcher so that every LLM call record it returns is counted. Records are read from the
 * results (and from the details of an error it throws), so nothing about how the matcher calls
 * the LLM changes.
 */
export function instrumentMatcher(matcher: Matcher, record: (call: LlmCallRecord) => void): Matcher {
  const count = (calls: readonly LlmCallRecord[]) => {
    for (const call of calls) record(call);
  };
  // A failed summary or a cancelled call throws, carrying the calls already made (and paid for).
  const countThrown = (error: unknown) => {
    const calls = (error as { details?: { calls?: unknown } } | null)?.details?.calls;
    if (Array.isArray(calls)) count(calls as LlmCallRecord[]);
  };
  return {
    get name() {
      return matcher.name;
    },
    get model() {
      return matcher.model;
    },
    get usesLlm() {
      return matcher.usesLlm;
    },
    async evaluate(posting, cv, options) {
      try {
        const result = await matcher.evaluate(posting, cv, options);
        count(result.calls);
        return result;
      } catch (error) {
        countThrown(error);
        throw error;
      }
    },
    async summarizeCv(cvText, options) {
      try {
        const result = await matcher.summarizeCv(cvText, options);
        count(result.calls);
        return result;
      } catch (error) {
        countThrown(error);
        throw error;
      }
    },
    estimatedCostPerEvaluation: () => matcher.estimatedCostPerEvaluation(),
  };
}
