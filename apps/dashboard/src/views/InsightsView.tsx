import type { ReactElement, ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CostEstimate, RunRecord, StatsDay, StatsResponse } from '@jobsearchai/api/contract';
import { api } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { formatCount, formatPercent, formatUsd, ratio } from '../lib/format';
import { useResource } from '../lib/use-resource';

/** The same colours as the stylesheet's --chart-* variables (SVG attributes get literal values). */
const COLOR = {
  made: '#1d4ed8',
  saved: '#16a34a',
  dup: '#9333ea',
  cost: '#dc2626',
  costEstimate: '#fca5a5',
  savedEstimate: '#86efac',
} as const;
const RUNS_FOR_CHART = 100;
const CHART_HEIGHT = 260;
const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 } as const;
const AXIS = { fontSize: 12, fill: '#4b5563' } as const;
// Legend labels in the text colour; recharts would colour each one like its series, as an inline style.
const LEGEND_LABEL = { color: 'var(--text)' } as const;

interface InsightsData {
  stats: StatsResponse;
  runs: RunRecord[];
}

export function InsightsView() {
  const data = useResource('insights', async (signal): Promise<InsightsData> => {
    const [stats, runs] = await Promise.all([api.stats(signal), api.runs({ limit: RUNS_FOR_CHART }, signal)]);
    return { stats, runs: runs.items };
  });
  return (
    <>
      <PageHeading title="Insights" />
      <p className="lead">
        What deduplication and the early exit save: LLM calls not made, pages not scraped, money not spent.
      </p>
      {data.state === 'error' ? (
        <ErrorState error={data.error} onRetry={data.reload} title="Could not load the insights" />
      ) : data.state === 'loading' ? (
        <Loading label="Loading insights…" />
      ) : data.data.stats.totals.runs === 0 && data.data.runs.length === 0 ? (
        <EmptyState title="No search runs yet">
          <p>
            Insights are drawn from search runs. Start one on the Runs page or with <code>jobsearch-api search</code>.
          </p>
        </EmptyState>
      ) : (
        <Insights stats={data.data.stats} runs={data.data.runs} />
      )}
    </>
  );
}

/** A day of the cost chart: the real figures, and the offline runs' estimate where there is one. */
interface CostDay extends StatsDay {
  estimatedCostUsd: number;
  estimatedCostSavedUsd: number;
}

function costDays(days: StatsDay[], estimate: CostEstimate | null): CostDay[] {
  const byDay = new Map((estimate?.days ?? []).map((d) => [d.day, d]));
  return days.map((d) => ({
    ...d,
    estimatedCostUsd: byDay.get(d.day)?.costUsd ?? 0,
    estimatedCostSavedUsd: byDay.get(d.day)?.costSavedUsd ?? 0,
  }));
}

