import { join } from 'node:path';
import type { Logger, RunRecord } from '@jobsearchai/core';
import { HeuristicMatcher } from '@jobsearchai/core/matchers';
import { prepareCv, runSearch } from '@jobsearchai/core/pipeline';
import { demoBoardSource } from '@jobsearchai/core/sources';
import type { Store } from '@jobsearchai/core/store';
import type { DemoBoardHandle } from '../searches/job-sources.js';
import { PACKAGE_ROOT } from '../config.js';

/** A realistic CV shipped with the package, so the demo works without the user's own. */
export const SAMPLE_CV_PATH = join(PACKAGE_ROOT, 'assets', 'sample-cv.md');

/** Two overlapping terms: the second run reuses evaluations of the first, which the insights show. */
export const DEMO_SEARCH_TERMS = ['IT', 'Informatik'] as const;
const DEMO_PAGES = 3;
/** New postings that appear after seeding, so the first search a user starts finds something new. */
const DEMO_ADVANCE = 5;

export interface DemoSeedResult {
  seeded: boolean;
  runs: RunRecord[];
  cvKey: string | null;
}

/**
 * Fills an empty database with demo data: the sample CV scored offline (HeuristicMatcher)
 * against the demo board. A database that already has matches is left alone.
 */
export async function seedDemoData(store: Store, demo: DemoBoardHandle, logger: Logger): Promise<DemoSeedResult> {
  const existing = await store.listMatches({ status: 'all', limit: 1 });
  if (existing.items.length > 0) return { seeded: false, runs: [], cvKey: null };
  const matcher = new HeuristicMatcher();
  const cv = await prepareCv(store, { path: SAMPLE_CV_PATH, matcher });
  const source = demoBoardSource(demo.url, { delayMs: 0 });
  const runs: RunRecord[] = [];
  for (const searchTerm of DEMO_SEARCH_TERMS) {
    runs.push(await runSearch({ store, searchTerm, cv, source, matcher, maxPages: DEMO_PAGES, logger }));
  }
  // Only a board this process runs can be advanced; a joined one is somebody else's.
  demo.board?.advance(DEMO_ADVANCE);
  logger.info(
    { runs: runs.map((run) => ({ id: run.id, term: run.searchTerm, status: run.status, new: run.postingsNew })) },
    'demo data ready',
  );
  return { seeded: true, runs, cvKey: cv.cvKey };
}
