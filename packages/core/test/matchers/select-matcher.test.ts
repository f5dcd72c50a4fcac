import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeuristicMatcher, OpenAIMatcher, createMatcher } from '../../src/matchers/index.js';
import { startLlmStub, type LlmStub } from '../../src/testing/llm-stub-server.js';

let stub: LlmStub;
beforeAll(async () => {
  stub = await startLlmStub();
});
afterAll(async () => {
  await stub.close();
});

describe('createMatcher', () => {
  it('falls back to the heuristic matcher without an API key', () => {
    expect(createMatcher()).toBeInstanceOf(HeuristicMatcher);
    expect(createMatcher({ openaiApiKey: '  ', openaiBaseUrl: stub.baseURL })).toBeInstanceOf(HeuristicMatcher);
  });

  it('uses the OpenAI matcher with the configured model and server when a key is given', async () => {
    const matcher = createMatcher({
      openaiApiKey: 'test-key',
      openaiBaseUrl: stub.baseURL,
      model: 'gpt-4.1-mini',
      retryBaseMs: 1,
    });

    expect(matcher).toBeInstanceOf(OpenAIMatcher);
    expect(matcher).toMatchObject({ name: 'openai', model: 'gpt-4.1-mini', usesLlm: true });
    const result = await matcher.evaluate(
      { url: 'https://example.org/job/1', title: 'Analyst' },
      { cvKey: 'abcdefabcdefabcd', text: 'Analyst' },
    );
    expect(result.ok).toBe(true);
    expect(stub.requests().at(-1)?.model).toBe('gpt-4.1-mini');
  });
});
