import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeuristicMatcher } from '@jobsearchai/core/matchers';
import { prepareCv, runSearch } from '@jobsearchai/core/pipeline';
import { demoBoardSource } from '@jobsearchai/core/sources';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDashboard,
  CHROMIUM,
  HAS_CHROMIUM,
  launchChromium,
  openPage,
  screenshot,
  startApi,
  type RunningApi,
} from './harness';

const CV = `Anna Muster
Software engineer in St. Gallen
TypeScript, React, Node.js, PostgreSQL, SQL, Python, Docker, Kubernetes
Six years of web applications and data pipelines.
`;

if (!HAS_CHROMIUM) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it or set CHROMIUM_PATH.`);
}

/** The demo's situation: only the offline matcher has run, so every real cost figure is $0.00. */
describe.skipIf(!HAS_CHROMIUM)('Insights with offline runs only (headless Chromium, real API)', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let api: RunningApi;

  beforeAll(async () => {
    [dashboard, browser] = await Promise.all([buildDashboard(), launchChromium()]);
    api = await startApi(dashboard.dir, {
      seed: async (store, board, cvDir) => {
        const path = join(cvDir, 'anna.md');
        await writeFile(path, CV);
        const matcher = new HeuristicMatcher();
        const cv = await prepareCv(store, { path, matcher });
        const source = demoBoardSource(board.url, { delayMs: 0 });
        // The repeat run finds only known postings: its evaluations are saved.
        for (let i = 0; i < 2; i++) await runSearch({ store, searchTerm: 'IT', cv, source, matcher, maxPages: 2 });
      },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await dashboard?.remove();
  });

  it('shows the savings estimated at the model prices, labelled, beside the real $0.00', async () => {
    const { page, context, problems } = await openPage(browser, api.url);
    try {
      await page.goto('/insights');
      await page.waitForSelector('[data-chart="cost-saved"] .recharts-bar-rectangle');
      const tiles = await page.$$eval('.tile', (lis) =>
        Object.fromEntries(
          lis.map((li) => [
            li.querySelector('.tile-label')!.textContent,
            { value: li.querySelector('.tile-value')!.textContent, note: li.querySelector('.tile-note')!.textContent },
          ]),
        ),
      );
      // Real money stays what it is.
      expect(tiles['Cost saved']?.value).toBe('$0.00');
      const estimate = tiles['Estimated savings (offline runs)'];
      expect(estimate?.note).toMatch(/^estimated at gpt-6-luna prices: 10 calls saved; 20 evaluations made offline/);
      // 10 saved evaluations of 1,500 + 350 tokens at $0.10 / $0.50 per 1M tokens: $0.00325, whose
      // binary value lies just below the half, so it shows as $0.0032.
      expect(estimate?.value).toBe('$0.0032');

      expect(await page.textContent('[data-chart="cost-saved"] figcaption')).toBe(
        'LLM cost spent vs saved per day (USD); offline runs estimated at gpt-6-luna prices',
      );
      await page.click('[data-chart="cost-saved"] summary');
      const head = await page.$$eval('[data-chart="cost-saved"] thead th', (ths) => ths.map((th) => th.textContent));
      expect(head).toEqual([
        'Day (UTC)',
        'Spent',
        'Saved',
        'Spent offline, estimated at gpt-6-luna prices',
        'Saved offline, estimated at gpt-6-luna prices',
      ]);
      const cells = await page.$$eval('[data-chart="cost-saved"] tbody td', (tds) => tds.map((td) => td.textContent));
      expect(cells.slice(1)).toEqual(['$0.00', '$0.00', '$0.0065', '$0.0032']);
      await screenshot(page, 'insights-estimate');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
