import { useState } from 'react';
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

/** Below this chart width the label column shrinks. */
const NARROW_CHART_PX = 400;

const LEVEL_COLOR = {
  high: 'var(--score-high)',
  medium: 'var(--score-medium)',
  low: 'var(--score-low)',
  none: 'var(--border)',
} as const;

/**
 * One bar per sub-score on a 0–10 axis; the numbers are also in a list for screen readers, so
 * the picture is hidden from them and built without recharts' keyboard layer (a focusable SVG
 * inside aria-hidden would be reachable by Tab yet unnamed).
 */
export function SubScoreChart({ match }: { match: MatchRecord }) {
  const data = SUB_SCORES.map(([key, label]) => ({ label, value: match[key] }));
  // On a phone the labels get a narrower column (they wrap onto two lines) so the bars keep room.
  const [narrow, setNarrow] = useState(false);
  return (
    <figure className="subscores">
      <div className="subscores-chart" aria-hidden="true">
        <ResponsiveContainer
          width="100%"
          height={data.length * 34 + 30}
          onResize={(width) => setNarrow(width < NARROW_CHART_PX)}
        >
          <BarChart
            data={data}
            layout="vertical"
            accessibilityLayer={false}
            margin={{ top: 0, right: 36, bottom: 0, left: 0 }}
            barCategoryGap={6}
          >
            <CartesianGrid horizontal={false} stroke="var(--grid)" />
            <XAxis
              type="number"
              domain={[0, 10]}
              ticks={[0, 2, 4, 6, 8, 10]}
              tick={{ fontSize: 12 }}
              stroke="var(--muted)"
            />
            <YAxis
              type="category"
              dataKey="label"
              width={narrow ? 96 : 150}
              tick={{ fontSize: narrow ? 12 : 13 }}
              stroke="var(--muted)"
            />
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
