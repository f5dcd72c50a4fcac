/**
 * The OpenAI models JobSearchAI knows: list prices, the Batch and Flex discounts, and announced
 * shutdown dates. Dated, because prices move and models are retired on announced dates: a default
 * that disappears would turn every evaluation into a failure on the day it goes.
 */
export interface ModelEntry {
  id: string;
  /** USD per 1M tokens at the standard tier. */
  input: number;
  /** USD per 1M prompt tokens served from the provider's prompt cache. */
  cachedInput: number;
  output: number;
  /** Share of the standard price charged through the Batch API (0.5 = half); null where not offered. */
  batchFactor: number | null;
  /** Share of the standard price charged at the Flex tier; null where the model has no Flex tier. */
  flexFactor: number | null;
  /** Day (UTC) from which the provider no longer serves the model, where one is announced. */
  shutdown?: string;
  /** The provider's recommended replacement, for a model being retired. */
  replacement?: string;
  /** The provider page the prices were read from. */
  source: string;
  /** The provider page that announces the shutdown, for a model being retired. */
  shutdownSource?: string;
  /** The day the entry was last checked against its pages. */
  checked: string;
}

/**
 * The day this table was last checked against the provider's model, pricing and deprecation pages.
 * They were read as stored copies; the newest of them dates from late November 2026 (the
 * deprecations page already naming gpt-6.1-terra, announced 2026-10-26, as a replacement).
 */
export const MODEL_TABLE_CHECKED = '2026-12-05';

/**
 * Listed as active (no shutdown announced) on MODEL_TABLE_CHECKED: OpenAI's most efficient model for
 * focused, high-volume tasks, and the replacement it names for gpt-4o-mini, gpt-4.1-mini and gpt-5-nano.
 */
export const DEFAULT_MODEL = 'gpt-6-luna';

const MODELS_PAGE = 'https://developers.openai.com/api/docs/models';
const DEPRECATIONS_PAGE = 'https://developers.openai.com/api/docs/deprecations';
const checked = MODEL_TABLE_CHECKED;

// Batch and Flex cost half the standard price on every model here that offers them, as each model page says.
export const MODEL_TABLE: readonly ModelEntry[] = [
  {
    id: 'gpt-6-luna',
    input: 0.1,
    cachedInput: 0.01,
    output: 0.5,
    batchFactor: 0.5,
    flexFactor: 0.5,
    source: `${MODELS_PAGE}/gpt-6-luna`,
    checked,
  },
  {
    id: 'gpt-6.1-terra',
    input: 1,
    cachedInput: 0.05,
    output: 5,
    batchFactor: 0.5,
    flexFactor: 0.5,
    source: `${MODELS_PAGE}/gpt-6.1-terra`,
    checked,
  },
  {
    // Prices as lowered on 2026-07-30.
    id: 'gpt-5.6-luna',
    input: 0.2,
    cachedInput: 0.02,
    output: 1.2,
    batchFactor: 0.5,
    flexFactor: 0.5,
    source: `${MODELS_PAGE}/gpt-5.6-luna`,
    checked,
  },
  {
    id: 'gpt-5-mini',
    input: 0.25,
    cachedInput: 0.025,
    output: 2,
    batchFactor: 0.5,
    flexFactor: 0.5,
    shutdown: '2026-12-11',
    replacement: 'gpt-6.1-terra',
    source: `${MODELS_PAGE}/gpt-5-mini`,
    shutdownSource: DEPRECATIONS_PAGE,
    checked,
  },
  {
    id: 'gpt-5-nano',
    input: 0.05,
    cachedInput: 0.005,
    output: 0.4,
    batchFactor: 0.5,
    flexFactor: 0.5,
    shutdown: '2026-12-11',
    replacement: 'gpt-6-luna',
    source: `${MODELS_PAGE}/gpt-5-nano`,
    shutdownSource: DEPRECATIONS_PAGE,
    checked,
  },
  {
    id: 'gpt-4.1-mini',
    input: 0.4,
    cachedInput: 0.1,
    output: 1.6,
    batchFactor: 0.5,
    flexFactor: null,
    shutdown: '2027-01-14',
    replacement: 'gpt-6-luna',
    source: `${MODELS_PAGE}/gpt-4.1-mini`,
    shutdownSource: DEPRECATIONS_PAGE,
    checked,
  },
  {
    id: 'gpt-4o-mini',
    input: 0.15,
    cachedInput: 0.075,
    output: 0.6,
    batchFactor: 0.5,
    flexFactor: null,
    shutdown: '2027-01-14',
    replacement: 'gpt-6-luna',
    source: `${MODELS_PAGE}/gpt-4o-mini`,
    shutdownSource: DEPRECATIONS_PAGE,
    checked,
  },
];

/** API responses name a dated snapshot (gpt-4o-mini-2024-07-18); it is the model of its alias. */
const SNAPSHOT_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

export function modelEntry(model: string, table: readonly ModelEntry[] = MODEL_TABLE): ModelEntry | undefined {
  const alias = model.replace(SNAPSHOT_SUFFIX, '');
  return table.find((entry) => entry.id === model) ?? table.find((entry) => entry.id === alias);
}

export type ModelLifecycle =
  | { state: 'current' | 'unknown'; model: string }
  | {
      state: 'retiring' | 'retired';
      model: string;
      shutdown: string;
      daysLeft: number;
      replacement: string | undefined;
    };

/** How close to its announced shutdown a model is worth a warning. */
export const SHUTDOWN_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Where the model stands on `now`: retired from its shutdown day on, retiring within `warningDays`
 * (default SHUTDOWN_WARNING_DAYS) of it, current otherwise; unknown when the table does not list it.
 */
export function modelLifecycle(
  model: string,
  now: Date,
  options: { table?: readonly ModelEntry[]; warningDays?: number } = {},
): ModelLifecycle {
  const entry = modelEntry(model, options.table);
  if (entry === undefined) return { state: 'unknown', model };
  if (entry.shutdown === undefined) return { state: 'current', model };
  const daysLeft = Math.ceil((Date.parse(`${entry.shutdown}T00:00:00Z`) - now.getTime()) / DAY_MS);
  if (daysLeft > (options.warningDays ?? SHUTDOWN_WARNING_DAYS)) return { state: 'current', model };
  const state = daysLeft <= 0 ? 'retired' : 'retiring';
  return { state, model, shutdown: entry.shutdown, daysLeft: Math.max(0, daysLeft), replacement: entry.replacement };
}

/** One line for an operator: what happens to the model, and what to set instead. */
export function describeLifecycle(lifecycle: ModelLifecycle): string | undefined {
  if (lifecycle.state !== 'retiring' && lifecycle.state !== 'retired') return undefined;
  const instead = lifecycle.replacement
    ? `set OPENAI_MODEL=${lifecycle.replacement} (the provider's replacement)`
    : 'set OPENAI_MODEL to a current model';
  return lifecycle.state === 'retired'
    ? `The model ${lifecycle.model} was shut down by its provider on ${lifecycle.shutdown}: ${instead}.`
    : `The model ${lifecycle.model} shuts down on ${lifecycle.shutdown} (in ${lifecycle.daysLeft} days): ${instead} before then.`;
}
