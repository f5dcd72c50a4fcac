import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MatchInput, RunRecord } from '@jobsearchai/core';
import type { DemoBoard } from '@jobsearchai/core/demo-board';
import { HeuristicMatcher, OpenAIMatcher } from '@jobsearchai/core/matchers';
import { prepareCv, runSearch } from '@jobsearchai/core/pipeline';
import { demoBoardSource } from '@jobsearchai/core/sources';
import type { Store } from '@jobsearchai/core/store';
import { startLlmStub } from '@jobsearchai/core/testing';

/**
 * The seeded database the browser tests look at:
 * - real pipeline runs on the demo board: "IT" and "Informatik" (overlapping, so evaluations are
 *   reused) scored by the offline matcher, a repeat of "IT" that exits early, and two runs by the
 *   OpenAI matcher against the local LLM stub so costs and cost saved are not zero;
 * - 60 evaluations for "data-analyst" written with insertMatches, with known scores, companies,
 *   locations and days, so filters, sorting and paging have exact expected answers.
 */

export const LEGACY_CV_KEY = '0123456789abcdef';
export const ANALYST_TERM = 'data-analyst';
export const ANALYST_ROWS = 60;
export const LOCATIONS = ['9000 St. Gallen', '8001 Zürich', '9500 Wil SG', '8400 Winterthur'] as const;
export const COMPANIES = ['Alpha AG', 'Bravo GmbH', 'Charlie SA', 'Delta AG', 'Echo AG', 'Foxtrot GmbH'] as const;
/** Needs quoting in CSV: a comma, double quotes and an umlaut. */
export const TRICKY_TITLE = 'Analyst, "Senior" (80–100 %) – Zürich';

const CV_TEXT = `# Anna Muster
Data Engineer, St. Gallen

## Profile
Data engineer with eight years of experience in Python, SQL, PostgreSQL, TypeScript and Docker.
MSc Informatik, ETH Zürich. Looking for a permanent role (80-100%) in eastern Switzerland.

## Skills
Python, SQL, PostgreSQL, dbt, Airflow, TypeScript, Node.js, Docker, Kubernetes, Power BI
`;

export interface Seeded {
  heuristicCvKey: string;
  llmCvKey: string;
  runs: RunRecord[];
}

export async function seedDatabase(store: Store, board: DemoBoard, cvDir: string): Promise<Seeded> {
  const heuristicPath = join(cvDir, 'anna-muster.md');
  const llmPath = join(cvDir, 'anna-muster-2026.md');
  await writeFile(heuristicPath, CV_TEXT);
  await writeFile(llmPath, `${CV_TEXT}\nUpdated November 2026.\n`);

  const source = demoBoardSource(board.url, { delayMs: 0 });
  const heuristic = new HeuristicMatcher();
  const heuristicCv = await prepareCv(store, { path: heuristicPath, matcher: heuristic });
  const runs: RunRecord[] = [];
  for (const searchTerm of ['IT', 'Informatik']) {
    runs.push(await runSearch({ store, searchTerm, cv: heuristicCv, source, matcher: heuristic, maxPages: 3 }));
  }
  board.advance(5, 'IT');
  runs.push(await runSearch({ store, searchTerm: 'IT', cv: heuristicCv, source, matcher: heuristic, maxPages: 3 }));

  const llm = await startLlmStub();
  try {
    const matcher = new OpenAIMatcher({
      apiKey: 'stub-key',
      baseURL: llm.baseURL,
      retryBaseMs: 5,
      maxRetryDelayMs: 20,
      timeoutMs: 5000,
    });
    const llmCv = await prepareCv(store, { path: llmPath, matcher });
    runs.push(await runSearch({ store, searchTerm: 'IT', cv: llmCv, source, matcher, maxPages: 2 }));
    runs.push(await runSearch({ store, searchTerm: 'IT', cv: llmCv, source, matcher, maxPages: 2 }));
    await store.upsertCvVersion({
      cvKey: LEGACY_CV_KEY,
      fileName: 'lebenslauf-2025.pdf',
      filePath: 'process_cv/cv-data/lebenslauf-2025.pdf',
      fileHash: LEGACY_CV_KEY.repeat(4),
    });
    await store.insertMatches(analystMatches());
    return { heuristicCvKey: heuristicCv.cvKey, llmCvKey: llmCv.cvKey, runs };
  } finally {
    await llm.close();
  }
}

