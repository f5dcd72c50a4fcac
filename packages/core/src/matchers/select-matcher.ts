import { readFileSync } from 'node:fs';
import type { CoreEnv } from '../config.js';
import { errorMessage, JobSearchError } from '../errors.js';
import { HeuristicMatcher } from './heuristic-matcher.js';
import { OpenAIMatcher, type OpenAIMatcherOptions } from './openai-matcher.js';
import { type PriceTable, PriceTableSchema } from './prices.js';
import type { Matcher } from './types.js';

export interface MatcherSettings extends Omit<OpenAIMatcherOptions, 'apiKey' | 'baseURL'> {
  openaiApiKey?: string | undefined;
  /** An OpenAI-compatible server; local servers that need no key still need a placeholder key here. */
  openaiBaseUrl?: string | undefined;
}

/** The LLM matcher when an API key is configured, else the offline heuristic one (the default). */
export function createMatcher(settings: MatcherSettings = {}): Matcher {
  const { openaiApiKey, openaiBaseUrl, ...options } = settings;
  const apiKey = openaiApiKey?.trim();
  if (!apiKey) return new HeuristicMatcher();
  return new OpenAIMatcher({ ...options, apiKey, ...(openaiBaseUrl ? { baseURL: openaiBaseUrl } : {}) });
}

/** The matcher the environment describes (key, server, model, tier and a prices file). */
export function matcherSettingsFromEnv(env: CoreEnv): MatcherSettings {
  return {
    openaiApiKey: env.OPENAI_API_KEY,
    openaiBaseUrl: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    serviceTier: env.OPENAI_SERVICE_TIER,
    ...(env.OPENAI_PRICES === undefined ? {} : { prices: readPriceFile(env.OPENAI_PRICES) }),
  };
}

/** `{"model-id": {"input": 0.1, "cachedInput": 0.01, "output": 0.5, "flexFactor": 0.5}}`, USD per 1M tokens. */
export function readPriceFile(path: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new JobSearchError('INVALID_INPUT', `OPENAI_PRICES: cannot read ${path} (${errorMessage(error)}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new JobSearchError('INVALID_INPUT', `OPENAI_PRICES: ${path} is not JSON (${errorMessage(error)}).`);
  }
  const parsed = PriceTableSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new JobSearchError(
      'INVALID_INPUT',
      `OPENAI_PRICES: ${path} is not a price table (${problems.join('; ')}). Expected {"model": {"input": …, "cachedInput": …, "output": …}} in USD per 1M tokens.`,
    );
  }
  return parsed.data;
}
