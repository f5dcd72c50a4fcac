import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CV_TEXT } from './harness/cv-texts.js';
import { createInstallation, type Cv, type Installation } from './harness/installation.js';
import { expectSuccess } from './harness/processes.js';
import { JOIN_PROBE_REQUESTS, startSearchServices, type SearchServices } from './harness/search-services.js';

const TERM = 'IT';

describe.each(testProviders())('a repeated search (%s)', (provider) => {
  let install: Installation;
  let services: SearchServices | undefined;
  let cv: Cv;

  beforeEach(async () => {
    install = await createInstallation(provider);
    cv = await install.writeCv('lebenslauf.md', CV_TEXT);
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
  });

  afterEach(async () => {
    await services?.close();
    services = undefined;
    await install.cleanup();
  });

  it('finds nothing new the second time: 0 new postings, 0 LLM calls, no detail page fetched', async () => {
    services = await startSearchServices({ initialPostings: 20 });
    const { board, stub } = services;
    const first = await services.search(install, { term: TERM, cv, maxPages: 2 });
    expect(first).toMatchObject({
      status: 'completed',
      stopReason: 'max_pages',
      pagesScraped: 2,
      postingsNew: 20,
      llmCalls: 20,
    });
    expect(services.evaluationCalls()).toBe(20);

    const callsBefore = stub.calls();
    const boardBefore = board.stats();
    const second = await services.search(install, { term: TERM, cv, maxPages: 2 });
    expect(second).toMatchObject({
      status: 'completed',
      stopReason: 'early_exit',
      pagesScraped: 1,
      postingsNew: 0,
      postingsDuplicate: board.postingsPerPage,
      llmCalls: 0,
      llmFailed: 0,
      llmSaved: board.postingsPerPage,
    });
    expect(second.costSavedUsd).toBeGreaterThan(0);
    // Not even the CV summary is asked again: it is stored per cv_key.
    expect(stub.calls()).toBe(callsBefore);
    expect(board.stats().detailRequests).toBe(boardBefore.detailRequests);
  });

  it('after new postings appear, the repeat run evaluates only them and stops at the first page without anything new', async () => {
    const perPage = 10;
    services = await startSearchServices({ initialPostings: 3 * perPage, postingsPerPage: perPage });
    const { board } = services;
    const maxPages = 6;
    const first = await services.search(install, { term: TERM, cv, maxPages });
    expect(first).toMatchObject({ status: 'completed', stopReason: 'end_of_results', postingsNew: 3 * perPage });

    const added = 4;
    board.advance(added, TERM);
    const evaluationsBefore = services.evaluationCalls();
    const boardBefore = board.stats();
    const repeat = await services.search(install, { term: TERM, cv, maxPages });

    // Page 1: the new postings on top of older ones; page 2: only postings seen before → early exit.
    expect(repeat).toMatchObject({
      status: 'completed',
      stopReason: 'early_exit',
      pagesScraped: 2,
      pagesSaved: maxPages - 2,
      postingsNew: added,
      postingsDuplicate: 2 * perPage - added,
      llmCalls: added,
    });
    expect(services.evaluationCalls() - evaluationsBefore).toBe(added);
    // The board saw two results pages (plus the join probe) where a run without dedup fetches every page.
    const boardAfter = board.stats();
    expect(boardAfter.listRequests - boardBefore.listRequests).toBe(repeat.pagesScraped + JOIN_PROBE_REQUESTS);
    expect(boardAfter.detailRequests - boardBefore.detailRequests).toBe(added);
    expect(Math.ceil(board.totalPostings(TERM) / perPage)).toBeGreaterThan(repeat.pagesScraped);
  });
});
