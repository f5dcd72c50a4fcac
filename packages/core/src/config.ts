import { z } from 'zod';
import { JobSearchError } from './errors.js';
import { DEFAULT_MODEL } from './matchers/model-table.js';

/**
 * The environment JobSearchAI reads, validated once. Every package reads settings through
 * this (or its own config built on it); nothing else touches process.env.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().trim().min(1).optional(),
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().trim().min(1).default(DEFAULT_MODEL),
  /** `flex`: evaluations at the Flex tier's price, falling back to the default tier when it has no capacity. */
  OPENAI_SERVICE_TIER: z.enum(['default', 'flex']).default('default'),
  /** A JSON file of prices (USD per 1M tokens) for models the built-in table lacks, or overriding it. */
  OPENAI_PRICES: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  LOG_DIR: z.string().trim().min(1).optional(),
});

export type CoreEnv = z.infer<typeof EnvSchema>;

export function loadCoreEnv(env: NodeJS.ProcessEnv = process.env): CoreEnv {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new JobSearchError('INVALID_INPUT', `Invalid environment: ${problems}.`);
  }
  return parsed.data;
}
