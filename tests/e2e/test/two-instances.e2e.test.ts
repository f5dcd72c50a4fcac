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

const post = (api: Api, path: string, body: unknown) =>
  fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });

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
      // Both schedulers look for due schedules five times a second.
      SCHEDULER_TICK_MS: '200',
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

  it('a schedule due once, watched by both schedulers: exactly one run', async () => {
    // A schedule starts runs by cv_key: the CV's text must be stored (any run with cv_path does it).
    const warmup = await post(apis[0]!, '/api/runs', { search_term: 'warmup', cv_path: cv.path, max_pages: 1 });
    expect(warmup.status).toBe(202);
    const at = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
    // Seconds minutes hours day month weekday, in UTC: this exact second, next due a year later.
    const cron = `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
    const created = await post(apis[1]!, '/api/schedules', {
      search_term: 'Analyst',
      cv_key: cv.cvKey,
      cron,
      time_zone: 'UTC',
      max_pages: 2,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const schedule = (await created.json()) as { id: number; nextRunAt: string };
    expect(schedule.nextRunAt).toBe(at.toISOString());

    let runs: RunsPage['items'] = [];
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && runs.length === 0; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      runs = (await getOk<RunsPage>(`${apis[0]!.url}/api/runs?search_term=Analyst`)).items;
    }
    expect(runs).toHaveLength(1);
    // Many more ticks of both schedulers: still one run.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    runs = (await getOk<RunsPage>(`${apis[1]!.url}/api/runs?search_term=Analyst`)).items;
    expect(runs).toHaveLength(1);
    const after = await getOk<{ lastRunId: number; nextRunAt: string; claimedBy: string | null }>(
      `${apis[0]!.url}/api/schedules/${schedule.id}`,
    );
    expect(after).toMatchObject({ lastRunId: runs[0]!.id, claimedBy: null });
    // One instance claimed it; the other never tried (the run's unique index was not what stopped it).
    for (const api of apis) expect(api.output()).not.toContain('scheduled search not started');
    expect(Date.parse(after.nextRunAt)).toBeGreaterThan(at.getTime());
  }, 60_000);
});
