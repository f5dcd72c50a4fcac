import { JobSearchError } from '../errors.js';
import { heuristicScores } from './heuristic/heuristic-scores.js';
import type { CvForMatch, LlmCallRecord, MatchOptions, MatchResult, Matcher, PostingForMatch } from './types.js';

const SUMMARY_MAX_LINES = 12;
const SUMMARY_MAX_CHARS = 1_200;

/**
 * The offline default: a deterministic, explainable keyword comparison that costs nothing. Its rows
 * are labelled matcher 'heuristic', model 'heuristic-v1', so they are never mistaken for LLM scores.
 */
export class HeuristicMatcher implements Matcher {
  readonly name = 'heuristic';
  readonly model = 'heuristic-v1';
  readonly usesLlm = false;

  async evaluate(posting: PostingForMatch, cv: CvForMatch, options: MatchOptions = {}): Promise<MatchResult> {
    throwIfCancelled(options.signal);
    return { ok: true, scores: heuristicScores(posting, cv), calls: [] };
  }

  /** The CV's first meaningful lines (name, headline, contact, profile), which is where CVs say who the person is. */
  async summarizeCv(cvText: string, options: MatchOptions = {}): Promise<{ summary: string; calls: LlmCallRecord[] }> {
    throwIfCancelled(options.signal);
    const lines: string[] = [];
    let length = 0;
    for (const raw of cvText.split(/\r?\n/)) {
      const line = raw.replace(/\s+/g, ' ').trim();
      // Lines with fewer than three letters are separators, page numbers or dates.
      if ((line.match(/\p{L}/gu)?.length ?? 0) < 3 || lines.includes(line)) continue;
      if (lines.length === SUMMARY_MAX_LINES || length + line.length > SUMMARY_MAX_CHARS) break;
      lines.push(line);
      length += line.length + 1;
    }
    return { summary: lines.join('\n'), calls: [] };
  }

  estimatedCostPerEvaluation(): number {
    return 0;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new JobSearchError('CANCELLED', 'The evaluation was cancelled before it started.', { cause: signal.reason });
}
