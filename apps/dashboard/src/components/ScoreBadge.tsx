import { scoreLevel } from '../lib/format';

const LEVEL_TEXT = {
  high: 'strong match',
  medium: 'possible match',
  low: 'weak match',
  none: 'evaluation failed',
} as const;

/** `8/10` in green, `6/10` in amber, lower in grey; a failed evaluation has no score. */
export function ScoreBadge({ score }: { score: number | null }) {
  const level = scoreLevel(score);
  if (score === null) {
    return (
      <span className="badge badge-none" title={LEVEL_TEXT.none}>
        failed
      </span>
    );
  }
  return (
    <span className={`badge badge-${level}`} title={`${score} of 10: ${LEVEL_TEXT[level]}`}>
      {score}/10
    </span>
  );
}
