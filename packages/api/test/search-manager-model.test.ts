import { silentLogger } from '@jobsearchai/core';
import { OpenAIMatcher } from '@jobsearchai/core/matchers';
import { openTestStore, startLlmStub, type TestStore } from '@jobsearchai/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import { JobSources } from '../src/searches/job-sources.js';
import { SearchManager } from '../src/searches/search-manager.js';

describe('a search with a model past its shutdown', () => {
  let t: TestStore | undefined;
  let llm: Awaited<ReturnType<typeof startLlmStub>> | undefined;
  afterEach(async () => {
    await Promise.all([t?.cleanup(), llm?.close()]);
    t = undefined;
    llm = undefined;
  });

  it('is refused before the CV summary or any scraping, with one line naming the replacement', async () => {
    t = await openTestStore('sqlite');
    llm = await startLlmStub();
    const manager = new SearchManager({
      store: t.store,
      matcher: new OpenAIMatcher({ apiKey: 'test-key', baseURL: llm.baseURL, model: 'gpt-4o-mini' }),
      sources: new JobSources({ demoBoardPort: 0 }),
      logger: silentLogger(),
      staleAfterMinutes: 60,
      maxActive: 1,
      now: () => new Date('2027-01-14T00:00:00Z'),
    });

    await expect(
      manager.start({ searchTerm: 'IT', cv: { path: SAMPLE_CV_PATH }, maxPages: 1, source: 'demo' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        "The model gpt-4o-mini was shut down by its provider on 2027-01-14: set OPENAI_MODEL=gpt-6-luna (the provider's replacement).",
    });
    expect(llm.calls()).toBe(0);
    expect(await t.store.listRuns()).toEqual([]);
    expect(await t.store.listCvVersions()).toEqual([]);
  });
});
