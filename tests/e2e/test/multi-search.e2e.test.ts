import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CV_TEXT } from './harness/cv-texts.js';
import { allMatches, getOk } from './harness/http.js';
import { createInstallation, type Cv, type Installation } from './harness/installation.js';
import { expectSuccess, startApi } from './harness/processes.js';
import { startSearchServices, type SearchServices } from './harness/search-services.js';

interface JobLookup {
  source: string;
  evaluations: {
    searchTerm: string;
    cvKey: string;
    overallMatch: number | null;
    reasoning: string | null;
    matcher: string | null;
  }[];
}

describe.each(testProviders())('one posting under two search terms (%s)', (provider) => {
  let install: Installation;
  let services: SearchServices;
  let cv: Cv;

  beforeEach(async () => {
    install = await createInstallation(provider);
    services = await startSearchServices({ initialPostings: 20 });
    cv = await install.writeCv('lebenslauf.md', CV_TEXT);
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
  });

  afterEach(async () => {
    await services?.close();
    await install.cleanup();
  });

  it('is evaluated by the LLM once and stored twice: the second term reuses the evaluation', async () => {
    const { board, stub } = services;
    const itUrls = board.listing('IT');
    const analystUrls = board.listing('analyst');
    const shared = analystUrls.filter((url) => itUrls.includes(url));
    // The board's terms overlap by about half; the test needs both shared and unshared postings.
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length).toBeLessThan(analystUrls.length);

    const first = await services.search(install, { term: 'IT', cv, maxPages: 5 });
    expect(first).toMatchObject({
      status: 'completed',
      postingsNew: itUrls.length,
      llmCalls: itUrls.length,
      postingsReused: 0,
    });
    const second = await services.search(install, { term: 'analyst', cv, maxPages: 5 });
    expect(second).toMatchObject({
      status: 'completed',
      postingsNew: analystUrls.length,
      postingsReused: shared.length,
      llmCalls: analystUrls.length - shared.length,
    });
    expect(services.evaluationCalls()).toBe(new Set([...itUrls, ...analystUrls]).size);

    // Per posting: exactly one request ever described it (title and company identify most postings of this board).
    const union = [...new Set([...itUrls, ...analystUrls])];
    const identity = (url: string) => {
      const posting = board.posting(url)!;
      return `Job Title: ${posting.title}\nCompany Name: ${posting.company}`;
    };
    const identifiable = shared.filter(
      (url) => union.filter((other) => identity(other) === identity(url)).length === 1,
    );
    expect(identifiable.length).toBeGreaterThan(0);
    const requests = stub.requests();
    for (const url of identifiable) {
      const describing = requests.filter((request) =>
        request.messages.some(
          (message) => typeof message.content === 'string' && message.content.includes(identity(url)),
        ),
      );
      expect(describing, url).toHaveLength(1);
    }

    const api = await startApi({ cwd: install.dir, args: ['--db', install.db] });
    try {
      expect(await allMatches(api.url, { search_term: 'IT', min_score: '0' })).toHaveLength(itUrls.length);
      expect(await allMatches(api.url, { search_term: 'analyst', min_score: '0' })).toHaveLength(analystUrls.length);
      const lookup = await getOk<JobLookup>(`${api.url}/api/jobs?url=${encodeURIComponent(shared[0]!)}`);
      expect(lookup.source).toBe('database');
      expect(lookup.evaluations.map((e) => e.searchTerm).sort()).toEqual(['IT', 'analyst']);
      const [a, b] = lookup.evaluations;
      expect(a).toMatchObject({
        cvKey: cv.cvKey,
        overallMatch: b!.overallMatch,
        reasoning: b!.reasoning,
        matcher: b!.matcher,
      });
    } finally {
      await api.stop();
    }
  });
});
