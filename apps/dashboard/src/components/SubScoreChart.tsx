import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { MatchRecord } from '@jobsearchai/api/contract';
import { scoreLevel } from '../lib/format';

export const SUB_SCORES = [
  ['skillsMatch', 'Skills'],
  ['experienceMatch', 'Experience'],
  ['educationFit', 'Education'],
  ['careerTrajectoryAlignment', 'Career trajectory'],
  ['preferenceMatch', 'Preferences'],
  ['potentialSatisfaction', 'Potential satisfaction'],
] as const satisfies readonly (readonly [keyof MatchRecord, string])[];

const LEVEL_COLOR = {
  high: 'var(--score-high)',
  medium: 'var(--score-medium)',
  low: 'var(--score-low)',
  none: 'var(--border)',
} as const;

/** One bar per sub-score on a 0–10 axis; the numbers are also in a list for screen readers. */
export function SubScoreChart({ match }: { match: MatchRecord }) {
  const data = SUB_SCORES.map(([key, label]) => ({ label, value: match[key] }));
  return (
    <figure className="subscores">
      <div className="subscores-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={data.length * 34 + 30}>
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 36, bottom: 0, left: 0 }} barCategoryGap={6}>
            <CartesianGrid horizontal={false} stroke="var(--grid)" />
            <XAxis
              type="number"
              domain={[0, 10]}
              ticks={[0, 2, 4, 6, 8, 10]}
              tick={{ fontSize: 12 }}
              stroke="var(--muted)"
            />
            <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 13 }} stroke="var(--muted)" />
            <Bar dataKey="value" isAnimationActive={false} radius={[0, 4, 4, 0]}>
              {data.map((d) => (
                <Cell key={d.label} fill={LEVEL_COLOR[scoreLevel(d.value)]} />
              ))}
              <LabelList dataKey="value" position="right" style={{ fontSize: 13, fill: 'var(--text)' }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">
        <ul>
          {data.map((d) => (
            <li key={d.label}>
              {d.label}: {d.value === null ? 'not scored' : `${d.value} of 10`}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
