import { existsSync } from 'node:fs';
import type { RunRecord } from '@jobsearchai/core';
import { testProviders } from '@jobsearchai/core/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, openMatches } from './harness/browser.js';
import { CV_TEXT } from './harness/cv-texts.js';
import { allMatches, getOk } from './harness/http.js';
import { createInstallation, type Cv, type Installation } from './harness/installation.js';
import { failedRecord, legacyUrl, snakeCaseRecord, titleCaseRecord, writeMatchFile } from './harness/legacy-files.js';
import { expectSuccess, startApi, type LongRunning } from './harness/processes.js';
import { startSearchServices, type SearchServices } from './harness/search-services.js';

interface MigrateOutput {
  ok: boolean;
  backup: string | null;
  totals: { records: number; migrated: number; duplicates: number; rejected: number; failedEvaluations: number };
  files: { fileName: string; status: string; searchTerm: string; cvKey: string; migrated: number }[];
}

interface MatchDetailAnswer {
  match: {
    id: number;
    jobUrl: string;
    reasoning: string | null;
    matcher: string | null;
    source: string | null;
    runId: number | null;
    scrapedData: Record<string, unknown>;
  };
  otherEvaluations: unknown[];
}

const IT_FILE = 'job_matches_20250110_083000.json';
const ANALYST_FILE = 'job_matches_20250215_171500.json';

