import { createHash } from 'node:crypto';

/** The parts of a chat.completions request the stub looks at. */
export interface StubChatRequest {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  response_format?: { type?: string; json_schema?: { schema?: JsonSchema } };
  service_tier?: string;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
}

export type AnswerKind = 'valid' | 'garbage' | 'schema_violation';

/** The model's internal reasoning is billed as completion tokens; the stub invents some for these models. */
const REASONING_MODEL = /^(o\d|gpt-[5-9])/;

/**
 * A chat.completion as OpenAI returns it. The answer and the token counts depend only on the
 * request, so the same posting and CV always get the same scores and the same bill.
 */
/**
 * `cached`: prompt tokens the server had seen as a prefix before (what a provider's prompt cache
 * serves); `serviceTier`: the tier that answered, echoed as OpenAI does.
 */
export function fakeCompletion(
  request: StubChatRequest,
  kind: AnswerKind,
  id: string,
  served: { cached: number; serviceTier: 'default' | 'flex' } = { cached: 0, serviceTier: 'default' },
): Record<string, unknown> {
  const seed = sha256(`${request.model}\n${JSON.stringify(request.messages)}`);
  const schema =
    request.response_format?.type === 'json_schema' ? request.response_format.json_schema?.schema : undefined;
  const content = schema === undefined ? plainAnswer(request, seed) : structuredAnswer(schema, seed, kind);
  const promptTokens = request.messages.reduce((sum, m) => sum + 4 + tokenCount(textOf(m.content)), 3);
  const answerTokens = tokenCount(content);
  const reasoningTokens = REASONING_MODEL.test(request.model) ? 2 * answerTokens : 0;
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: 'fp_stub',
    service_tier: served.serviceTier,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: answerTokens + reasoningTokens,
      total_tokens: promptTokens + answerTokens + reasoningTokens,
      prompt_tokens_details: { cached_tokens: Math.min(served.cached, promptTokens), audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: reasoningTokens,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
  };
}

/** Roughly OpenAI's ratio for English text: four characters a token. */
function tokenCount(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The text of a message's content: a string, or the text parts of a list of parts. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('');
}

function plainAnswer(request: StubChatRequest, seed: string): string {
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const words = textOf(lastUser?.content).split(/\s+/).filter(Boolean).slice(0, 40).join(' ');
  return `Stub answer ${seed.slice(0, 8)}: ${words}`;
}

function structuredAnswer(schema: JsonSchema, seed: string, kind: AnswerKind): string {
  if (kind === 'garbage') return `I'm sorry, I can't answer that in JSON right now {"overall_match": `;
  const value = fakeValue(schema, seed, '$');
  if (kind === 'schema_violation' && isRecord(value)) violate(schema, value);
  return JSON.stringify(value);
}

/** A value that satisfies the schema, chosen by hashing the request and the property's path. */
function fakeValue(schema: JsonSchema, seed: string, path: string): unknown {
  const pick = (n: number) => Number.parseInt(sha256(`${seed}${path}`).slice(0, 8), 16) % n;
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[pick(schema.enum.length)];
  if (schema.anyOf?.[0] !== undefined) return fakeValue(schema.anyOf[0], seed, path);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, sub]) => [key, fakeValue(sub, seed, `${path}.${key}`)]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) =>
        fakeValue(schema.items ?? {}, seed, `${path}[${i}]`),
      );
    case 'integer':
    case 'number': {
      const min = Math.ceil(schema.minimum ?? 1);
      const max = Math.max(min, Math.floor(schema.maximum ?? 10));
      return min + pick(max - min + 1);
    }
    case 'boolean':
      return pick(2) === 1;
    case 'string':
      return `Deterministic stub text ${sha256(`${seed}${path}`).slice(0, 12)}: the candidate's profile was compared with the posting.`;
    default:
      return null;
  }
}

/** Pushes the first bounded number one past its maximum, or drops a required property when there is none. */
function violate(schema: JsonSchema, value: Record<string, unknown>): void {
  const bounded = Object.entries(schema.properties ?? {}).find(([, s]) => s.type === 'integer' || s.type === 'number');
  if (bounded !== undefined) {
    value[bounded[0]] = (bounded[1].maximum ?? 10) + 1;
    return;
  }
  const required = schema.required?.[0];
  if (required !== undefined) delete value[required];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
