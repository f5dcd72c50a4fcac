import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  API_TOKEN,
  buildDashboard,
  DESKTOP,
  HAS_CHROMIUM,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  startApi,
  type OpenedPage,
  type RunningApi,
} from './harness';
import { axeViolations, layoutOverflows, seriousOrCritical } from './page-checks';
import { ANALYST_TERM, LEGACY_CV_KEY, seedApplications, seedDatabase, TRICKY_TITLE, type Seeded } from './seed';

/**
 * Every route of the dashboard on the seeded demo database, at phone widths: nothing sticks out
 * sideways (document, elements, cards, chart bars and labels) and axe-core finds no serious or
 * critical violation. The same axe check runs at desktop width, where the layout differs.
 */

interface View {
  name: string;
  /** File name of its phone screenshot in test-artifacts/. */
  shot: string;
  /** Navigates and waits until the view shows its data (charts drawn, tables filled). */
  load(page: Page): Promise<void>;
  /** The view needs the API token in the tab (the new-run form only shows with one). */
  token?: boolean;
  /** The view draws charts (their bars and labels must stay inside them). */
  charts?: boolean;
  /** Shown by the server on the empty database. */
  empty?: boolean;
  /** Console errors the view causes on purpose. */
  expected?: RegExp;
}

const WIDTHS = [PHONE, { width: 390, height: 844 }];

