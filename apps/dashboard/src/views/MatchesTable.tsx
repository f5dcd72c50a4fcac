import { Link, useLocation } from 'react-router';
import type { MatchListItem, MatchSort } from '@jobsearchai/api/contract';
import { ScoreBadge } from '../components/ScoreBadge';
import { formatTimestamp, parseTimestamp } from '../lib/format';
import type { FromMatchesState } from './MatchDetailView';

interface SortableColumn {
  label: string;
  /** First click sorts this way; a second click on score or date reverses it. */
  sorts: [MatchSort] | [MatchSort, MatchSort];
}

const COLUMNS = {
  title: { label: 'Title', sorts: ['title_asc'] },
  company: { label: 'Company', sorts: ['company_asc'] },
  score: { label: 'Score', sorts: ['score_desc', 'score_asc'] },
  date: { label: 'Matched (UTC)', sorts: ['date_desc', 'date_asc'] },
} satisfies Record<string, SortableColumn>;

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: SortableColumn;
  sort: MatchSort;
  onSort: (sort: MatchSort) => void;
}) {
  const index = column.sorts.indexOf(sort);
  const active = index >= 0;
  const ascending = active && sort.endsWith('_asc');
  const next = active && column.sorts.length === 2 ? column.sorts[1 - index]! : column.sorts[0];
  return (
    <th scope="col" aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(next)}
        disabled={active && column.sorts.length === 1}
      >
        {column.label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (ascending ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function MatchesTable({
  matches,
  sort,
  onSort,
}: {
  matches: MatchListItem[];
  sort: MatchSort;
  onSort: (sort: MatchSort) => void;
}) {
  const { search } = useLocation();
  return (
    <div className="table-wrap">
      <table className="data-table stack-on-phone matches-table">
        <caption className="visually-hidden">Matches; column headers with buttons change the sort order.</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <SortHeader column={COLUMNS.title} sort={sort} onSort={onSort} />
            <SortHeader column={COLUMNS.company} sort={sort} onSort={onSort} />
            <th scope="col">Location</th>
            <SortHeader column={COLUMNS.score} sort={sort} onSort={onSort} />
            <th scope="col">Search term</th>
            <SortHeader column={COLUMNS.date} sort={sort} onSort={onSort} />
            <th scope="col">
              <span className="visually-hidden">Posting</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => {
            const title = m.jobTitle?.trim() || 'Untitled posting';
            return (
              <tr key={m.id} data-match-id={m.id}>
                <td data-label="Status">
                  <span className={`status status-${m.evaluationStatus}`}>
                    {m.evaluationStatus === 'failed' ? 'Failed' : 'Evaluated'}
                  </span>
                </td>
                <td data-label="Title" className="cell-title">
                  <Link to={`/matches/${m.id}`} state={{ matchesSearch: search } satisfies FromMatchesState}>
                    {title}
                  </Link>
                </td>
                <td data-label="Company">{m.companyName ?? '–'}</td>
                <td data-label="Location">{m.location ?? '–'}</td>
                <td data-label="Score">
                  <ScoreBadge score={m.overallMatch} />
                </td>
                <td data-label="Search term">{m.searchTerm}</td>
                <td data-label="Matched">
                  <time dateTime={parseTimestamp(m.matchedAt)?.toISOString()}>{formatTimestamp(m.matchedAt)}</time>
                </td>
                <td data-label="Posting">
                  <a href={m.jobUrl} target="_blank" rel="noopener noreferrer" className="external">
                    Open posting<span className="visually-hidden">: {title} (opens in a new tab)</span>
                    <span aria-hidden="true"> ↗</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