/** Row i: score (i % 10) + 1, company COMPANIES[i % 6], location LOCATIONS[i % 4], matched on 2026-10-01 + (i % 20) days. */
export function analystMatches(): MatchInput[] {
  const rows: MatchInput[] = [];
  for (let i = 0; i < ANALYST_ROWS; i++) {
    const score = (i % 10) + 1;
    const title = i === 9 ? TRICKY_TITLE : `Data Analyst ${String(i + 1).padStart(2, '0')}`;
    const url = analystUrl(i);
    rows.push({
      jobUrl: url,
      searchTerm: ANALYST_TERM,
      cvKey: LEGACY_CV_KEY,
      jobTitle: title,
      companyName: COMPANIES[i % COMPANIES.length]!,
      location: LOCATIONS[i % LOCATIONS.length]!,
      postingDate: `${String((i % 28) + 1).padStart(2, '0')}.09.2026`,
      salaryRange: '80-100%',
      overallMatch: score,
      skillsMatch: Math.min(10, score + 1),
      experienceMatch: score,
      educationFit: Math.max(1, score - 1),
      careerTrajectoryAlignment: score,
      preferenceMatch: Math.max(1, score - 2),
      potentialSatisfaction: score,
      locationCompatibility: i % 4 === 1 ? 'No' : 'Yes',
      reasoning: `Die Stelle passt ${score >= 8 ? 'sehr gut' : score >= 6 ? 'teilweise' : 'kaum'} zum Profil.\nSQL und Python sind gefragt; Power BI ist ein Plus.`,
      scrapedData: {
        'Job Title': title,
        'Company Name': COMPANIES[i % COMPANIES.length],
        'Job Description': 'Sie analysieren Daten aus dem Vertrieb und bauen Dashboards.\nPensum 80-100 %.',
        'Required Skills': ['SQL', 'Python', 'Power BI'],
        Location: LOCATIONS[i % LOCATIONS.length],
        'Application URL': url,
      },
      scrapedAt: '2026-10-01T08:00:00.000000',
      matchedAt: `2026-10-${String((i % 20) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}:00`,
      matcher: 'openai',
      model: 'gpt-4o-mini',
      source: 'legacy-json',
    });
  }
  // A failed evaluation: kept, but not a match.
  rows.push({
    jobUrl: 'https://www.ostjob.ch/job/data-analyst-failed/1040999',
    searchTerm: ANALYST_TERM,
    cvKey: LEGACY_CV_KEY,
    jobTitle: 'Data Analyst (failed evaluation)',
    companyName: 'Golf AG',
    location: '9000 St. Gallen',
    overallMatch: null,
    reasoning: 'Error evaluating match',
    scrapedData: { 'Job Title': 'Data Analyst (failed evaluation)' },
    matchedAt: '2026-10-02 10:00:00',
  });
  return rows;
}

/** Analyst row i's posting URL (see analystMatches). */
export function analystUrl(i: number): string {
  return `https://www.ostjob.ch/job/data-analyst-${i + 1}/${1_040_000 + i}`;
}

/** Tracked statuses on the board: the first four analyst postings, one with notes. */
export const SEEDED_APPLICATIONS = [
  { i: 0, status: 'APPLIED', notes: 'Cover letter sent on 2 December.' },
  { i: 1, status: 'INTERVIEW', notes: null },
  { i: 2, status: 'INTERESTED', notes: null },
  { i: 3, status: 'REJECTED', notes: null },
] as const;

export async function seedApplications(store: Store): Promise<void> {
  for (const { i, status, notes } of SEEDED_APPLICATIONS) {
    await store.setApplication({ jobUrl: analystUrl(i), cvKey: LEGACY_CV_KEY, status, notes });
  }
}
