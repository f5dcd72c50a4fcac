import type { Logger } from 'pino';
import { JobSearchError } from '../errors.js';
import { describeLifecycle, modelEntry, modelLifecycle } from './model-table.js';
import type { ServiceTier } from './prices.js';
import type { Matcher } from './types.js';

export interface ModelReadinessInput {
  matcher: Matcher;
  /** The tier the run asks for; absent leaves the matcher's own setting, which is not checked here. */
  serviceTier?: ServiceTier | undefined;
  now: Date;
  logger: Logger;
  searchTerm: string;
}

// Matchers already told about, so a server that runs many searches with one matcher says it once.
const toldUnpriced = new WeakSet<Matcher>();
const toldNoFlex = new WeakSet<Matcher>();

/**
 * Refuses a model past its announced shutdown with one line naming the replacement. Callers that
 * make LLM calls before the search starts (the CV summary) check this first, so that the line,
 * not the provider's "model not found", is what the user sees.
 */
export function refuseRetiredModel(matcher: Matcher, now: Date): void {
  if (!matcher.usesLlm || matcher.model === null) return;
  const lifecycle = modelLifecycle(matcher.model, now);
  if (lifecycle.state === 'retired') {
    throw new JobSearchError('INVALID_INPUT', describeLifecycle(lifecycle) ?? `${matcher.model} is shut down.`);
  }
}

/**
 * Checked before a search scrapes anything. A model past its announced shutdown would fail every
 * evaluation, so the search is refused with one line naming the replacement; within the warning
 * window it runs and says so. An unpriced model runs too, with one warning that its cost reads 0.
 */
export function checkModelReadiness(input: ModelReadinessInput): void {
  const { matcher, logger } = input;
  if (!matcher.usesLlm || matcher.model === null) return;
  const model = matcher.model;
  refuseRetiredModel(matcher, input.now);
  const lifecycle = modelLifecycle(model, input.now);
  const message = describeLifecycle(lifecycle);
  if (message !== undefined) logger.warn({ model, searchTerm: input.searchTerm }, message);

  if (lifecycle.state === 'unknown' && matcher.estimatedCostPerEvaluation() === 0 && !toldUnpriced.has(matcher)) {
    toldUnpriced.add(matcher);
    logger.warn(
      { model },
      `The model ${model} has no price in the model table: its calls are recorded at cost 0. Name a JSON file of its prices in OPENAI_PRICES to count them.`,
    );
  }
  if (input.serviceTier === 'flex' && modelEntry(model)?.flexFactor === null && !toldNoFlex.has(matcher)) {
    toldNoFlex.add(matcher);
    logger.warn({ model }, `The model ${model} has no Flex tier: its evaluations go at the default tier and price.`);
  }
}
