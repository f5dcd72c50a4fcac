import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  API_TOKEN,
  buildDashboard,
  CHROMIUM,
  HAS_CHROMIUM,
  launchChromium,
  openPage,
  PHONE,
  readRows,
  scoreOf,
  screenshot,
  settleMatches,
  startApi,
  type OpenedPage,
  type RunningApi,
} from './harness';
import { ANALYST_ROWS, ANALYST_TERM, LEGACY_CV_KEY, seedDatabase, TRICKY_TITLE, type Seeded } from './seed';

if (!HAS_CHROMIUM) {
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

describe.skipIf(!HAS_CHROMIUM)('dashboard in headless Chromium against a real API', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let api: RunningApi;
  let seeded: Seeded;
  let opened: OpenedPage[] = [];
  /** Console errors a test provokes on purpose (e.g. the 404 of an unknown id). */
  let expectedProblems: RegExp[] = [];

  beforeAll(async () => {
    [dashboard, browser] = await Promise.all([buildDashboard(), launchChromium()]);
    api = await startApi(dashboard.dir, {
      seed: async (store, board, cvDir) => {
        seeded = await seedDatabase(store, board, cvDir);
      },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await dashboard?.remove();
  });

  afterEach(async () => {
    const problems = opened.flatMap((o) => o.problems).filter((p) => !expectedProblems.some((re) => re.test(p)));
    await Promise.all(opened.map((o) => o.context.close()));
    opened = [];
    expectedProblems = [];
    expect(problems, 'console errors or warnings, page errors or failed requests').toEqual([]);
  });

  async function open(path: string, viewport?: { width: number; height: number }) {
    const o = await openPage(browser, api.url, viewport);
    opened.push(o);
    await settleMatchesIfMatches(o, path);
    return o.page;
  }

  async function settleMatchesIfMatches(o: OpenedPage, path: string) {
    if (path === '/' || path.startsWith('/?')) await settleMatches(o.page, () => o.page.goto(path));
    else await o.page.goto(path);
  }

  describe('Matches', () => {
    it('shows the best matches first with score badges, status and links, 6/10 and up by default', async () => {
      const page = await open('/');
      const rows = await readRows(page);
      expect(rows.length).toBeGreaterThan(0);
      const scores = rows.map(scoreOf);
      expect(scores.every((s) => s >= 6)).toBe(true);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const badgeClasses = await page.$$eval('.matches-table tbody .badge', (els) => els.map((el) => el.className));
      for (const [i, row] of rows.entries()) {
        expect(badgeClasses[i]).toBe(scoreOf(row) >= 8 ? 'badge badge-high' : 'badge badge-medium');
      }
      // The application status: nothing in the seeded database is tracked yet.
      expect(rows.every((r) => r.status === 'Matched')).toBe(true);
      // One row per posting and CV: "IT" and "Informatik" found the same postings, listed once with both terms.
      expect(rows.some((r) => r.term === 'IT, Informatik')).toBe(true);
      const external = await page.$eval('.matches-table tbody tr a.external', (a) => ({
        href: a.getAttribute('href'),
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      }));
      expect(external.href).toMatch(/^http/);
      expect(external).toMatchObject({ target: '_blank', rel: 'noopener noreferrer' });
      await screenshot(page, 'matches');
      await screenshot(page, 'matches-top', { fullPage: false });
    });

    it('filters by search term, CV, minimum score (keyboard), location and text, and keeps the filters in the URL', async () => {
      const page = await open('/');
      await settleMatches(
        page,
        () => page.selectOption('select[name="search_term"]', ANALYST_TERM),
        (u) => u.searchParams.get('search_term') === ANALYST_TERM,
      );
      await settleMatches(
        page,
        () => page.selectOption('select[name="cv_key"]', LEGACY_CV_KEY),
        (u) => u.searchParams.get('cv_key') === LEGACY_CV_KEY,
      );
      // The slider answers the arrow keys: 6 → 8.
      await page.focus('input[name="min_score"]');
      await settleMatches(
        page,
        () => page.keyboard.press('ArrowRight'),
        (u) => u.searchParams.get('min_score') === '7',
      );
      await settleMatches(
        page,
        () => page.keyboard.press('ArrowRight'),
        (u) => u.searchParams.get('min_score') === '8',
      );
      expect(await page.textContent('.field-score output')).toBe('8/10');
      await settleMatches(
        page,
        () => page.fill('input[name="location"]', 'zürich'),
        (u) => u.searchParams.get('location') === 'zürich',
      );

      let rows = await readRows(page);
      // Scores 8–10 are rows i % 10 in 7..9; Zürich is i % 4 == 1: i in {9, 17, 29, 37, 49, 57}.
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => scoreOf(r) >= 8 && r.location === '8001 Zürich' && r.term === ANALYST_TERM)).toBe(true);

      const url = new URL(page.url());
      expect(Object.fromEntries(url.searchParams)).toEqual({
        search_term: ANALYST_TERM,
        cv_key: LEGACY_CV_KEY,
        min_score: '8',
        location: 'zürich',
      });

      // A bookmark restores the same view, controls included.
      await settleMatches(page, () => page.reload());
      expect((await readRows(page)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
      expect(await page.inputValue('select[name="search_term"]')).toBe(ANALYST_TERM);
      expect(await page.inputValue('input[name="location"]')).toBe('zürich');
      expect(await page.inputValue('input[name="min_score"]')).toBe('8');

      // Text search over title, company and location; Enter applies at once.
      await settleMatches(
        page,
        () => page.fill('input[name="location"]', ''),
        (u) => !u.searchParams.has('location'),
      );
      await page.fill('input[name="q"]', 'foxtrot');
      await settleMatches(
        page,
        () => page.press('input[name="q"]', 'Enter'),
        (u) => u.searchParams.get('q') === 'foxtrot',
      );
      rows = await readRows(page);
      // Foxtrot is i % 6 == 5; with a score of 8+: i in {17, 29, 47, 59}.
      expect(rows.map((r) => r.company)).toEqual(['Foxtrot GmbH', 'Foxtrot GmbH', 'Foxtrot GmbH', 'Foxtrot GmbH']);

      // Reset brings back the defaults and a plain URL.
      await settleMatches(page, () => page.click('button:has-text("Reset filters")'));
      expect(new URL(page.url()).search).toBe('');
      expect(await page.inputValue('input[name="q"]')).toBe('');
    });

    it('filters by matched day range and shows failed evaluations on request', async () => {
      const page = await open(
        `/?search_term=${ANALYST_TERM}&min_score=0&date_from=2026-10-05&date_to=2026-10-06&sort=date_asc`,
      );
      let rows = await readRows(page);
      // Days 5 and 6 are i % 20 in {4, 5}: three rows each.
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.matched.startsWith('2026-10-05') || r.matched.startsWith('2026-10-06'))).toBe(true);
      expect(rows.map((r) => r.matched)).toEqual([...rows.map((r) => r.matched)].sort());
      expect(await page.inputValue('input[name="date_from"]')).toBe('2026-10-05');

      await settleMatches(
        page,
        () => page.fill('input[name="date_to"]', '2026-10-05'),
        (u) => u.searchParams.get('date_to') === '2026-10-05',
      );
      expect(await readRows(page)).toHaveLength(3);

      await page.goto(`/?search_term=${ANALYST_TERM}&min_score=0&status=failed`);
      await page.waitForSelector('.matches-table tbody tr');
      rows = await readRows(page);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'Matched', score: 'failed', title: 'Data Analyst (failed evaluation)' });
    });

    it('sorts with the column headers and the sort menu', async () => {
      const page = await open(`/?search_term=${ANALYST_TERM}&min_score=0&limit=200`);
      expect(await page.getAttribute('th:has(button:has-text("Score"))', 'aria-sort')).toBe('descending');

      await settleMatches(
        page,
        () => page.click('th button:has-text("Score")'),
        (u) => u.searchParams.get('sort') === 'score_asc',
      );
      let scores = (await readRows(page)).map(scoreOf);
      expect(scores).toHaveLength(ANALYST_ROWS);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(await page.getAttribute('th:has(button:has-text("Score"))', 'aria-sort')).toBe('ascending');

      await settleMatches(
        page,
        () => page.selectOption('select[name="sort"]', 'company_asc'),
        (u) => u.searchParams.get('sort') === 'company_asc',
      );
      const companies = (await readRows(page)).map((r) => r.company);
      expect(companies).toEqual([...companies].sort());
      expect(companies[0]).toBe('Alpha AG');

      await settleMatches(
        page,
        () => page.click('th button:has-text("Matched")'),
        (u) => u.searchParams.get('sort') === 'date_desc',
      );
      const dates = (await readRows(page)).map((r) => r.matched);
      expect(dates).toEqual([...dates].sort().reverse());

      await settleMatches(
        page,
        () => page.click('th button:has-text("Title")'),
        (u) => u.searchParams.get('sort') === 'title_asc',
      );
      scores = (await readRows(page)).map(scoreOf);
      expect((await readRows(page))[0]!.title).toBe(TRICKY_TITLE);
    });

    it('pages forwards and backwards with the cursor, and the browser history agrees', async () => {
      const page = await open(`/?search_term=${ANALYST_TERM}&min_score=0&sort=date_asc`);
      await settleMatches(
        page,
        () => page.selectOption('select[name="limit"]', '25'),
        (u) => u.searchParams.get('limit') === '25',
      );
      const first = (await readRows(page)).map((r) => r.id);
      expect(first).toHaveLength(25);
      expect(await page.isDisabled('nav.pager button:has-text("Previous")')).toBe(true);

      await settleMatches(
        page,
        () => page.click('nav.pager button:has-text("Next")'),
        (u) => u.searchParams.has('cursor'),
      );
      const second = (await readRows(page)).map((r) => r.id);
      expect(second).toHaveLength(25);
      expect(new URL(page.url()).searchParams.has('cursor')).toBe(true);
      expect(await page.textContent('.results-bar')).toContain('Page 2');

      await settleMatches(
        page,
        () => page.click('nav.pager button:has-text("Next")'),
        (u) => u.searchParams.has('cursor'),
      );
      const third = (await readRows(page)).map((r) => r.id);
      expect(third).toHaveLength(ANALYST_ROWS - 50);
      expect(await page.isDisabled('nav.pager button:has-text("Next")')).toBe(true);
      expect(new Set([...first, ...second, ...third]).size).toBe(ANALYST_ROWS);

      await settleMatches(page, () => page.click('nav.pager button:has-text("Previous")'));
      expect((await readRows(page)).map((r) => r.id)).toEqual(second);
      await settleMatches(page, () => page.goBack());
      expect((await readRows(page)).map((r) => r.id)).toEqual(third);
      await settleMatches(page, () => page.click('nav.pager button:has-text("Previous")'));
      await settleMatches(
        page,
        () => page.click('nav.pager button:has-text("Previous")'),
        (u) => !u.searchParams.has('cursor'),
      );
      expect((await readRows(page)).map((r) => r.id)).toEqual(first);
    });

    it('exports the visible rows as CSV, quoting what needs quoting', async () => {
      const page = await open(`/?search_term=${ANALYST_TERM}&min_score=9&sort=title_asc`);
      const rows = await readRows(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('button:has-text("Export CSV")'),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^matches-${ANALYST_TERM}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      const text = await readFile((await download.path())!, 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,status,application_status,title,company,location,score,best_score,search_terms,evaluations,cv_key,posting_date,workload,matched_at,url',
      );
      expect(lines).toHaveLength(rows.length + 1);
      expect(lines[1]).toBe(
        `${rows[0]!.id},evaluated,MATCHED,"Analyst, ""Senior"" (80–100 %) – Zürich",Delta AG,8001 Zürich,10,10,${ANALYST_TERM},1,${LEGACY_CV_KEY},10.09.2026,80-100%,2026-10-10 09:09,https://www.ostjob.ch/job/data-analyst-10/1040009`,
      );
      expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(rows.map((r) => r.id));
    });

    it('shows the API error when a request is refused, and recovers', async () => {
      expectedProblems = [/status of 400/];
      const o = await openPage(browser, api.url);
      opened.push(o);
      await o.page.goto('/?cursor=not-a-cursor');
      await o.page.waitForSelector('[role="alert"]');
      expect(await o.page.textContent('[role="alert"] h2')).toBe('Could not load the matches');
      expect(await o.page.textContent('[role="alert"]')).toMatch(/cursor/i);
      await settleMatches(o.page, () => o.page.click('button:has-text("Reset filters")'));
      expect((await readRows(o.page)).length).toBeGreaterThan(0);
    });

    it('explains an empty result and offers to reset', async () => {
      const page = await open('/?q=no-such-posting-anywhere');
      expect(await page.textContent('.state-empty h2')).toBe('No matches for these filters');
      expect(await page.isVisible('.state-empty button:has-text("Reset filters")')).toBe(true);
    });
  });

  describe('Posting detail', () => {
    it('opens from the table with sub-score bars, location, reasoning, scraped data and the other evaluations', async () => {
      const page = await open('/?search_term=Informatik&min_score=0&sort=score_desc');
      const rows = await readRows(page);
      const row = rows[0]!;
      await page.click(`tr[data-match-id="${row.id}"] td[data-label="Title"] a`);
      await page.waitForSelector('.subscores .recharts-bar-rectangle');
      expect(new URL(page.url()).pathname).toBe(`/matches/${row.id}`);
      expect(await page.textContent('h1')).toBe(row.title);
      expect(await page.$$eval('.subscores .recharts-bar-rectangle', (bars) => bars.length)).toBe(6);
      const spoken = await page.$$eval('.subscores figcaption li', (lis) => lis.map((li) => li.textContent));
      expect(spoken.map((s) => s!.split(':')[0])).toEqual([
        'Skills',
        'Experience',
        'Education',
        'Career trajectory',
        'Preferences',
        'Potential satisfaction',
      ]);
      expect(await page.textContent('.overall')).toContain(row.score);
      expect(await page.textContent('.overall')).toMatch(/Location(Yes|No|Unknown)/);
      expect((await page.textContent('.reasoning'))!.length).toBeGreaterThan(20);
      expect(await page.$$eval('#scraped-heading ~ dl dt', (dts) => dts.map((dt) => dt.textContent))).toContain(
        'Job Title',
      );
      // "Informatik" reused evaluations of "IT"; the LLM-scored CV evaluated IT postings too. Every
      // evaluation is listed, the one on this page marked.
      const evaluations = await page.$$eval('#evaluations-heading ~ .table-wrap tbody tr', (trs) =>
        trs.map((tr) => ({
          id: Number((tr as HTMLElement).dataset.evaluationId),
          term: tr.querySelector('td[data-label="Search term"]')?.textContent,
          current: tr.getAttribute('aria-current') === 'true',
          scoredBy: tr.querySelector('td[data-label="Scored by"]')?.textContent,
        })),
      );
      expect(evaluations.map((e) => e.term)).toContain('IT');
      expect(evaluations.filter((e) => e.current).map((e) => [e.id, e.term])).toEqual([[row.id, 'Informatik']]);
      expect(evaluations.every((e) => (e.scoredBy ?? '').length > 0)).toBe(true);
      expect(await page.textContent(`tr[data-evaluation-id="${row.id}"] td[data-label="Details"]`)).toBe(
        'Shown on this page',
      );
      await screenshot(page, 'detail');

      // Back keeps the filters.
      await settleMatches(page, () => page.click('a.back-link'));
      expect(new URL(page.url()).search).toBe('?search_term=Informatik&min_score=0&sort=score_desc');
    });

    it('says so for an unknown id', async () => {
      expectedProblems = [/status of 404/];
      const o = await openPage(browser, api.url);
      opened.push(o);
      await o.page.goto('/matches/999999');
      await o.page.waitForSelector('[role="alert"]');
      expect(await o.page.textContent('h1')).toBe('Match not found');
    });
  });

  describe('Runs', () => {
    it('lists the runs with pages, postings, LLM calls, cost and stop reason', async () => {
      const page = await open('/runs');
      await page.waitForSelector('.runs-table tbody tr');
      const rows = await page.$$eval('.runs-table tbody tr', (trs) =>
        trs.map((tr) =>
          Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.label, td.textContent?.trim()])),
        ),
      );
      expect(rows).toHaveLength(seeded.runs.length);
      const repeat = seeded.runs[2]!;
      const row = rows.find((r) => r.Run === `Run #${repeat.id}`)!;
      expect(row['Pages scraped / saved']).toBe(`${repeat.pagesScraped} / ${repeat.pagesSaved}`);
      expect(row['Postings new / dup. / reused']).toBe(
        `${repeat.postingsNew} / ${repeat.postingsDuplicate} / ${repeat.postingsReused}`,
      );
      expect(row['Stop reason']).toMatch(/early exit/i);
      const llmRepeat = seeded.runs[4]!;
      expect(llmRepeat.costSavedUsd).toBeGreaterThan(0);
      expect(rows.find((r) => r.Run === `Run #${llmRepeat.id}`)!['LLM calls made / saved']).toBe(
        `0 / ${llmRepeat.llmSaved}`,
      );
      // No token yet: no form.
      expect(await page.isVisible('form[aria-label="Start a search"]')).toBe(false);
      await screenshot(page, 'runs');
    });

    it('starts a search with the token and follows its progress until it finishes', async () => {
      expectedProblems = [/status of 403/];
      const page = await open('/runs');
      // A wrong token is refused with the API's explanation.
      await page.fill('input[name="token"]', 'wrong-token-0000000000');
      await page.click('button:has-text("Use token")');
      await page.fill('input[name="search_term"]', 'analyst');
      await page.click('button:has-text("Start search")');
      await page.waitForSelector('form[aria-label="Start a search"] [role="alert"]');
      expect(await page.textContent('form[aria-label="Start a search"] [role="alert"]')).toContain(
        'The API token is not valid',
      );

      await page.click('button:has-text("Forget the token")');
      expect(await page.evaluate(() => sessionStorage.getItem('jobsearchai.apiToken'))).toBeNull();
      await page.fill('input[name="token"]', API_TOKEN);
      await page.press('input[name="token"]', 'Enter');
      expect(await page.evaluate(() => sessionStorage.getItem('jobsearchai.apiToken'))).toBe(API_TOKEN);

      // The registered CV with stored text is offered; a slow board keeps the run going long enough to watch.
      await page.fill('input[name="search_term"]', 'analyst');
      expect(await page.inputValue('select[name="cv_key"]')).toMatch(/^[0-9a-f]{16}$/);
      await page.fill('input[name="max_pages"]', '3');
      api.board.setFaults({ slowMs: 150 });
      try {
        await page.click('button:has-text("Start search")');
        await page.waitForURL(/\/runs\/\d+$/);
        await page.waitForSelector('.run-status-running');
        await page.waitForSelector('progress#run-progress');
        await screenshot(page, 'run-progress');
        await page.waitForSelector('.run-summary .run-status-completed', { timeout: 20_000 });
      } finally {
        api.board.clearFaults();
      }
      const runId = Number(new URL(page.url()).pathname.split('/').pop());
      const run = (await api.store.getRun(runId))!;
      expect(run).toMatchObject({ status: 'completed', searchTerm: 'analyst', maxPages: 3 });
      expect(await page.textContent('h1')).toBe(`Run #${runId}: analyst`);
      expect(await page.textContent('section[aria-label="Pages"] .metric-main')).toBe(`${run.pagesScraped} scraped`);
      expect(await page.textContent('section[aria-label="Postings"]')).toContain(`new${run.postingsNew}`);
      await screenshot(page, 'run-detail');

      // The token survives a reload of the tab.
      await page.goto('/runs');
      await page.waitForSelector('form[aria-label="Start a search"]');
    });
  });

  describe('Insights', () => {
    it('draws LLM calls made vs saved, dedup rate per run, pages saved and cost saved from real runs', async () => {
      const page = await open('/insights');
      await page.waitForSelector('[data-chart="cost-saved"] .recharts-bar-rectangle');
      for (const chart of ['llm-per-day', 'dedup-per-run', 'pages-per-day', 'cost-saved']) {
        expect(
          await page.$$eval(`[data-chart="${chart}"] .recharts-bar-rectangle`, (bars) => bars.length),
          chart,
        ).toBeGreaterThan(0);
      }
      const tiles = await page.$$eval('.tile', (lis) =>
        Object.fromEntries(
          lis.map((li) => [li.querySelector('.tile-label')!.textContent, li.querySelector('.tile-value')!.textContent]),
        ),
      );
      const stats = (await (await fetch(`${api.url}/api/stats`)).json()) as { totals: { llmSaved: number } };
      expect(stats.totals.llmSaved).toBeGreaterThan(0);
      expect(tiles['LLM calls saved']).toBe(stats.totals.llmSaved.toLocaleString('en-US'));
      expect(tiles['Cost saved']).toMatch(/^\$0\.\d+$/);
      expect(tiles['Cost saved']).not.toBe('$0.00');
      // The numbers behind a chart are one click away.
      await page.click('[data-chart="dedup-per-run"] summary');
      expect(await page.$$eval('[data-chart="dedup-per-run"] tbody tr', (trs) => trs.length)).toBeGreaterThanOrEqual(
        seeded.runs.length,
      );
      await screenshot(page, 'insights');
    });
  });

  describe('CV versions', () => {
    it('lists key, file, date and number of evaluations', async () => {
      const page = await open('/cv-versions');
      await page.waitForSelector('table tbody tr');
      const rows = await page.$$eval('table tbody tr', (trs) =>
        trs.map((tr) =>
          Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.label, td.textContent?.trim()])),
        ),
      );
      expect(rows.map((r) => r.Key).sort()).toEqual([LEGACY_CV_KEY, seeded.heuristicCvKey, seeded.llmCvKey].sort());
      const legacy = rows.find((r) => r.Key === LEGACY_CV_KEY)!;
      expect(legacy.Evaluations).toBe(String(ANALYST_ROWS + 1));
      expect(legacy.File).toContain('lebenslauf-2025.pdf');
      expect(rows.find((r) => r.Key === seeded.heuristicCvKey)!.Registered).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      await screenshot(page, 'cv-versions');
      // Its link opens the matches of that CV.
      await settleMatches(page, () => page.click('table a:has-text("Matches") >> nth=0'));
      expect(new URL(page.url()).searchParams.get('cv_key')).toMatch(/^[0-9a-f]{16}$/);
    });
  });

  describe('Accessibility and layout', () => {
    it('is usable from the keyboard: skip link, navigation, focus moves to the new view', async () => {
      const page = await open('/');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).toBe('solid');
      // Through the brand link to the navigation.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Applications');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Runs');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/runs$/);
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      expect(await page.title()).toBe('Search runs · JobSearchAI');
      // Every form control on the matches page has a label.
      await settleMatches(page, () => page.goto('/'));
      const unlabelled = await page.$$eval('input, select', (els) =>
        els
          .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
          .map((el) => el.outerHTML),
      );
      expect(unlabelled).toEqual([]);
    });

    it('fits a 375 px phone on every view without sideways scrolling', async () => {
      const page = await open('/?min_score=5', PHONE);
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBe(0);
      // The filters fold away behind a toggle that says how many are set.
      expect(await page.isVisible('form[role="search"]')).toBe(false);
      expect(await page.textContent('button.filters-toggle')).toBe('Show filters (1 active)');
      await page.click('button.filters-toggle');
      expect(await page.isVisible('form[role="search"]')).toBe(true);
      expect(await page.getAttribute('button.filters-toggle', 'aria-expanded')).toBe('true');
      expect(await overflow()).toBe(0);
      await screenshot(page, 'phone-matches', { fullPage: false });
      await page.click('button.filters-toggle');
      await page.evaluate(() => document.querySelector('.matches-table')!.scrollIntoView());
      await screenshot(page, 'phone-matches-table', { fullPage: false });
      const firstId = (await readRows(page))[0]!.id;
      await page.goto(`/matches/${firstId}`);
      await page.waitForSelector('.subscores .recharts-bar-rectangle');
      expect(await overflow()).toBe(0);
      await screenshot(page, 'phone-detail', { fullPage: false });
      await page.goto('/runs');
      await page.waitForSelector('.runs-table tbody tr');
      expect(await overflow()).toBe(0);
      await page.evaluate(() => document.querySelector('.runs-table')!.scrollIntoView());
      await screenshot(page, 'phone-runs', { fullPage: false });
      await page.goto('/insights');
      await page.waitForSelector('[data-chart="cost-saved"] .recharts-bar-rectangle');
      expect(await overflow()).toBe(0);
      await screenshot(page, 'phone-insights', { fullPage: false });
    });
  });

  describe('on an empty database', () => {
    let empty: RunningApi;
    beforeAll(async () => {
      // Without API_TOKEN, as `npm start` runs it: writes are accepted from this machine only.
      empty = await startApi(dashboard.dir, { apiToken: null });
    });
    afterAll(async () => {
      await empty?.close();
    });

    it('explains how to migrate legacy files or run a search, on every view', async () => {
      const o = await openPage(browser, empty.url);
      opened.push(o);
      const page = o.page;
      await settleMatches(page, () => page.goto('/'));
      await page.waitForSelector('.state-empty');
      expect(await page.textContent('.state-empty h2')).toBe('No matches yet');
      const text = (await page.textContent('.state-empty'))!;
      expect(text).toContain('jobsearch-migrate migrate');
      expect(text).toContain('jobsearch-api search');
      expect(await page.isDisabled('button:has-text("Export CSV")')).toBe(true);
      await screenshot(page, 'empty-matches');
      await page.goto('/runs');
      await page.waitForSelector('.state-empty');
      expect(await page.textContent('.state-empty h2')).toBe('No search runs yet');
      await page.goto('/insights');
      await page.waitForSelector('.state-empty');
      expect(await page.textContent('.state-empty h2')).toBe('No search runs yet');
      await page.goto('/cv-versions');
      await page.waitForSelector('.state-empty');
      expect(await page.textContent('.state-empty h2')).toBe('No CV versions registered');
    });

    it('runs a first search from a CV file on a server without a token, and its matches appear', async () => {
      await writeFile(
        join(empty.cvDir, 'my-cv.md'),
        '# Max Muster\nSoftware engineer in St. Gallen: TypeScript, Node.js, SQL, Docker.\n',
      );
      const o = await openPage(browser, empty.url);
      opened.push(o);
      const page = o.page;
      await page.goto('/runs');
      await page.click('button:has-text("Server has no token")');
      // No CV is registered yet, so the file path is the choice.
      expect(await page.isDisabled('input[name="cv_choice"][value="registered"]')).toBe(true);
      await page.fill('input[name="search_term"]', 'IT');
      await page.fill('input[name="cv_path"]', 'my-cv.md');
      await page.fill('input[name="max_pages"]', '2');
      await page.click('button:has-text("Start search")');
      await page.waitForURL(/\/runs\/\d+$/);
      await page.waitForSelector('.run-summary .run-status-completed', { timeout: 20_000 });
      expect(await page.textContent('section[aria-label="Postings"] .metric-main')).toBe('20 seen');
      await settleMatches(page, () => page.click('a:has-text("Matches of this search")'));
      const rows = await readRows(page);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.term === 'IT')).toBe(true);
    });
  });
});
