// Two `jobsearch-api serve` processes on one PostgreSQL database, as in a deployment with two
// instances behind a load balancer: "already running" holds across them because the database
// decides it, not either process.
import { postgresTestUrl } from '@jobsearchai/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CV_TEXT } from './harness/cv-texts.js';
import { getOk } from './harness/http.js';
import { createInstallation, type Cv, type Installation } from './harness/installation.js';
import { expectSuccess, startApi, type LongRunning } from './harness/processes.js';
import { startSearchServices, type SearchServices } from './harness/search-services.js';

const TOKEN = 'two-instances-token';
type Api = LongRunning & { url: string };

interface RunsPage {
  items: { id: number; status: string; searchTerm: string; stopReason: string | null }[];
}

describe.runIf(postgresTestUrl())('two API instances on one PostgreSQL database', () => {
  let install: Installation;
  let services: SearchServices;
  let cv: Cv;
  const apis: Api[] = [];

  beforeAll(async () => {
    install = await createInstallation('postgresql');
    cv = await install.writeCv('lebenslauf.md', CV_TEXT);
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
    services = await startSearchServices({ initialPostings: 60 });
    // Slow pages keep the first run running while every other start arrives.
    services.board.setFaults({ slowMs: 1_500 });
    const env = {
      API_TOKEN: TOKEN,
      DEMO_BOARD_PORT: new URL(services.board.url).port,
      OPENAI_API_KEY: 'sk-e2e-not-a-real-key',
      OPENAI_BASE_URL: services.stub.baseURL,
    };
    for (let i = 0; i < 2; i++) apis.push(await startApi({ cwd: install.dir, env, args: ['--db', install.db] }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await services?.close();
    await install?.cleanup();
  });

  it('20 simultaneous starts of one search, split over both: exactly one run, 19 answered 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await fetch(`${apis[i % 2]!.url}/api/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ search_term: 'IT', cv_path: cv.path, max_pages: 5, source: 'demo' }),
          signal: AbortSignal.timeout(30_000),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      }),
    );
    const started = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 409);
    const others = JSON.stringify(answers.filter((a) => a.status !== 202 && a.status !== 409));
    expect(started, others).toHaveLength(1);
    expect(refused, others).toHaveLength(19);
    const runId = started[0]!.body.id;
    for (const answer of refused) expect(String(answer.body.detail)).toContain('is already running');

    // Both instances see the one run, and only it, in the shared database.
    for (const api of apis) {
      const page = await getOk<RunsPage>(`${api.url}/api/runs?search_term=IT`);
      expect(page.items.map((run) => run.id)).toEqual([runId]);
      expect(page.items[0]!.status).toBe('running');
    }
  }, 120_000);
});
