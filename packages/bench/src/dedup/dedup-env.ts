import { join } from 'node:path';
import { startDemoBoard, type DemoBoard } from '@jobsearchai/core/demo-board';
import { OpenAIMatcher } from '@jobsearchai/core/matchers';
import { demoBoardSource, type JobSource } from '@jobsearchai/core/sources';
import { openStore, type Store } from '@jobsearchai/core/store';
import { startLlmStub, type LlmStub } from '@jobsearchai/core/testing';
import { CountingMatcher } from './counting-matcher.js';

/** One arm's world: its own demo board (same seed in both arms), LLM stub, matcher and database. */
export interface DedupEnv {
  board: DemoBoard;
  llm: LlmStub;
  matcher: CountingMatcher;
  source: JobSource;
  store: Store;
  close(): Promise<void>;
}

export interface DedupEnvOptions {
  dir: string;
  name: string;
  seed: number;
  postingsPerPage: number;
  initialPostings: number;
  model: string;
  llmLatencyMs: number;
}

export async function startDedupEnv(options: DedupEnvOptions): Promise<DedupEnv> {
  const board = await startDemoBoard({
    seed: options.seed,
    postingsPerPage: options.postingsPerPage,
    initialPostings: options.initialPostings,
  });
  const llm = await startLlmStub().catch(async (error: unknown) => {
    await board.close();
    throw error;
  });
  const store = await openStore({ url: `file:${join(options.dir, `${options.name}.db`)}`, migrate: true }).catch(
    async (error: unknown) => {
      await Promise.all([board.close(), llm.close()]);
      throw error;
    },
  );
  if (options.llmLatencyMs > 0) llm.setFaults({ timeoutMs: options.llmLatencyMs });
  // Through the real openai SDK, as production calls it; only the server is local.
  const matcher = new CountingMatcher(
    new OpenAIMatcher({
      apiKey: 'bench-key',
      baseURL: llm.baseURL,
      model: options.model,
      timeoutMs: 60_000,
      retryBaseMs: 10,
      maxRetryDelayMs: 200,
    }),
  );
  const source = demoBoardSource(board.url, { delayMs: 0, retries: 2, backoffMs: 5, timeoutMs: 15_000 });
  return {
    board,
    llm,
    matcher,
    source,
    store,
    async close() {
      await Promise.all([store.close(), board.close(), llm.close()]);
    },
  };
}
