import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CV_TEXT, UPDATED_CV_TEXT } from './harness/cv-texts.js';
import { allMatches, getOk } from './harness/http.js';
import { createInstallation, type Installation } from './harness/installation.js';
import { expectSuccess, startApi } from './harness/processes.js';
import { startSearchServices, type SearchServices } from './harness/search-services.js';

const TERM = 'IT';

describe.each(testProviders())('a changed CV (%s)', (provider) => {
  let install: Installation;
  let services: SearchServices;

  beforeEach(async () => {
    install = await createInstallation(provider);
    services = await startSearchServices({ initialPostings: 10 });
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
  });

  afterEach(async () => {
    await services?.close();
    await install.cleanup();
  });

  it('has a new cv_key: every posting is evaluated again, and the rows of the old key stay', async () => {
    const postings = services.board.listing(TERM);
    const oldCv = await install.writeCv('lebenslauf-2024.md', CV_TEXT);
    const newCv = await install.writeCv('lebenslauf-2025.md', UPDATED_CV_TEXT);
    expect(newCv.cvKey).not.toBe(oldCv.cvKey);

    const before = await services.search(install, { term: TERM, cv: oldCv, maxPages: 3 });
    expect(before).toMatchObject({
      status: 'completed',
      cvKey: oldCv.cvKey,
      postingsNew: postings.length,
      llmCalls: postings.length,
    });

    const callsBefore = services.stub.calls();
    const evaluationsBefore = services.evaluationCalls();
    const after = await services.search(install, { term: TERM, cv: newCv, maxPages: 3 });
    expect(after).toMatchObject({
      status: 'completed',
      cvKey: newCv.cvKey,
      postingsNew: postings.length,
      postingsDuplicate: 0,
      postingsReused: 0,
      llmCalls: postings.length,
    });
    expect(services.evaluationCalls() - evaluationsBefore).toBe(postings.length);
    // …plus the one summary of the new CV.
    expect(services.stub.calls() - callsBefore).toBe(postings.length + 1);

    // The old key's evaluations still count for dedup: searching with the old CV again asks the LLM nothing.
    const callsBeforeOld = services.stub.calls();
    const oldAgain = await services.search(install, { term: TERM, cv: oldCv, maxPages: 3 });
    expect(oldAgain).toMatchObject({ postingsNew: 0, llmCalls: 0, stopReason: 'early_exit' });
    expect(services.stub.calls()).toBe(callsBeforeOld);

    const api = await startApi({ cwd: install.dir, args: ['--db', install.db] });
    try {
      const oldRows = await allMatches(api.url, { search_term: TERM, cv_key: oldCv.cvKey, min_score: '0' });
      const newRows = await allMatches(api.url, { search_term: TERM, cv_key: newCv.cvKey, min_score: '0' });
      expect(oldRows.map((m) => m.jobUrl).sort()).toEqual([...postings].sort());
      expect(newRows.map((m) => m.jobUrl).sort()).toEqual([...postings].sort());
      expect(oldRows.every((m) => m.runId === before.id)).toBe(true);
      expect(newRows.every((m) => m.runId === after.id)).toBe(true);
      expect(await allMatches(api.url, { search_term: TERM, min_score: '0' })).toHaveLength(2 * postings.length);

      const versions = await getOk<{ items: { cvKey: string; fileName: string; evaluations: number }[] }>(
        `${api.url}/api/cv-versions`,
      );
      expect(versions.items.map((v) => [v.cvKey, v.fileName, v.evaluations]).sort()).toEqual(
        [
          [oldCv.cvKey, 'lebenslauf-2024.md', postings.length],
          [newCv.cvKey, 'lebenslauf-2025.md', postings.length],
        ].sort(),
      );
    } finally {
      await api.stop();
    }
  });
});
