// Deduplication, the product's headline feature: which postings of a results page are new, when
// a run stops paging, and which evaluations a run copies instead of asking the LLM again. The
// stored evaluations are read through the Store's batch queries; the rules here are plain code.
export {
  earlyExitAfter,
  decideEarlyExit,
  type EarlyExitDecision,
  type EarlyExitStop,
  type PageDedupCounts,
} from './early-exit.js';
export {
  canReuse,
  copyEvaluation,
  reusableEvaluations,
  type ReusePolicy,
  type ReuseTarget,
} from './evaluation-reuse.js';
export { findNewOnPage, takeUnseen, type DedupKey, type PageDedup } from './find-new-postings.js';
export { checkPage, pageFingerprint, type GuardDecision, type GuardStop } from './page-guards.js';
export {
  startOfRun,
  type Continue,
  type DedupStopReason,
  type EarlyExitState,
  type PageObservation,
} from './page-observation.js';
