import { useId } from 'react';
import type { MatchSort } from '@jobsearchai/api/contract';
import { PAGE_SIZES, SORT_LABELS } from '../lib/match-filters';

/** Sort order and page size: how the results are shown, not which ones. */
export function ResultsToolbar({
  sort,
  limit,
  onChange,
}: {
  sort: MatchSort;
  limit: number;
  onChange: (change: { sort?: MatchSort; limit?: number }) => void;
}) {
  const id = useId();
  const sizes = [...new Set([...PAGE_SIZES, limit])].sort((a, b) => a - b);
  return (
    <div className="results-toolbar">
      <div className="inline-field">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          name="sort"
          value={sort}
          onChange={(e) => onChange({ sort: e.target.value as MatchSort })}
        >
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-limit`}>Per page</label>
        <select
          id={`${id}-limit`}
          name="limit"
          value={limit}
          onChange={(e) => onChange({ limit: Number(e.target.value) })}
        >
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
