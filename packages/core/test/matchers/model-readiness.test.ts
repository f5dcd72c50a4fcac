import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { HeuristicMatcher } from '../../src/matchers/heuristic-matcher.js';
import { checkModelReadiness } from '../../src/matchers/model-readiness.js';
import { OpenAIMatcher } from '../../src/matchers/openai-matcher.js';
import type { ServiceTier } from '../../src/matchers/prices.js';
import type { Matcher } from '../../src/matchers/types.js';

const day = (iso: string) => new Date(`${iso}T08:00:00Z`);

function check(matcher: Matcher, now: Date, serviceTier?: ServiceTier) {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const run = () => checkModelReadiness({ matcher, now, logger, searchTerm: 'IT', serviceTier });
  return { run, warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

const openai = (model: string, prices?: ConstructorParameters<typeof OpenAIMatcher>[0]['prices']) =>
  new OpenAIMatcher({ apiKey: 'test-key', baseURL: 'http://127.0.0.1:9/v1', model, ...(prices ? { prices } : {}) });

describe('checkModelReadiness', () => {
  it('refuses a model past its shutdown with one line naming the replacement', () => {
    const { run, warnings } = check(openai('gpt-4o-mini'), day('2027-01-14'));

    expect(run).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message:
          "The model gpt-4o-mini was shut down by its provider on 2027-01-14: set OPENAI_MODEL=gpt-6-luna (the provider's replacement).",
      }),
    );
    expect(warnings()).toEqual([]);
  });

  it('warns at every search inside the 30 days before a shutdown, and says nothing before them', () => {
    const early = check(openai('gpt-4o-mini'), day('2026-12-14'));
    early.run();
    expect(early.warnings()).toEqual([]);

    const { run, warnings } = check(openai('gpt-5-mini'), day('2026-12-05'));
    run();
    run();
    expect(warnings()).toEqual([
      "The model gpt-5-mini shuts down on 2026-12-11 (in 6 days): set OPENAI_MODEL=gpt-6.1-terra (the provider's replacement) before then.",
      "The model gpt-5-mini shuts down on 2026-12-11 (in 6 days): set OPENAI_MODEL=gpt-6.1-terra (the provider's replacement) before then.",
    ]);
  });

  it('warns once per matcher that an unknown model is unpriced, and not when OPENAI_PRICES prices it', () => {
    const unpriced = check(openai('local-llama'), day('2026-12-05'));
    unpriced.run();
    unpriced.run();
    expect(unpriced.warnings()).toEqual([
      'The model local-llama has no price in the model table: its calls are recorded at cost 0. Name a JSON file of its prices in OPENAI_PRICES to count them.',
    ]);

    const priced = check(
      openai('local-llama', { 'local-llama': { input: 1, cachedInput: 1, output: 2 } }),
      day('2026-12-05'),
    );
    priced.run();
    expect(priced.warnings()).toEqual([]);
  });

  it('warns once that a model without a Flex tier runs at the default tier when a run asks for Flex', () => {
    const matcher = openai('gpt-4.1-mini');
    const { run, warnings } = check(matcher, day('2026-12-05'), 'flex');
    run();
    run();
    expect(warnings()).toEqual([
      'The model gpt-4.1-mini has no Flex tier: its evaluations go at the default tier and price.',
    ]);

    const luna = check(openai('gpt-6-luna'), day('2026-12-05'), 'flex');
    luna.run();
    expect(luna.warnings()).toEqual([]);
  });

  it('leaves the offline matcher alone', () => {
    const { run, warnings } = check(new HeuristicMatcher(), day('2030-01-01'), 'flex');
    expect(run).not.toThrow();
    expect(warnings()).toEqual([]);
  });
});
