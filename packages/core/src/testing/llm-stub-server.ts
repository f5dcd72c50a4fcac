import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MODEL_TABLE } from '../matchers/model-table.js';
import { nowIso } from '../time.js';
import { fakeCompletion, textOf, type AnswerKind, type StubChatRequest } from './llm-stub/fake-completion.js';
import { PromptCache, promptText } from './llm-stub/prompt-cache.js';

/**
 * Faults to inject, replacing the previous ones. Counts apply to the next requests in arrival order:
 * rejected keys first, then rate limits, then server errors; garbage and schema violations only affect requests that
 * ask for structured output (json_schema).
 */
export interface LlmStubFaults {
  /**
   * Answer the next N requests (`'always'`: every one, until the faults change) with OpenAI's 401
   * for a wrong API key, which clients do not retry: an LLM that fails at once and for good.
   */
  unauthorized?: number | 'always';
  /** Answer the next N requests with 429 and Retry-After. */
  rateLimit?: number;
  /** Answer the next N requests with 500. */
  serverError?: number;
  /** Delay answers by this many milliseconds (to provoke client timeouts)… */
  timeoutMs?: number;
  /** …for the next N answers only; every answer while `timeoutMs` is set when omitted. */
  timeouts?: number;
  /** Answer the next N structured requests with text that is not JSON. */
  garbage?: number;
  /** Answer the next N structured requests with JSON that breaks the schema (a score of 11). */
  schemaViolation?: number;
  /**
   * Answer the next N requests that ask for `service_tier: "flex"` with OpenAI's 429 "Resource
   * Unavailable" (`'always'`: every one, until the faults change); other requests are served.
   */
  flexUnavailable?: number | 'always';
  /** Retry-After sent with 429s; 1000 when omitted. */
  retryAfterMs?: number;
}

export type LlmStubFault =
  | 'unauthorized'
  | 'rate_limit'
  | 'flex_unavailable'
  | 'server_error'
  | 'delayed'
  | 'garbage'
  | 'schema_violation';

export interface LlmStubRequest {
  model: string;
  messages: StubChatRequest['messages'];
  /** When the request arrived (UTC ISO-8601). */
  at: string;
  status: number;
  faults: LlmStubFault[];
  /** The whole request body, e.g. to check `temperature` or `response_format`. */
  body: Record<string, unknown>;
}

export interface LlmStub {
  /** Ends with /v1, ready for `new OpenAI({ baseURL })`. */
  baseURL: string;
  /** Every chat.completions request received, failed ones included. */
  calls(): number;
  /** Requests answered with 200 and still awaited by the client (garbage answers included). */
  successfulCalls(): number;
  requests(): LlmStubRequest[];
  /** Forget requests and counts and clear all faults. */
  reset(): void;
  setFaults(faults: LlmStubFaults): void;
  close(): Promise<void>;
}

