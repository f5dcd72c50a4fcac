import { createHash } from 'node:crypto';

/** The stub's token is four characters, as it counts prompt tokens. */
const CHARS_PER_TOKEN = 4;
/** Providers cache prompt prefixes in blocks of 128 tokens… */
const BLOCK_TOKENS = 128;
/** …and only for prompts whose cached prefix is at least 1024 tokens long. */
const MIN_CACHED_TOKENS = 1024;
const BLOCK_CHARS = BLOCK_TOKENS * CHARS_PER_TOKEN;
/** Enough for every prompt a test or benchmark sends; past it the cache starts empty again, as after an eviction. */
const MAX_ENTRIES = 200_000;

/**
 * A provider's prompt cache, as OpenAI describes its own: a prompt whose leading tokens repeat an
 * earlier prompt's (of the same model) is served that common prefix from the cache, counted in
 * whole 128-token blocks and only from 1024 tokens on. Each block is keyed by a hash chained over
 * every block before it, so a hit means the whole prefix matched, not just one block.
 */
export class PromptCache {
  readonly #blocks = new Set<string>();

  /** Prompt tokens an earlier prompt already brought into the cache. */
  cachedTokens(model: string, prompt: string): number {
    let matched = 0;
    for (const key of blockKeys(model, prompt)) {
      if (!this.#blocks.has(key)) break;
      matched++;
    }
    const tokens = matched * BLOCK_TOKENS;
    return tokens >= MIN_CACHED_TOKENS ? tokens : 0;
  }

  /** Caches the prompt's whole blocks, once the request was served. */
  remember(model: string, prompt: string): void {
    if (this.#blocks.size > MAX_ENTRIES) this.#blocks.clear();
    for (const key of blockKeys(model, prompt)) this.#blocks.add(key);
  }

  clear(): void {
    this.#blocks.clear();
  }
}

/** The messages as one text, in order, roles included: the prefix a cache compares. */
export function promptText(messages: ReadonlyArray<{ role: string; text: string }>): string {
  return messages.map((m) => `<|${m.role}|>\n${m.text}\n`).join('');
}

function* blockKeys(model: string, prompt: string): Generator<string> {
  let chain = model;
  for (let end = BLOCK_CHARS; end <= prompt.length; end += BLOCK_CHARS) {
    chain = createHash('sha256')
      .update(chain)
      .update(prompt.slice(end - BLOCK_CHARS, end))
      .digest('hex');
    yield chain;
  }
}
