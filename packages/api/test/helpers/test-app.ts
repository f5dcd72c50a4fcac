import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type MatchInput, type Provider } from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';
import { openTestStore, type TestStore } from '@jobsearchai/core/testing';
import { createApp, type ApiApp, type CreateAppOptions } from '../../src/app.js';
import { apiConfig, type ApiConfig } from '../../src/config.js';

export interface TestApp {
  app: ApiApp;
  store: Store;
  /** The database's URL, for another process or command on the same database. */
  databaseUrl: string;
  config: ApiConfig;
  /** A temp folder for fixtures (legacy JSON, CVs, dashboard files); removed by cleanup. */
  dir: string;
  cleanup(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<ApiConfig>;
  searches?: CreateAppOptions['searches'];
  sources?: CreateAppOptions['sources'];
  migrate?: boolean;
}

/** An app on a fresh database (SQLite file or PostgreSQL database), quiet, without rate limits. */
export async function openTestApp(provider: Provider, options: TestAppOptions = {}): Promise<TestApp> {
  const t: TestStore = await openTestStore(provider, { migrate: options.migrate ?? true });
  const dir = mkdtempSync(join(tmpdir(), 'jobsearch-api-test-'));
  const config = apiConfig({
    cwd: dir,
    legacyJsonDirs: [join(dir, 'job_matches'), join(dir, 'job_data')],
    cvDir: join(dir, 'cv'),
    dashboardDir: undefined,
    rateLimit: 0,
    rateLimitWrites: 0,
    defaultSource: 'demo',
    demoBoardPort: 0,
    shutdownGraceMs: 5_000,
    ...options.config,
  });
  // No dashboard unless a test gives one (a built dashboard in the checkout would otherwise be found).
  config.dashboardDir = options.config?.dashboardDir;
  const app = createApp({
    store: t.store,
    config,
    logger: silentLogger(),
    searches: options.searches,
    sources: options.sources,
  });
  return {
    app,
    store: t.store,
    databaseUrl: t.database.url,
    config,
    dir,
    async cleanup() {
      await app.context.searches.shutdown(5_000).catch(() => undefined);
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CV_A = '0123456789abcdef';
export const CV_B = 'fedcba9876543210';

/** A realistic match row, varied by `n`. */
export function sampleMatch(n: number, overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    jobUrl: `https://www.ostjob.ch/job/software-engineer-${n}/${1_030_000 + n}`,
    searchTerm: 'IT',
    cvKey: CV_A,
    jobTitle: `Software Engineer ${n}`,
    companyName: `Muster AG ${n % 7}`,
    location: n % 2 === 0 ? '9000 St. Gallen' : '8400 Winterthur',
    postingDate: '02.11.2025',
    salaryRange: '80-100%',
    overallMatch: (n % 10) + 1,
    skillsMatch: 7,
    experienceMatch: 8,
    educationFit: 9,
    careerTrajectoryAlignment: 7,
    preferenceMatch: 8,
    potentialSatisfaction: 8,
    locationCompatibility: 'Yes',
    reasoning: 'Die Stelle passt gut zum Profil: TypeScript, PostgreSQL und Erfahrung mit Datenpipelines. '.repeat(4),
    scrapedData: {
      'Job Title': `Software Engineer ${n}`,
      'Job Description': 'Wir suchen eine erfahrene Person. '.repeat(10),
      'Required Skills': 'TypeScript, SQL',
    },
    matchedAt: `2026-03-${String((n % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
    ...overrides,
  };
}

export const PROBLEM_TYPE = /^application\/problem\+json/;
