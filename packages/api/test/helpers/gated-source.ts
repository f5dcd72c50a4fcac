import { JobSearchError } from '@jobsearchai/core';
import type { FetchOptions, JobPostingDetails, JobSource, ResultsPage } from '@jobsearchai/core/sources';
import type { SourceResolver } from '../../src/searches/job-sources.js';

/**
 * A job source whose results pages wait until the test opens the gate (or the run is aborted),
 * so a run stays 'running' exactly as long as a test needs. Every page is empty.
 */
export class GatedSource implements JobSource, SourceResolver {
  readonly name = 'gated';
  #open!: () => void;
  #gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });
  #waiting = 0;
  #listeners: { n: number; resolve: () => void }[] = [];

  async get(): Promise<JobSource> {
    return this;
  }

  open(): void {
    this.#open();
  }

  /** Resolves once `n` page requests are waiting at the gate. */
  waitingFor(n: number): Promise<void> {
    if (this.#waiting >= n) return Promise.resolve();
    return new Promise((resolve) => this.#listeners.push({ n, resolve }));
  }

  async fetchPage(term: string, page: number, options: FetchOptions = {}): Promise<ResultsPage> {
    this.#waiting++;
    for (const listener of this.#listeners.filter((l) => this.#waiting >= l.n)) listener.resolve();
    this.#listeners = this.#listeners.filter((l) => this.#waiting < l.n);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new JobSearchError('CANCELLED', 'aborted at the gate'));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      void this.#gate.then(() => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
    return { term, page, url: `gated://${term}/${page}`, status: 'empty', postings: [] };
  }

  async fetchDetails(url: string): Promise<JobPostingDetails> {
    throw new JobSearchError('NOT_FOUND', `gated source has no posting ${url}`);
  }
}
