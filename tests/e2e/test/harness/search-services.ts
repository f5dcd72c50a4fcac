import type { RunRecord } from '@jobsearchai/core';
import { startDemoBoard, type DemoBoard, type DemoBoardOptions } from '@jobsearchai/core/demo-board';
import { startLlmStub, type LlmStub } from '@jobsearchai/core/testing';
import type { Cv, Installation } from './installation.js';
import { expectSuccess, run } from './processes.js';

/**
 * `jobsearch-api search` joins a demo board already listening on DEMO_BOARD_PORT after checking
 * that the port really holds one: that check is one extra results-page request per process.
 */
export const JOIN_PROBE_REQUESTS = 1;

/** What a search process needs from outside: a job board to scrape and an LLM to score with, both in this test process. */
export interface SearchServices {
  board: DemoBoard;
  stub: LlmStub;
  /** Posting evaluations the stub answered (structured requests; the CV summary is plain text). */
  evaluationCalls(): number;
  /** Runs `jobsearch-api search --source demo --json` against this board and stub; the finished run. */
  search(install: Installation, options: { term: string; cv: Cv; maxPages: number }): Promise<RunRecord>;
  close(): Promise<void>;
}

export async function startSearchServices(boardOptions: DemoBoardOptions = {}): Promise<SearchServices> {
  const board = await startDemoBoard(boardOptions);
  const stub = await startLlmStub().catch(async (error: unknown) => {
    await board.close();
    throw error;
  });
  const env = {
    DEMO_BOARD_PORT: new URL(board.url).port,
    OPENAI_API_KEY: 'sk-e2e-not-a-real-key',
    OPENAI_BASE_URL: stub.baseURL,
  };
  return {
    board,
    stub,
    evaluationCalls: () =>
      stub
        .requests()
        .filter((request) => (request.body.response_format as { type?: string } | undefined)?.type === 'json_schema')
        .length,
    async search(install, { term, cv, maxPages }) {
      const result = await run(
        'jobsearch-api',
        [
          'search',
          '--search-term',
          term,
          '--cv',
          cv.path,
          '--source',
          'demo',
          '--max-pages',
          String(maxPages),
          '--db',
          install.db,
          '--json',
        ],
        { cwd: install.dir, env },
      );
      return JSON.parse(expectSuccess(result, `jobsearch-api search --search-term ${term}`).stdout) as RunRecord;
    },
    async close() {
      await Promise.all([board.close(), stub.close()]);
    },
  };
}
