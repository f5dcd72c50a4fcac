import type { LlmCallRecord } from '../matchers/types.js';
import type { RunCounters } from '../store/types.js';

export function emptyCounters(): RunCounters {
  return {
    pagesScraped: 0,
    pagesSaved: 0,
    postingsSeen: 0,
    postingsNew: 0,
    postingsDuplicate: 0,
    postingsReused: 0,
    llmCalls: 0,
    llmFailed: 0,
    llmSaved: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    costSavedUsd: 0,
    flexFallbacks: 0,
  };
}

export function addCalls(counters: RunCounters, calls: readonly LlmCallRecord[]): void {
  for (const call of calls) {
    counters.llmCalls++;
    counters.tokensIn += call.promptTokens;
    counters.tokensOut += call.completionTokens;
    counters.costUsd += call.costUsd;
    if (call.flexUnavailable) counters.flexFallbacks++;
  }
}

/** Evaluations the legacy pipeline would have made and this run did not (each one an LLM call). */
export function addSavedEvaluations(counters: RunCounters, evaluations: number, costPerEvaluation: number): void {
  counters.llmSaved += evaluations;
  counters.costSavedUsd += evaluations * costPerEvaluation;
}
