import type { LlmCallRecord, Matcher } from '@jobsearchai/core';

/**
 * Wraps a matcher so that every LLM call record it returns is counted. Records are read from the
 * results (and from a failed summary's error details), so nothing about how the matcher calls
 * the LLM changes.
 */
export function instrumentMatcher(matcher: Matcher, record: (call: LlmCallRecord) => void): Matcher {
  const count = (calls: readonly LlmCallRecord[]) => {
    for (const call of calls) record(call);
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
      const result = await matcher.evaluate(posting, cv, options);
      count(result.calls);
      return result;
    },
    async summarizeCv(cvText, options) {
      try {
        const result = await matcher.summarizeCv(cvText, options);
        count(result.calls);
        return result;
      } catch (error) {
        const calls = (error as { details?: { calls?: unknown } }).details?.calls;
        if (Array.isArray(calls)) count(calls as LlmCallRecord[]);
        throw error;
      }
    },
    estimatedCostPerEvaluation: () => matcher.estimatedCostPerEvaluation(),
  };
}