function Insights({ stats, runs }: InsightsData) {
  const t = stats.totals;
  const estimate = stats.estimate;
  const days = costDays(
    [...stats.days].sort((a, b) => a.day.localeCompare(b.day)),
    estimate,
  );
  const perRun = [...runs]
    .filter((r) => r.postingsSeen > 0)
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      run: `#${r.id}`,
      term: r.searchTerm,
      rate: Math.round((r.postingsDuplicate / r.postingsSeen) * 1000) / 10,
      seen: r.postingsSeen,
      duplicate: r.postingsDuplicate,
    }));

  return (
    <>
      <ul className="tiles" aria-label="Totals">
        <Tile
          label="LLM calls saved"
          value={formatCount(t.llmSaved)}
          note={`${formatPercent(ratio(t.llmSaved, t.llmCalls + t.llmSaved))} of ${formatCount(t.llmCalls + t.llmSaved)} evaluations`}
        />
        <Tile label="Pages saved" value={formatCount(t.pagesSaved)} note={`${formatCount(t.pagesScraped)} scraped`} />
        <Tile
          label="Duplicate postings"
          value={formatPercent(ratio(t.postingsDuplicate, t.postingsSeen))}
          note={`${formatCount(t.postingsDuplicate)} of ${formatCount(t.postingsSeen)} seen`}
        />
        <Tile
          label="Cost saved"
          value={formatUsd(t.costSavedUsd)}
          note={`${formatUsd(t.costUsd)} spent in ${formatCount(t.runs)} runs`}
        />
        {estimate ? (
          // The offline matcher costs nothing: what its runs would have cost with an LLM, never mixed with real money.
          <Tile
            label="Estimated savings (offline runs)"
            value={formatUsd(estimate.costSavedUsd)}
            note={`${estimate.label}: ${formatCount(estimate.llmSaved)} calls saved; ${formatCount(estimate.evaluations)} evaluations made offline would have cost ${formatUsd(estimate.costUsd)}`}
          />
        ) : null}
      </ul>
      <div className="charts">
        <ChartCard
          id="llm-per-day"
          title="LLM calls made vs saved per day"
          table={
            <DayTable
              days={days}
              columns={[
                ['LLM calls made', (d) => formatCount(d.llmCalls)],
                ['LLM calls saved', (d) => formatCount(d.llmSaved)],
              ]}
            />
          }
        >
          {madeVsSavedPerDay(days, 'llm', ['llmCalls', 'Made'], ['llmSaved', 'Saved'])}
        </ChartCard>
        <ChartCard
          id="dedup-per-run"
          title="Duplicate rate per run"
          table={
            <DataTable
              head={['Run', 'Search term', 'Postings seen', 'Duplicates', 'Duplicate rate']}
              rows={perRun.map((r) => ({
                key: r.run,
                cells: [r.run, r.term, formatCount(r.seen), formatCount(r.duplicate), `${r.rate} %`],
              }))}
            />
          }
        >
          <BarChart data={perRun} margin={CHART_MARGIN} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="run" tick={AXIS} />
            <YAxis domain={[0, 100]} unit=" %" tick={AXIS} width={52} />
            <Tooltip
              formatter={(value) => [`${String(value)} %`, 'Duplicates']}
              labelFormatter={(label, payload) => `Run ${String(label)} (${String(payload?.[0]?.payload?.term ?? '')})`}
            />
            <Bar dataKey="rate" name="Duplicate rate" fill={COLOR.dup} maxBarSize={72} isAnimationActive={false} />
          </BarChart>
        </ChartCard>
        <ChartCard
          id="pages-per-day"
          title="Pages scraped vs saved per day"
          table={
            <DayTable
              days={days}
              columns={[
                ['Pages scraped', (d) => formatCount(d.pagesScraped)],
                ['Pages saved', (d) => formatCount(d.pagesSaved)],
              ]}
            />
          }
        >
          {madeVsSavedPerDay(days, 'pages', ['pagesScraped', 'Scraped'], ['pagesSaved', 'Saved'])}
        </ChartCard>
        <ChartCard
          id="cost-saved"
          title={`LLM cost spent vs saved per day (USD)${estimate ? `; offline runs ${estimate.label}` : ''}`}
          table={
            <DayTable
              days={days}
              columns={[
                ['Spent', (d) => formatUsd(d.costUsd)],
                ['Saved', (d) => formatUsd(d.costSavedUsd)],
                ...(estimate
                  ? ([
                      [`Spent offline, ${estimate.label}`, (d) => formatUsd(d.estimatedCostUsd)],
                      [`Saved offline, ${estimate.label}`, (d) => formatUsd(d.estimatedCostSavedUsd)],
                    ] satisfies [string, (d: CostDay) => string][])
                  : []),
              ]}
            />
          }
        >
          <BarChart data={days} margin={CHART_MARGIN} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} />
            <YAxis tick={AXIS} width={64} tickFormatter={(v: number) => formatUsd(v)} />
            <Tooltip formatter={(value) => formatUsd(Number(value))} />
            <Legend itemSorter={null} labelStyle={LEGEND_LABEL} />
            <Bar dataKey="costUsd" name="Spent" fill={COLOR.cost} maxBarSize={72} isAnimationActive={false} />
            <Bar dataKey="costSavedUsd" name="Saved" fill={COLOR.saved} maxBarSize={72} isAnimationActive={false} />
            {estimate ? (
              <Bar
                dataKey="estimatedCostUsd"
                name="Spent (estimate)"
                fill={COLOR.costEstimate}
                maxBarSize={72}
                isAnimationActive={false}
              />
            ) : null}
            {estimate ? (
              <Bar
                dataKey="estimatedCostSavedUsd"
                name="Saved (estimate)"
                fill={COLOR.savedEstimate}
                maxBarSize={72}
                isAnimationActive={false}
              />
            ) : null}
          </BarChart>
        </ChartCard>
      </div>
    </>
  );
}

type DayCount = 'llmCalls' | 'llmSaved' | 'pagesScraped' | 'pagesSaved';

/**
 * Counts per day, what was done stacked under what was saved. A function, not a component:
 * ResponsiveContainer sizes the chart element it is given directly.
 */
function madeVsSavedPerDay(
  days: StatsDay[],
  stackId: string,
  made: [DayCount, string],
  saved: [DayCount, string],
): ReactElement {
  return (
    <BarChart data={days} margin={CHART_MARGIN} accessibilityLayer={false}>
      <CartesianGrid vertical={false} stroke="#e5e7eb" />
      <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} />
      <YAxis allowDecimals={false} tick={AXIS} width={44} />
      <Tooltip />
      <Legend itemSorter={null} labelStyle={LEGEND_LABEL} />
      <Bar
        dataKey={made[0]}
        name={made[1]}
        stackId={stackId}
        fill={COLOR.made}
        maxBarSize={72}
        isAnimationActive={false}
      />
      <Bar
        dataKey={saved[0]}
        name={saved[1]}
        stackId={stackId}
        fill={COLOR.saved}
        maxBarSize={72}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

function shortDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : day;
}

function Tile({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <li className="tile card">
      <span className="tile-label">{label}</span>
      <span className="tile-value">{value}</span>
      <span className="tile-note">{note}</span>
    </li>
  );
}

/** A chart with its numbers one click away, for screen readers and for reading exact values. */
function ChartCard({
  id,
  title,
  table,
  children,
}: {
  id: string;
  title: string;
  table: ReactNode;
  children: ReactElement;
}) {
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {/* The picture is hidden from screen readers, who get the table below; the charts are built
          without recharts' keyboard layer, which would leave a focusable SVG inside aria-hidden. */}
      <div className="chart-body" aria-hidden="true">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          {children}
        </ResponsiveContainer>
      </div>
      <details className="chart-data">
        <summary>Show the numbers</summary>
        {table}
      </details>
    </figure>
  );
}

function DayTable<D extends StatsDay>({ days, columns }: { days: D[]; columns: [string, (d: D) => string][] }) {
  return (
    <DataTable
      head={['Day (UTC)', ...columns.map(([label]) => label)]}
      rows={days.map((d) => ({ key: d.day, cells: [d.day, ...columns.map(([, value]) => value(d))] }))}
    />
  );
}

/** A row of a chart's table: `key` names what the row is about (a day, a run), unique in the table. */
interface DataRow {
  key: string;
  cells: string[];
}

function DataTable({ head, rows }: { head: string[]; rows: DataRow[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table compact stack-on-phone">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, column) => (
                // The column's heading keys the cell: headings are unique (they key the <th>s too).
                <td key={head[column]} data-label={head[column]}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
