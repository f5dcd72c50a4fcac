import { readFile } from 'node:fs/promises';
import type { MatchInput } from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';
import { testSql } from '@jobsearchai/core/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDashboard,
  HAS_CHROMIUM,
  launchChromium,
  openPage,
  PHONE,
  settleMatches,
  startApi,
  type OpenedPage,
  type RunningApi,
} from './harness';
import { axeViolations, layoutOverflows, seriousOrCritical } from './page-checks';

const CV = 'a1b2c3d4e5f60718';

function posting(n: number, overrides: Partial<MatchInput>): MatchInput {
  return {
    jobUrl: `https://www.ostjob.ch/job/informatiker-${n}/${1_050_000 + n}`,
    searchTerm: 'IT',
    cvKey: CV,
    jobTitle: `Informatiker/in ${n}`,
    companyName: `Firma ${n}`,
    location: '9000 St. Gallen',
    postingDate: `0${n}.11.2026`,
    salaryRange: '80-100%',
    overallMatch: 7,
    reasoning: 'Passt.',
    scrapedData: { 'Job Title': `Informatiker/in ${n}` },
    matchedAt: `2026-11-0${n} 08:00:00`,
    ...overrides,
  };
}

/** Postings 1–5 for one CV: 1 under two terms; 2 rejected, 3 archived, 4 applied (its newest tracker row). */
async function seed(store: Store): Promise<void> {
  await store.insertMatches([
    posting(1, { searchTerm: 'IT', overallMatch: 7 }),
    posting(1, { searchTerm: 'Informatik', overallMatch: 9, salaryRange: '60-80%' }),
    posting(2, { overallMatch: 8 }),
    posting(3, { overallMatch: 8 }),
    posting(4, { overallMatch: 6 }),
    posting(5, { overallMatch: 6, salaryRange: 'N/A' }),
  ]);
  const sql = testSql(store);
  const id = async (n: number, term = 'IT') =>
    (
      await sql.query<{ id: number }>('SELECT id FROM job_matches WHERE job_url = ? AND search_term = ?', [
        posting(n, {}).jobUrl,
        term,
      ])
    )[0]!.id;
  const track = async (matchId: number, status: string, updatedAt: string) =>
    sql.execute('INSERT INTO applications (job_match_id, status, updated_at) VALUES (?, ?, ?)', [
      matchId,
      status,
      updatedAt,
    ]);
  await track(await id(2), 'REJECTED', '2026-11-10 10:00:00');
  await track(await id(3), 'ARCHIVED', '2026-11-10 10:00:00');
  await track(await id(4), 'INTERESTED', '2026-11-09 10:00:00');
  await track(await id(1, 'Informatik'), 'APPLIED', '2026-11-10 10:00:00');
  await track(await id(1, 'IT'), 'INTERESTED', '2026-11-08 10:00:00');
}

interface ListRow {
  id: number;
  title: string;
  status: string;
  terms: string[];
  posted: string;
  workload: string;
  isNew: boolean;
}

