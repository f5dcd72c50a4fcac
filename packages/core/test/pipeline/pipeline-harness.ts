import { startDemoBoard, type DemoBoard, type DemoBoardOptions } from '../../src/sources/demo-board/demo-board.js';
import { demoBoardSource } from '../../src/sources/ostjob-preset.js';
import { OpenAIMatcher } from '../../src/matchers/openai-matcher.js';
import type { CvForMatch } from '../../src/matchers/types.js';
import { runSearch } from '../../src/pipeline/run-search.js';
import type { RunSearchOptions } from '../../src/pipeline/types.js';
import { startLlmStub } from '../../src/testing/llm-stub-server.js';
import { openTestStore, type TestStore } from '../../src/testing/test-databases.js';
import type { Provider } from '../../src/db/sql-driver.js';

export const CV: CvForMatch = {
  cvKey: 'a1b2c3d4e5f60718',
  text: 'Software Engineer in St. Gallen. TypeScript, Node.js, PostgreSQL, Docker, Kubernetes, Python. MSc Informatik ETH.',
  summary: 'Software engineer with TypeScript, PostgreSQL and cloud experience, based in St. Gallen.',
};

export interface Harness {
  t: TestStore;
  board: DemoBoard;
  llm: Awaited<ReturnType<typeof startLlmStub>>;
  matcher: OpenAIMatcher;
  search(overrides?: Partial<RunSearchOptions>): ReturnType<typeof runSearch>;
  close(): Promise<void>;
}

/** A real store, the demo board and the OpenAI SDK against the local stub. */
export async function startHarness(provider: Provider, board: DemoBoardOptions = {}): Promise<Harness> {
  const [t, demo, llm] = await Promise.all([
    openTestStore(provider),
    startDemoBoard({ initialPostings: 30, ...board }),
    startLlmStub(),
  ]);
  const matcher = new OpenAIMatcher({
    apiKey: 'test-key',
    baseURL: llm.baseURL,
    retryBaseMs: 5,
    maxRetryDelayMs: 20,
    timeoutMs: 15_000,
  });
  const source = demoBoardSource(demo.url, { delayMs: 0, retries: 2, backoffMs: 5, timeoutMs: 15_000 });
  return {
    t,
    board: demo,
    llm,
    matcher,
    search: (overrides = {}) =>
      runSearch({ store: t.store, searchTerm: 'IT', cv: CV, source, matcher, maxPages: 10, ...overrides }),
    async close() {
      await Promise.all([t.cleanup(), demo.close(), llm.close()]);
    },
  };
}
