import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testProviders } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { CV, startHarness, type Harness } from './pipeline-harness.js';

describe.each(testProviders())('runSearch over stored failed evaluations (%s)', (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  it('evaluates a posting again whose stored row is a failed legacy evaluation, and replaces that row', async () => {
    const failedUrls = h.board.listing('IT').slice(0, 3);
    await h.t.store.insertMatches(
      failedUrls.map((jobUrl) => ({
        jobUrl,
        searchTerm: 'IT',
        cvKey: CV.cvKey,
        overallMatch: null,
        reasoning: 'Error evaluating match',
        scrapedData: { application_url: jobUrl, overall_match: 0 },
        source: 'legacy-json',
      })),
    );
    // As the legacy code wrote them: score 0 and no status column.
    await testSql(h.t.store).execute(`UPDATE job_matches SET evaluation_status = NULL`);

    const run = await h.search({ maxPages: 1 });
    expect(run).toMatchObject({ postingsNew: h.board.postingsPerPage, llmFailed: 0 });
    for (const url of failedUrls) {
      const rows = await h.t.store.getMatchesByUrl(url);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        evaluationStatus: 'evaluated',
        runId: run.id,
        source: expect.not.stringMatching(/legacy/),
      });
      expect(rows[0]!.overallMatch).toBeGreaterThanOrEqual(1);
    }
    const again = await h.search({ maxPages: 1 });
    expect(again).toMatchObject({ postingsNew: 0, llmCalls: 0 });
  });
});
