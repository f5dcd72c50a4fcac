import type { RunProgressEvent } from '@jobsearchai/core/pipeline';
import type { Counter, LabelValues } from 'prom-client';
import type { MetricHandles } from './create-metrics.js';
import { identifierLabel } from './labels.js';

/**
 * Maps pipeline progress events to counters without keeping state per run, so one listener can
 * serve concurrent runs (events other than `started`/`finished` carry no run id). Page and
 * evaluation events give exact per-event increments; the rest comes from the finished run's
 * counters, which are the same numbers the run row stores. LLM calls, tokens and cost are not
 * counted here but per call by the instrumented matcher, which knows each call's outcome.
 */
export function recordRunProgress(handles: MetricHandles, event: RunProgressEvent): void {
  switch (event.type) {
    case 'page':
      inc(handles.postings, { kind: 'new' }, event.new);
      inc(handles.postings, { kind: 'duplicate' }, event.duplicate);
      // Each duplicate is an evaluation the legacy pipeline would have asked the LLM for again.
      inc(handles.llmCallsSaved, undefined, event.duplicate);
      return;
    case 'evaluated':
      if (event.outcome === 'reused') {
        handles.postings.inc({ kind: 'reused' });
        handles.llmCallsSaved.inc();
      }
      return;
    case 'finished': {
      const run = event.run;
      inc(handles.llmCostSaved, undefined, run.costSavedUsd);
      inc(handles.pagesScraped, undefined, run.pagesScraped);
      inc(handles.pagesSaved, undefined, run.pagesSaved);
      handles.runs.inc({ status: identifierLabel(run.status) });
      return;
    }
    case 'started':
      return;
  }
}

function inc<L extends string>(counter: Counter<L>, labels: LabelValues<L> | undefined, value: number): void {
  // prom-client throws on negative increments; a zero increment still creates the labelled series.
  if (!Number.isFinite(value) || value < 0) return;
  if (labels) counter.inc(labels, value);
  else counter.inc(value);
}
