import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_TOKEN,
  buildDashboard,
  DESKTOP,
  HAS_CHROMIUM,
  launchChromium,
  openPage,
  type OpenedPage,
  PHONE,
  screenshot,
  startApi,
  type RunningApi,
} from './harness';
import { axeViolations, layoutOverflows, seriousOrCritical } from './page-checks';
import { analystMatches, analystUrl, LEGACY_CV_KEY, seedApplications } from './seed';

/**
 * The application board and the match page's application panel in real Chromium against a real
 * API: the seeded statuses in their columns, a card dragged to another column and moved by
 * keyboard (announced), notes saved, refused writes explained; at desktop width and at 375 px,
 * with no sideways overflow and no serious or critical axe-core finding.
 */
describe.skipIf(!HAS_CHROMIUM)('applications in the dashboard', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let api: RunningApi;
  const idOf = new Map<number, number>();

  beforeAll(async () => {
    [dashboard, browser] = await Promise.all([buildDashboard(), launchChromium()]);
    api = await startApi(dashboard.dir, {
      seed: async (store) => {
        await store.upsertCvVersion({
          cvKey: LEGACY_CV_KEY,
          fileName: 'lebenslauf-2025.pdf',
          filePath: 'process_cv/cv-data/lebenslauf-2025.pdf',
          fileHash: LEGACY_CV_KEY.repeat(4),
        });
        await store.upsertCvVersion({
          cvKey: 'fedcba9876543210',
          fileName: 'cv-2026.pdf',
          filePath: 'process_cv/cv-data/cv-2026.pdf',
          fileHash: 'f'.repeat(64),
        });
        await store.insertMatches(analystMatches());
        await seedApplications(store);
      },
    });
    for (let i = 0; i < 6; i++) idOf.set(i, (await api.store.getMatchesByUrl(analystUrl(i)))[0]!.id);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await dashboard?.remove();
  });

  async function fits(page: Page): Promise<void> {
    const layout = await layoutOverflows(page);
    expect(layout.problems).toEqual([]);
    expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
  }

  async function open(viewport: typeof DESKTOP, token: string | null = API_TOKEN): Promise<OpenedPage> {
    const o = await openPage(browser, api.url, viewport);
    if (token !== null)
      await o.context.addInitScript((value) => sessionStorage.setItem('jobsearchai.apiToken', value), token);
    return o;
  }

  const column = (page: Page, status: string) => page.locator(`section.board-column[data-status="${status}"]`);
  const card = (page: Page, i: number) => page.locator(`li.board-card[data-match-id="${idOf.get(i)}"]`);
  const statusOf = async (i: number) =>
    (await api.store.getApplication({ jobUrl: analystUrl(i), cvKey: LEGACY_CV_KEY }))?.status;

  async function board(page: Page): Promise<void> {
    await page.goto(`/applications?cv_key=${LEGACY_CV_KEY}`);
    await page.waitForSelector('.board[aria-busy="false"] li.board-card');
  }

  it('shows the seeded statuses, moves a card by drag and drop and by keyboard, and saves notes', async () => {
    const o = await open(DESKTOP);
    try {
      const { page } = o;
      await board(page);
      expect(await column(page, 'APPLIED').locator('li.board-card').count()).toBe(1);
      await expect.poll(() => card(page, 0).textContent()).toContain('Cover letter sent on 2 December.');
      expect(await column(page, 'APPLIED').textContent()).toContain('Data Analyst 01');
      expect(await column(page, 'INTERVIEW').textContent()).toContain('Data Analyst 02');
      expect(await column(page, 'INTERESTED').textContent()).toContain('Data Analyst 03');
      expect(await column(page, 'REJECTED').textContent()).toContain('Data Analyst 04');
      // MATCHED: the 56 untracked postings, best-scored first, 50 shown.
      expect(await column(page, 'MATCHED').locator('h2').textContent()).toMatch(/Matched\s*50 of 56/);
      expect(await column(page, 'MATCHED').locator('li.board-card').count()).toBe(50);
      // Several CVs: the selector shows, set to the one in the address.
      expect(await page.getByLabel('CV version').inputValue()).toBe(LEGACY_CV_KEY);
      await fits(page);
      await screenshot(page, 'desktop-applications-board', { fullPage: false });

      // Drag "Data Analyst 03" from Interested to Preparing.
      // Held by its company line: the middle of the card is its "Move to" list.
      await card(page, 2).locator('.board-card-where').dragTo(column(page, 'PREPARING'));
      await expect.poll(() => statusOf(2)).toBe('PREPARING');
      await expect.poll(() => column(page, 'PREPARING').textContent()).toContain('Data Analyst 03');
      expect(await column(page, 'INTERESTED').locator('li.board-card').count()).toBe(0);

      // Keyboard: focus the card, arrow right moves it on to Applied, and says so.
      await card(page, 2).focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => statusOf(2)).toBe('APPLIED');
      await expect
        .poll(() => page.getByTestId('board-announcement').textContent())
        .toBe('Moved “Data Analyst 03” from Preparing to Applied.');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-match-id')))
        .toBe(String(idOf.get(2)));
      expect(await column(page, 'APPLIED').textContent()).toContain('Data Analyst 03');
      // Arrow left from the focused card goes back one column.
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => statusOf(2)).toBe('PREPARING');

      // The "Move to" list does the same without arrow keys.
      await card(page, 1).getByLabel('Move “Data Analyst 02” to').selectOption('OFFER');
      await expect.poll(() => statusOf(1)).toBe('OFFER');

      // Notes on a card.
      await card(page, 2).getByRole('button', { name: 'Add notes for “Data Analyst 03”' }).click();
      await card(page, 2).getByLabel('Notes for Data Analyst 03').fill('Ask about remote days.\nSalary band?');
      await card(page, 2).getByRole('button', { name: 'Save notes' }).click();
      await expect
        .poll(async () => (await api.store.getApplication({ jobUrl: analystUrl(2), cvKey: LEGACY_CV_KEY }))?.notes)
        .toBe('Ask about remote days.\nSalary band?');
      await expect.poll(() => card(page, 2).textContent()).toContain('Salary band?');
      await fits(page);

      // A reload shows what the API stored, and the history has every step.
      await board(page);
      expect(await column(page, 'PREPARING').textContent()).toContain('Data Analyst 03');
      const stored = await api.store.getApplication({ jobUrl: analystUrl(2), cvKey: LEGACY_CV_KEY });
      expect(stored!.history.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual([
        'PREPARING>PREPARING',
        'APPLIED>PREPARING',
        'PREPARING>APPLIED',
        'INTERESTED>PREPARING',
        'MATCHED>INTERESTED',
      ]);
      expect(o.problems).toEqual([]);
    } finally {
      await o.context.close();
    }
  }, 120_000);

  it('explains a missing or wrong token and changes nothing', async () => {
    const none = await open(DESKTOP, null);
    const wrong = await open(DESKTOP, 'wrong-token-0123456789abcdef');
    try {
      await board(none.page);
      await card(none.page, 5).focus();
      await none.page.keyboard.press('ArrowRight');
      await expect.poll(() => none.page.getByRole('alert').textContent()).toMatch(/Enter the API token/);
      expect(await none.page.getByTestId('board-announcement').textContent()).toBe('“Data Analyst 06” was not moved.');

      await board(wrong.page);
      await card(wrong.page, 5).focus();
      await wrong.page.keyboard.press('ArrowRight');
      await expect.poll(() => wrong.page.getByRole('alert').textContent()).toMatch(/refused the token/);
      expect(await statusOf(5)).toBe('MATCHED');
      expect(await column(wrong.page, 'MATCHED').textContent()).toContain('Data Analyst 06');
      expect(none.problems).toEqual([]);
      expect(wrong.problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
    } finally {
      await none.context.close();
      await wrong.context.close();
    }
  }, 120_000);

  it('fits a 375 px phone: the board stacks and a keyboard move works', async () => {
    const o = await open(PHONE);
    try {
      const { page } = o;
      await board(page);
      await fits(page);
      await screenshot(page, 'phone-applications-board', { fullPage: false });
      await card(page, 3).focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => statusOf(3)).toBe('ARCHIVED');
      await expect
        .poll(() => page.getByTestId('board-announcement').textContent())
        .toBe('Moved “Data Analyst 04” from Rejected to Archived.');
      await fits(page);
      expect(o.problems).toEqual([]);
    } finally {
      await o.context.close();
    }
  }, 120_000);

  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows and saves the application on the match page at ${viewport.width} px`, async () => {
      const o = await open(viewport);
      try {
        const { page } = o;
        const i = viewport === PHONE ? 4 : 0;
        await page.goto(`/matches/${idOf.get(i)}`);
        const panel = page.locator('.application-panel');
        await panel.locator('select').waitFor();
        const before = await statusOf(i);
        expect(await panel.getByLabel('Status', { exact: true }).inputValue()).toBe(before);
        await fits(page);
        await panel.getByLabel('Status', { exact: true }).selectOption('OFFER');
        await panel.getByLabel('Notes', { exact: true }).fill('Offer by Friday.');
        await panel.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => statusOf(i)).toBe('OFFER');
        await expect.poll(() => panel.getByRole('status').textContent()).toContain('Saved: Offer.');
        await expect.poll(() => panel.locator('.application-history li').first().textContent()).toMatch(/→ Offer/);
        await fits(page);
        if (viewport === PHONE) await screenshot(page, 'phone-match-application-panel');
        expect(o.problems).toEqual([]);
      } finally {
        await o.context.close();
      }
    }, 120_000);
  }
});