describe.each(testProviders())(
  'complete workflow: legacy files → migrate → search → API and dashboard (%s)',
  (provider) => {
    let install: Installation;
    let services: SearchServices;
    let api: LongRunning & { url: string };
    let cv: Cv;
    let migrated: MigrateOutput;
    let searched: RunRecord;

    beforeAll(async () => {
      install = await createInstallation(provider);
      services = await startSearchServices({ initialPostings: 15 });
      cv = await install.writeCv('lebenslauf.md', CV_TEXT);
      await writeMatchFile(install, '20250110_083000', [
        snakeCaseRecord(1),
        snakeCaseRecord(2),
        snakeCaseRecord(3),
        failedRecord(4),
      ]);
      await writeMatchFile(install, '20250215_171500', [titleCaseRecord(5), titleCaseRecord(6), titleCaseRecord(7)]);
      // The mapping answers for the older Title Case files; the flags answer for every other file.
      await install.write('mapping.json', {
        'job_matches_202502*.json': { searchTerm: 'analyst', cv: 'process_cv/cv-data/lebenslauf.md' },
      });

      expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
      const migrate = await install.migrateCli(
        'migrate',
        '--mapping',
        'mapping.json',
        '--search-term',
        'IT',
        '--cv',
        cv.path,
        '--yes',
        '--json',
      );
      migrated = JSON.parse(expectSuccess(migrate, 'jobsearch-migrate migrate').stdout) as MigrateOutput;
      searched = await services.search(install, { term: 'IT', cv, maxPages: 5 });
      api = await startApi({ cwd: install.dir, args: ['--db', install.db] });
    });

    afterAll(async () => {
      await api?.stop();
      await services?.close();
      await install?.cleanup();
    });

    it('migrate imports both key styles under their answers, backs up first, and keeps the failed evaluation as failed', () => {
      expect(migrated.ok).toBe(true);
      expect(migrated.totals).toMatchObject({
        records: 7,
        migrated: 7,
        duplicates: 0,
        rejected: 0,
        failedEvaluations: 1,
      });
      const byFile = Object.fromEntries(migrated.files.map((file) => [file.fileName, file]));
      expect(byFile[IT_FILE]).toMatchObject({ status: 'imported', searchTerm: 'IT', cvKey: cv.cvKey, migrated: 4 });
      expect(byFile[ANALYST_FILE]).toMatchObject({
        status: 'imported',
        searchTerm: 'analyst',
        cvKey: cv.cvKey,
        migrated: 3,
      });
      expect(migrated.backup).not.toBeNull();
      expect(existsSync(migrated.backup!)).toBe(true);
    });

    it('search evaluates every posting the board lists, one LLM call each', () => {
      const listed = services.board.totalPostings('IT');
      expect(searched).toMatchObject({
        status: 'completed',
        stopReason: 'end_of_results',
        cvKey: cv.cvKey,
        matcher: 'openai',
        postingsNew: listed,
        postingsDuplicate: 0,
        llmCalls: listed,
        llmFailed: 0,
      });
      expect(services.evaluationCalls()).toBe(listed);
    });

    it('the API lists the imported and the searched rows side by side, with their details', async () => {
      const itRows = await allMatches(api.url, { search_term: 'IT', min_score: '0' });
      const boardUrls = services.board.listing('IT');
      expect(new Set(itRows.map((m) => m.jobUrl))).toEqual(
        new Set([legacyUrl(1), legacyUrl(2), legacyUrl(3), ...boardUrls]),
      );
      expect(itRows.filter((m) => m.source === 'legacy-json')).toHaveLength(3);
      expect(itRows.filter((m) => m.runId === searched.id)).toHaveLength(boardUrls.length);
      expect(itRows.every((m) => m.cvKey === cv.cvKey && m.evaluationStatus === 'evaluated')).toBe(true);

      // Relative Title Case URLs were resolved against the legacy board.
      const analyst = await allMatches(api.url, { search_term: 'analyst', min_score: '0' });
      expect(analyst.map((m) => m.jobUrl).sort()).toEqual(
        [5, 6, 7].map((n) => legacyUrl(n, 'business-analyst')).sort(),
      );
      expect(analyst.map((m) => m.overallMatch).sort((a, b) => a! - b!)).toEqual([6, 7, 8]);

      // The legacy score of 0 is a failed evaluation, not a match: listed only when asked for.
      const failed = await allMatches(api.url, { status: 'failed' });
      expect(failed).toMatchObject([{ jobUrl: legacyUrl(4), overallMatch: null, evaluationStatus: 'failed' }]);

      const legacyRow = itRows.find((m) => m.jobUrl === legacyUrl(1))!;
      const legacyDetail = await getOk<MatchDetailAnswer>(`${api.url}/api/matches/${legacyRow.id}`);
      expect(legacyDetail.match).toMatchObject({ matcher: 'legacy', reasoning: snakeCaseRecord(1).reasoning });
      expect(legacyDetail.match.scrapedData).toMatchObject({ job_description: snakeCaseRecord(1).job_description });

      const searchedRow = itRows.find((m) => m.jobUrl === boardUrls[0])!;
      const searchedDetail = await getOk<MatchDetailAnswer>(`${api.url}/api/matches/${searchedRow.id}`);
      expect(searchedDetail.match).toMatchObject({ jobUrl: boardUrls[0], matcher: 'openai', runId: searched.id });
      expect(searchedDetail.match.reasoning?.length).toBeGreaterThan(20);
      expect(searchedDetail.otherEvaluations).toEqual([]);
    });

    describe.skipIf(!HAS_CHROMIUM)('in the dashboard (headless Chromium)', () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await launchChromium();
      });
      afterAll(async () => {
        await browser?.close();
      });

      it('the dashboard at / shows the same rows as the API, legacy and new, and a legacy row opens with its reasoning', async () => {
        const context = await browser.newContext({ baseURL: api.url, viewport: { width: 1280, height: 860 } });
        const problems: string[] = [];
        try {
          const page = await context.newPage();
          page.on('console', (message) => {
            if (message.type() === 'error' || message.type() === 'warning')
              problems.push(`console ${message.type()}: ${message.text()}`);
          });
          page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

          const fromApi = await allMatches(api.url, { search_term: 'IT', min_score: '0' });
          const rows = await openMatches(page, '/?search_term=IT&min_score=0&limit=200');
          expect(rows.map((row) => row.id)).toEqual(fromApi.map((m) => m.id));
          const titles = rows.map((row) => row.title);
          expect(titles).toContain(snakeCaseRecord(1).job_title);
          const newest = services.board.posting(services.board.listing('IT')[0]!)!;
          expect(titles).toContain(newest.title);

          const everything = await openMatches(page, '/?min_score=0&limit=200');
          expect(new Set(everything.map((row) => row.term))).toEqual(new Set(['IT', 'analyst']));
          expect(everything).toHaveLength(fromApi.length + 3);

          await openMatches(page, '/?search_term=IT&min_score=0&limit=200');
          const legacyId = fromApi.find((m) => m.jobUrl === legacyUrl(1))!.id;
          await page.click(`tr[data-match-id="${legacyId}"] td[data-label="Title"] a`);
          await page.waitForURL(`**/matches/${legacyId}`);
          await expect.poll(() => page.textContent('p.reasoning')).toBe(snakeCaseRecord(1).reasoning);
        } finally {
          await context.close();
        }
        expect(problems, 'console errors or warnings and page errors').toEqual([]);
      });
    });
  },
);