// It answers for any model name; these are the ones it lists, as the model table knows them.
const MODELS = MODEL_TABLE.map((entry) => entry.id);
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** An OpenAI-compatible chat.completions server on loopback for tests and benchmarks; it never calls out. */
export async function startLlmStub(options: { port?: number; host?: string } = {}): Promise<LlmStub> {
  const host = options.host ?? '127.0.0.1';
  let faults: LlmStubFaults = {};
  let log: LlmStubRequest[] = [];
  let successful = 0;
  const closing = new AbortController();

  // Prompts answered so far: a later prompt that repeats one's leading tokens reports them as cached_tokens.
  const promptCache = new PromptCache();
  const take = (
    key: 'unauthorized' | 'rateLimit' | 'flexUnavailable' | 'serverError' | 'garbage' | 'schemaViolation' | 'timeouts',
  ): boolean => {
    const left = faults[key] ?? 0;
    if (left === 'always') return true;
    if (left <= 0) return false;
    faults = { ...faults, [key]: left - 1 };
    return true;
  };

  async function completions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!isChatRequest(body))
      return sendError(
        res,
        400,
        'invalid_request_error',
        'The body must be JSON with a "model" string and a non-empty "messages" array.',
      );
    const entry: LlmStubRequest = {
      model: body.model,
      messages: body.messages,
      at: nowIso(),
      status: 200,
      faults: [],
      body,
    };
    log.push(entry);
    if (body.stream === true)
      return reject(entry, res, 400, 'invalid_request_error', 'This stub does not stream; send stream: false.');
    if (take('unauthorized')) {
      entry.faults.push('unauthorized');
      return reject(entry, res, 401, 'invalid_api_key', 'Incorrect API key provided (stub).');
    }
    if (take('rateLimit')) {
      entry.faults.push('rate_limit');
      const retryAfterMs = faults.retryAfterMs ?? 1000;
      res.setHeader('retry-after', String(Math.ceil(retryAfterMs / 1000)));
      res.setHeader('retry-after-ms', String(retryAfterMs));
      return reject(
        entry,
        res,
        429,
        'rate_limit_exceeded',
        'Rate limit reached for requests (stub). Please try again later.',
      );
    }
    const flex = body.service_tier === 'flex';
    if (flex && take('flexUnavailable')) {
      entry.faults.push('flex_unavailable');
      return reject(
        entry,
        res,
        429,
        'resource_unavailable',
        'Resource Unavailable: no Flex capacity right now (stub). Retry later or use the default tier.',
      );
    }
    if (take('serverError')) {
      entry.faults.push('server_error');
      return reject(entry, res, 500, 'server_error', 'The server had an error while processing your request (stub).');
    }
    const delayMs = faults.timeoutMs ?? 0;
    if (delayMs > 0 && (faults.timeouts === undefined || take('timeouts'))) {
      entry.faults.push('delayed');
      const gone = AbortSignal.any([closing.signal, closedSignal(res)]);
      await sleep(delayMs, undefined, { signal: gone }).catch(() => undefined);
      if (gone.aborted) return;
    }
    const structured = body.response_format?.type === 'json_schema';
    const kind: AnswerKind =
      structured && take('garbage') ? 'garbage' : structured && take('schemaViolation') ? 'schema_violation' : 'valid';
    if (kind !== 'valid') entry.faults.push(kind);
    successful += 1;
    const prompt = promptText(body.messages.map((m) => ({ role: m.role, text: textOf(m.content) })));
    const cached = promptCache.cachedTokens(body.model, prompt);
    promptCache.remember(body.model, prompt);
    const serviceTier = flex ? 'flex' : 'default';
    sendJson(res, 200, fakeCompletion(body, kind, `chatcmpl-stub-${log.length}`, { cached, serviceTier }));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    if (req.method === 'POST' && path === '/v1/chat/completions') return completions(req, res);
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'stub' })),
      });
    }
    sendError(res, 404, 'not_found', `No route ${req.method} ${path} on the LLM stub.`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) =>
      sendError(res, 400, 'invalid_request_error', error instanceof Error ? error.message : String(error)),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://${host}:${port}/v1`,
    calls: () => log.length,
    successfulCalls: () => successful,
    requests: () => log.map((entry) => ({ ...entry, faults: [...entry.faults] })),
    reset: () => {
      log = [];
      successful = 0;
      faults = {};
      promptCache.clear();
    },
    setFaults: (next) => {
      faults = { ...next };
    },
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The SDK keeps connections alive; without this, close() would wait for them to idle out.
      server.closeAllConnections();
      await closed;
    },
  };

  function reject(entry: LlmStubRequest, res: ServerResponse, status: number, code: string, message: string): void {
    entry.status = status;
    sendError(res, status, code, message);
  }
}

function isChatRequest(body: unknown): body is StubChatRequest & Record<string, unknown> {
  const b = body as Partial<StubChatRequest> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.model === 'string' &&
    Array.isArray(b.messages) &&
    b.messages.length > 0
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('The request body is larger than the stub accepts (10 MB).');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function closedSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  return controller.signal;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** OpenAI's error shape, which the SDK turns into typed errors (RateLimitError, InternalServerError…). */
function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const type = status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, status, { error: { message, type, param: null, code } });
}