describe.skipIf(!HAS_CHROMIUM)('every view at phone width and under axe-core', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let api: RunningApi;
  /** A server on an empty database: the first thing a new user sees. */
  let empty: RunningApi;
  let seeded: Seeded;
  let trickyMatchId: number;
  let opened: OpenedPage[] = [];
  let expectedProblem: RegExp | undefined;

  beforeAll(async () => {
    [dashboard, browser] = await Promise.all([buildDashboard(), launchChromium()]);
    api = await startApi(dashboard.dir, {
      seed: async (store, board, cvDir) => {
        seeded = await seedDatabase(store, board, cvDir);
        await seedApplications(store);
      },
    });
    empty = await startApi(dashboard.dir);
    const list = await api.store.listMatches({ searchTerm: ANALYST_TERM, minScore: 0, limit: 100 });
    trickyMatchId = list.items.find((m) => m.jobTitle === TRICKY_TITLE)!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await empty?.close();
    await dashboard?.remove();
  });

  afterEach(async () => {
    const problems = opened.flatMap((o) => o.problems).filter((p) => !expectedProblem?.test(p));
    await Promise.all(opened.map((o) => o.context.close()));
    opened = [];
    expectedProblem = undefined;
    expect(problems, 'console errors or warnings, page errors or failed requests').toEqual([]);
  });

  const views: View[] = [
    {
      name: 'matches',
      shot: 'list',
      load: async (page) => {
        await page.goto('/?min_score=0');
        await page.waitForSelector('section.results[aria-busy="false"] .matches-table tbody tr');
      },
    },
    {
      name: 'matches with the filters open',
      shot: 'list-filters',
      load: async (page) => {
        await page.goto(`/?search_term=${ANALYST_TERM}&min_score=3&location=Z%C3%BCrich`);
        await page.waitForSelector('section.results[aria-busy="false"] .matches-table tbody tr');
        if (await page.isVisible('button.filters-toggle')) await page.click('button.filters-toggle');
        await page.waitForSelector('form[role="search"]', { state: 'visible' });
      },
    },
    {
      name: 'match detail with sub-scores, scraped data and other evaluations',
      shot: 'match-detail',
      charts: true,
      load: async (page) => {
        const first = (await api.store.listMatches({ searchTerm: 'Informatik', minScore: 0, limit: 1 })).items[0]!;
        await page.goto(`/matches/${first.id}`);
        await page.waitForSelector('.subscores .recharts-bar-rectangle');
        await page.waitForSelector('#evaluations-heading');
        await page.click('details.raw summary');
        await page.waitForSelector('details.raw pre', { state: 'visible' });
      },
    },
    {
      name: 'match detail with a long title and every sub-score',
      shot: 'match-detail-long-title',
      charts: true,
      load: async (page) => {
        await page.goto(`/matches/${trickyMatchId}`);
        await page.waitForSelector('.subscores .recharts-label-list text');
        await page.waitForSelector('.application-panel select');
      },
    },
    {
      name: 'match not found',
      shot: 'match-not-found',
      expected: /status of 404/,
      load: async (page) => {
        await page.goto('/matches/999999');
        await page.waitForSelector('[role="alert"]');
      },
    },
    {
      name: 'applications board',
      shot: 'applications-board',
      load: async (page) => {
        await page.goto(`/applications?cv_key=${LEGACY_CV_KEY}`);
        await page.waitForSelector('.board[aria-busy="false"] li.board-card');
      },
    },
    {
      name: 'applications board with a card’s notes being edited',
      shot: 'applications-notes',
      token: true,
      load: async (page) => {
        await page.goto('/applications');
        await page.waitForSelector('.board[aria-busy="false"] li.board-card');
        await page
          .getByRole('button', { name: /^Edit notes for/ })
          .first()
          .click();
        await page.waitForSelector('.board-card-notes-form textarea');
      },
    },
    {
      name: 'runs',
      shot: 'runs-list',
      load: async (page) => {
        await page.goto('/runs');
        await page.waitForSelector('.runs-table tbody tr');
      },
    },
    {
      name: 'runs with the new-run form',
      shot: 'new-run-form',
      token: true,
      load: async (page) => {
        await page.goto('/runs');
        await page.waitForSelector('form[aria-label="Start a search"] select[name="cv_key"]');
        await page.waitForSelector('.runs-table tbody tr');
      },
    },
    {
      name: 'run detail',
      shot: 'run-summary',
      load: async (page) => {
        await page.goto(`/runs/${seeded.runs[4]!.id}`);
        await page.waitForSelector('.run-summary .run-status-completed');
      },
    },
    {
      name: 'insights with every data table open',
      shot: 'insights-tables',
      charts: true,
      load: async (page) => {
        await page.goto('/insights');
        for (const chart of ['llm-per-day', 'dedup-per-run', 'pages-per-day', 'cost-saved']) {
          await page.waitForSelector(`[data-chart="${chart}"] .recharts-bar-rectangle`);
          await page.click(`[data-chart="${chart}"] summary`);
          await page.waitForSelector(`[data-chart="${chart}"] tbody tr`);
        }
      },
    },
    {
      name: 'CV versions',
      shot: 'cv-versions-list',
      load: async (page) => {
        await page.goto('/cv-versions');
        await page.waitForSelector('table tbody tr');
      },
    },
    {
      name: 'unknown address',
      shot: 'not-found',
      load: async (page) => {
        await page.goto('/no/such/page');
        await page.waitForSelector('h1');
      },
    },
    ...(['/', '/applications', '/runs', '/insights', '/cv-versions'] as const).map(
      (path): View => ({
        name: `${path} on an empty database`,
        shot: `empty${path === '/' ? '-matches' : path.replace('/', '-')}`,
        empty: true,
        load: async (page) => {
          await page.goto(path);
          await page.waitForSelector('.state-empty');
        },
      }),
    ),
  ];

  async function show(view: View, viewport: { width: number; height: number }): Promise<Page> {
    const o = await openPage(browser, (view.empty ? empty : api).url, viewport);
    opened.push(o);
    expectedProblem = view.expected;
    if (view.token)
      await o.context.addInitScript((token) => sessionStorage.setItem('jobsearchai.apiToken', token), API_TOKEN);
    await view.load(o.page);
    return o.page;
  }

  for (const viewport of WIDTHS) {
    describe(`at ${viewport.width} px`, () => {
      it.each(views)('$name fits without sideways overflow', async (view) => {
        const page = await show(view, viewport);
        if (viewport === PHONE) await screenshot(page, `phone-${view.shot}`);
        const layout = await layoutOverflows(page);
        expect(layout.problems).toEqual([]);
        expect(layout.elements).toBeGreaterThan(20);
        // Bars, value labels, ticks and grid lines of the charts were measured too.
        expect(layout.chartParts > 0).toBe(view.charts === true);
      });
    });
  }

  for (const viewport of [PHONE, DESKTOP]) {
    describe(`axe-core at ${viewport.width} px`, () => {
      it.each(views)('$name has no serious or critical violation', async (view) => {
        const page = await show(view, viewport);
        const findings = await axeViolations(page);
        expect(seriousOrCritical(findings)).toEqual([]);
      });
    });
  }
});
