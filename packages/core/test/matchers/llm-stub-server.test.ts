import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLlmStub, type LlmStub } from '../../src/testing/llm-stub-server.js';

let stub: LlmStub;
let client: OpenAI;
beforeAll(async () => {
  stub = await startLlmStub();
  client = new OpenAI({ apiKey: 'test-key', baseURL: stub.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => {
  stub.reset();
});

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['level', 'label', 'flag', 'tags'],
  properties: {
    level: { type: 'integer', minimum: 3, maximum: 4 },
    label: { type: 'string', enum: ['red', 'green'] },
    flag: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
  },
};

function structured(content: string) {
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Answer in JSON. '.repeat(64) },
      { role: 'user', content },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'probe', strict: true, schema } },
  });
}

async function post(body: unknown): Promise<Response> {
  return fetch(`${stub.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('LLM stub server', () => {
  it('answers structured requests with JSON that fits the requested schema', async () => {
    const completion = await structured('posting A');
    const answer = JSON.parse(completion.choices[0]!.message.content!);

    expect(completion.object).toBe('chat.completion');
    expect([3, 4]).toContain(answer.level);
    expect(['red', 'green']).toContain(answer.label);
    expect(typeof answer.flag).toBe('boolean');
    expect(answer.tags).toHaveLength(2);
  });

  it('gives the same answer and usage for the same request', async () => {
    const first = await structured('posting A');
    const second = await structured('posting A');

    expect(second.choices[0]!.message.content).toBe(first.choices[0]!.message.content);
    // The same tokens; the second time the repeated prefix is served from the cache.
    expect({ ...second.usage, prompt_tokens_details: undefined }).toEqual({
      ...first.usage,
      prompt_tokens_details: undefined,
    });
  });

  it('reports usage from the text length, and nothing cached below the 1024-token minimum', async () => {
    const short = await structured('xxxx');
    const long = await structured('x'.repeat(4_004));

    expect(long.usage!.prompt_tokens - short.usage!.prompt_tokens).toBe(1_000);
    // The repeated system prompt is ~260 tokens: shorter than any prefix a provider caches.
    expect(short.usage!.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(long.usage!.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(short.usage!.total_tokens).toBe(short.usage!.prompt_tokens + short.usage!.completion_tokens);
  });

  describe('prompt cache', () => {
    // 6,400 characters: 1,600 of the stub's four-character tokens, 12.5 blocks of 128 tokens.
    const cv = 'Candidate: ten years of TypeScript, SQL and people management. '.repeat(100);
    const ask = (system: string, user: string, model = 'gpt-6-luna') =>
      client.chat.completions.create({
        model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
      });
    const cached = (completion: OpenAI.Chat.Completions.ChatCompletion) =>
      completion.usage!.prompt_tokens_details!.cached_tokens;

    it('serves the longest prefix shared with an earlier prompt, in whole 128-token blocks', async () => {
      expect(cached(await ask(cv, 'Posting A: data engineer in Zurich'))).toBe(0);
      const second = await ask(cv, 'Posting B: analyst in St. Gallen');

      // The shared prefix is the CV with the role markers around it and "Posting ", 6,429
      // characters: 12 whole blocks of 512 characters, 1,536 tokens. The rest is not cached.
      expect(cached(second)).toBe(12 * 128);
      expect(cached(second)).toBeLessThan(second.usage!.prompt_tokens);
    });

    it('matches against every earlier prompt, not only the last, and only for the same model', async () => {
      await ask(cv, 'Posting A');
      await ask('Another candidate entirely. '.repeat(300), 'Posting A');
      expect(cached(await ask(cv, 'Posting C'))).toBe(12 * 128);
      expect(cached(await ask(cv, 'Posting C', 'gpt-5.6-luna'))).toBe(0);
    });

    it('caches a prompt that extends an earlier one up to where the earlier one ended', async () => {
      const posting = 'Posting A: data engineer. '.repeat(40); // 1,040 characters
      await ask(cv, posting);
      const longer = await ask(cv, `${posting}Salary: 120k`);

      // 6,421 + 1,040 = 7,461 characters in common (the earlier prompt's whole text but its final
      // newline): 14 whole blocks.
      expect(cached(longer)).toBe(14 * 128);
    });

    it('remembers only prompts it served, and forgets them on reset', async () => {
      stub.setFaults({ rateLimit: 1, retryAfterMs: 0 });
      await ask(cv, 'Posting A').catch(() => undefined);
      expect(cached(await ask(cv, 'Posting A'))).toBe(0);
      expect(cached(await ask(cv, 'Posting A'))).toBeGreaterThan(0);
      stub.reset();
      expect(cached(await ask(cv, 'Posting A'))).toBe(0);
    });
  });

  it('echoes the service tier and answers Flex requests with 429 Resource Unavailable while told to', async () => {
    stub.setFaults({ flexUnavailable: 1 });
    const flex = () =>
      client.chat.completions.create({
        model: 'gpt-6-luna',
        service_tier: 'flex',
        messages: [{ role: 'user', content: 'hi' }],
      });

    const refused = await flex().catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 429, code: 'resource_unavailable' });
    expect((await flex()).service_tier).toBe('flex');
    const standard = await client.chat.completions.create({
      model: 'gpt-6-luna',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(standard.service_tier).toBe('default');
    expect(stub.requests().map((r) => r.faults)).toEqual([['flex_unavailable'], [], []]);
  });

  it('refuses every Flex request while Flex is always unavailable, and serves the default tier', async () => {
    stub.setFaults({ flexUnavailable: 'always' });
    const ask = (tier?: 'flex') =>
      client.chat.completions.create({
        model: 'gpt-6-luna',
        ...(tier ? { service_tier: tier } : {}),
        messages: [{ role: 'user', content: 'hi' }],
      });

    for (let i = 0; i < 3; i++) await expect(ask('flex')).rejects.toMatchObject({ status: 429 });
    expect((await ask()).service_tier).toBe('default');
    stub.setFaults({});
    expect((await ask('flex')).service_tier).toBe('flex');
  });

  it('answers plain requests with deterministic text', async () => {
    const ask = () =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Summarise: Jane, analyst' }],
      });

    const first = await ask();
    expect(first.choices[0]!.message.content).toMatch(/Summarise: Jane, analyst/);
    expect((await ask()).choices[0]!.message.content).toBe(first.choices[0]!.message.content);
  });

  it('answers 429 with Retry-After and counts failed requests as calls', async () => {
    stub.setFaults({ rateLimit: 1, retryAfterMs: 1_500 });

    const limited = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    const served = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    expect(served.status).toBe(200);
    expect(stub.calls()).toBe(2);
    expect(stub.successfulCalls()).toBe(1);
    expect(stub.requests().map((r) => [r.status, r.faults])).toEqual([
      [429, ['rate_limit']],
      [200, []],
    ]);
  });

  it('rejects the key with 401 while told to, before any other fault, and the SDK sees an AuthenticationError', async () => {
    stub.setFaults({ unauthorized: 'always', rateLimit: 1 });

    await expect(structured('a')).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(structured('b')).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    stub.setFaults({ unauthorized: 1 });
    await expect(structured('c')).rejects.toMatchObject({ status: 401 });
    expect((await structured('d')).choices[0]!.message.content).toBeTruthy();

    expect(stub.requests().map((r) => [r.status, r.faults])).toEqual([
      [401, ['unauthorized']],
      [401, ['unauthorized']],
      [401, ['unauthorized']],
      [200, []],
    ]);
    expect(stub.successfulCalls()).toBe(1);
  });

  it('injects garbage and schema violations only into structured answers', async () => {
    stub.setFaults({ garbage: 1, schemaViolation: 1 });

    const plain = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const garbage = await structured('a');
    const violation = await structured('a');

    expect(plain.choices[0]!.message.content).toMatch(/^Stub answer/);
    expect(() => JSON.parse(garbage.choices[0]!.message.content!)).toThrow();
    expect(JSON.parse(violation.choices[0]!.message.content!).level).toBe(5);
  });

  it('rejects a request without messages with 400', async () => {
    const response = await post({ model: 'gpt-4o-mini', messages: [] });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('lists models', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toContain('gpt-4o-mini');
  });

  it('forgets requests and faults on reset', async () => {
    stub.setFaults({ serverError: 5 });
    await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    stub.reset();

    expect(stub.calls()).toBe(0);
    expect((await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).status).toBe(200);
  });

  it('closes promptly while an answer is being delayed', async () => {
    const own = await startLlmStub();
    own.setFaults({ timeoutMs: 60_000 });
    const pending = fetch(`${own.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(own.calls()).toBe(1));

    const started = performance.now();
    await own.close();

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
    expect(own.successfulCalls()).toBe(0);
  });
});
