import { tryNormalizeJobUrl } from '@jobsearchai/core';
import type { CvForMatch, Matcher } from '@jobsearchai/core/matchers';
import { toPostingForMatch } from '@jobsearchai/core/pipeline';
import type { JobPostingSummary, JobSource } from '@jobsearchai/core/sources';
import type { Store } from '@jobsearchai/core/store';

export interface LegacyBaselineOptions {
  store: Store;
  source: JobSource;
  matcher: Matcher;
  cv: CvForMatch;
  searchTerm: string;
  maxPages: number;
  /** Evaluations in flight at once; the benchmark uses the pipeline's value so only dedup differs. */
  concurrency: number;
}

export interface LegacyBaselineResult {
  pages: number;
  postings: number;
  evaluated: number;
  failed: number;
}

/**
 * BASELINE — the legacy behaviour, reproduced on purpose for comparison and used nowhere else:
 * no deduplication, every results page up to `maxPages` (it stops only at a page without
 * postings), and every posting's detail page fetched and evaluated by the LLM, however often it
 * was evaluated before. Results are stored (one write per posting, as the legacy code did) in the
 * baseline's own database, so the pipeline's dedup state is never touched.
 */
export async function runLegacyBaseline(options: LegacyBaselineOptions): Promise<LegacyBaselineResult> {
  const { store, source, matcher, cv, searchTerm } = options;
  const result: LegacyBaselineResult = { pages: 0, postings: 0, evaluated: 0, failed: 0 };
  for (let pageNumber = 1; pageNumber <= options.maxPages; pageNumber++) {
    const started = performance.now();
    const page = await source.fetchPage(searchTerm, pageNumber);
    result.pages++;
    if (page.status !== 'ok' || page.postings.length === 0) break;
    result.postings += page.postings.length;
    await store.recordScrapePage({
      searchTerm,
      pageNumber,
      jobsFound: page.postings.length,
      newJobs: page.postings.length,
      duplicateJobs: 0,
      durationSeconds: (performance.now() - started) / 1000,
    });
    // `concurrency` workers share the page's postings, as the pipeline's evaluation pool does.
    const queue = [...page.postings];
    const worker = async () => {
      for (let summary = queue.shift(); summary; summary = queue.shift()) await evaluate(summary);
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  }
  return result;

  async function evaluate(summary: JobPostingSummary): Promise<void> {
    const details = await source.fetchDetails(summary.url);
    const evaluation = await matcher.evaluate(toPostingForMatch(summary.url, details), cv);
    if (!evaluation.ok) {
      result.failed++;
      return;
    }
    result.evaluated++;
    await store.insertMatch(
      {
        jobUrl: tryNormalizeJobUrl(summary.url) ?? summary.url,
        searchTerm,
        cvKey: cv.cvKey,
        jobTitle: details.title || null,
        companyName: details.company ?? null,
        location: details.location ?? null,
        postingDate: details.postingDate ?? null,
        salaryRange: details.salaryRange ?? null,
        ...evaluation.scores,
        scrapedData: details.raw,
        matcher: matcher.name,
        model: matcher.model,
        source: source.name,
      },
      { onDuplicate: 'update' },
    );
  }
}
