import type { RunRecord } from '@jobsearchai/core';

/** The run's counters for people: what was scraped, what dedup saved, what it cost. */
export function formatRunReport(run: RunRecord): string {
  const seconds = run.durationMs === null ? '' : ` in ${(run.durationMs / 1000).toFixed(1)} s`;
  const rows: [string, string][] = [
    ['search term', run.searchTerm],
    ['cv_key', run.cvKey],
    ['source', `${run.source} (matcher ${run.matcher}${run.model ? `, ${run.model}` : ''})`],
    ['pages', `${run.pagesScraped} scraped, ${run.pagesSaved} saved by early exit`],
    [
      'postings',
      `${run.postingsSeen} seen, ${run.postingsNew} new, ${run.postingsDuplicate} duplicate, ${run.postingsReused} reused`,
    ],
    ['LLM calls', `${run.llmCalls} made, ${run.llmFailed} failed, ${run.llmSaved} saved`],
    ['tokens', `${run.tokensIn} in, ${run.tokensOut} out`],
    ['cost', `$${run.costUsd.toFixed(4)} (saved $${run.costSavedUsd.toFixed(4)})`],
  ];
  const lines = [`Run ${run.id} ${run.status}${run.stopReason ? ` (${run.stopReason})` : ''}${seconds}`];
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(12)} ${value}`);
  if (run.error) lines.push(`  ${'error'.padEnd(12)} ${run.error}`);
  return `${lines.join('\n')}\n`;
}