function readListRows(page: Page): Promise<ListRow[]> {
  return page.$$eval('.matches-table tbody tr', (trs) =>
    trs.map((tr) => {
      const cell = (label: string) => tr.querySelector(`td[data-label="${label}"]`);
      return {
        id: Number((tr as HTMLElement).dataset.matchId),
        title: cell('Title')?.querySelector('a')?.textContent?.trim() ?? '',
        status: cell('Status')?.textContent?.trim() ?? '',
        terms: [...(cell('Search terms')?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.trim() ?? ''),
        posted: cell('Posted')?.textContent?.trim() ?? '',
        workload: cell('Workload')?.textContent?.trim() ?? '',
        isNew: (tr as HTMLElement).dataset.new === 'true',
      };
    }),
  );
}

describe.skipIf(!HAS_CHROMIUM)('matches list in Chromium: one row per posting', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let api: RunningApi;
  let opened: OpenedPage[] = [];

  beforeAll(async () => {
    [dashboard, browser] = await Promise.all([buildDashboard(), launchChromium()]);
    api = await startApi(dashboard.dir, { seed: (store) => seed(store) });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await dashboard?.remove();
  });
  afterEach(async () => {
    const problems = opened.flatMap((o) => o.problems);
    await Promise.all(opened.map((o) => o.context.close()));
    opened = [];
    expect(problems, 'console errors or warnings, page errors or failed requests').toEqual([]);
  });

  async function open(path: string, viewport?: { width: number; height: number }): Promise<OpenedPage> {
    const o = await openPage(browser, api.url, viewport);
    opened.push(o);
    await settleMatches(o.page, () => o.page.goto(path));
    return o;
  }

  it('lists a posting found under two terms once, with both terms, its status, posting date and workload', async () => {
    const { page } = await open('/');
    const rows = await readListRows(page);
    // Best first; equal scores: the newer evaluation first.
    expect(rows.map((r) => [r.title, r.status])).toEqual([
      ['Informatiker/in 1', 'Applied'],
      ['Informatiker/in 3', 'Archived'],
      ['Informatiker/in 2', 'Rejected'],
      ['Informatiker/in 5', 'Matched'],
      ['Informatiker/in 4', 'Interested'],
    ]);
    expect(rows[0]).toMatchObject({ terms: ['IT', 'Informatik'], posted: '01.11.2026', workload: '60-80%' });
    expect(rows[3]).toMatchObject({ terms: ['IT'], workload: '–' });
    // The first visit has nothing to compare with: no marks.
    expect(rows.some((r) => r.isNew)).toBe(false);
    expect(await page.locator('.results-bar').textContent()).toContain('5 postings');
  });

  it('hides rejected and archived postings, filters by status, and exports the same rows as CSV', async () => {
    const { page } = await open('/');
    await settleMatches(
      page,
      // click, not check(): the checkbox is controlled by the URL, which changes a moment later.
      () => page.getByLabel('Hide rejected and archived').click(),
      (u) => u.searchParams.get('hide_closed') === 'true',
    );
    expect(await page.getByLabel('Hide rejected and archived').isChecked()).toBe(true);
    expect(page.url()).toContain('hide_closed=true');
    expect((await readListRows(page)).map((r) => r.title)).toEqual([
      'Informatiker/in 1',
      'Informatiker/in 5',
      'Informatiker/in 4',
    ]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,status,application_status,title,company,location,score,best_score,search_terms,evaluations,cv_key,posting_date,workload,matched_at,url',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(2, 4))).toEqual([
      ['APPLIED', 'Informatiker/in 1'],
      ['MATCHED', 'Informatiker/in 5'],
      ['INTERESTED', 'Informatiker/in 4'],
    ]);
    expect(lines[1]).toContain(',9,9,IT; Informatik,2,a1b2c3d4e5f60718,01.11.2026,60-80%,');
    await page.getByText('Exported 3 postings.').waitFor();

    await settleMatches(
      page,
      () => page.getByLabel('Application status').selectOption('APPLIED'),
      (u) => u.searchParams.get('application_status') === 'APPLIED',
    );
    expect((await readListRows(page)).map((r) => r.title)).toEqual(['Informatiker/in 1']);
  });

  it('marks postings evaluated since the last visit, keeps the marks on reload, and clears them when seen', async () => {
    const first = await open('/');
    expect((await readListRows(first.page)).some((r) => r.isNew)).toBe(false);
    // A run stores a new posting after that visit.
    await api.store.insertMatch(
      posting(6, { overallMatch: 8, matchedAt: new Date(Date.now() + 1000).toISOString(), jobTitle: 'Neue Stelle' }),
    );
    // A new tab is a new visit (same localStorage, its own sessionStorage).
    const page = await first.context.newPage();
    await settleMatches(page, () => page.goto('/'));
    const rows = await readListRows(page);
    expect(rows.filter((r) => r.isNew).map((r) => r.title)).toEqual(['Neue Stelle']);
    await page.getByText('1 new since your last visit').waitFor();
    // The badge says it in words, for screen readers too.
    expect(await page.locator('tr[data-new="true"] .badge-new').textContent()).toBe('New since your last visit');

    await settleMatches(page, () => page.reload());
    expect((await readListRows(page)).filter((r) => r.isNew).map((r) => r.title)).toEqual(['Neue Stelle']);

    await page.getByRole('button', { name: 'Mark all as seen' }).click();
    await page.locator('tr[data-new="true"]').first().waitFor({ state: 'detached' });
    expect(await page.getByText('new since your last visit').count()).toBe(0);
  });

  it('keeps the wide table inside its card on a small desktop screen: the page does not scroll sideways', async () => {
    // 1024 px: above the phone layout, narrower than the table's ten columns.
    const { page } = await open('/?min_score=0', { width: 1024, height: 768 });
    await page.waitForSelector('.matches-table tbody tr');
    // The visually hidden texts of a table wider than its scrolling wrapper once widened the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
  });

  it('fits a 375 px phone with filters and marks, with no serious or critical axe findings', async () => {
    const first = await open('/?hide_closed=true&min_score=0', PHONE);
    await api.store.insertMatch(
      posting(7, {
        overallMatch: 7,
        matchedAt: new Date(Date.now() + 1000).toISOString(),
        jobTitle: 'Noch eine Stelle',
      }),
    );
    const page = await first.context.newPage();
    await settleMatches(page, () => page.goto('/?hide_closed=true&min_score=0'));
    await page.getByText('1 new since your last visit').waitFor();
    const layout = await layoutOverflows(page);
    expect(layout.problems).toEqual([]);
    expect(layout.elements).toBeGreaterThan(20);
    expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
  });
});
