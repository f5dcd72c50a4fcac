import { HeuristicMatcher } from './heuristic-matcher.js';
import { OpenAIMatcher, type OpenAIMatcherOptions } from './openai-matcher.js';
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
