import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CvVersion, SearchTermSummary } from '@jobsearchai/api/contract';
import { isApplicationStatus, STATUS_LABELS as APPLICATION_STATUS_LABELS } from '../lib/application-status';
import { MAX_TEXT_LENGTH, STATUS_LABELS, type MatchFilters, type StatusFilter } from '../lib/match-filters';

const TYPING_PAUSE_MS = 400;

interface Props {
  id: string;
  /** On a phone the form folds away behind a toggle; wider screens always show it. */
  collapsed: boolean;
  filters: MatchFilters;
  searchTerms: SearchTermSummary[];
  cvVersions: CvVersion[];
  onChange: (change: Partial<MatchFilters>) => void;
  onReset: () => void;
}

/** Text fields apply after a pause in typing (or at once on Enter); every other control applies at once. */
function useTypedText(value: string, apply: (text: string) => void): [string, (text: string) => void, () => void] {
  const [draft, setDraft] = useState(value);
  const applyRef = useRef(apply);
  applyRef.current = apply;
  // The URL changed under us (back button, reset): show what it says, but keep a trailing space being typed.
  useEffect(() => setDraft((current) => (current.trim() === value.trim() ? current : value)), [value]);
  useEffect(() => {
    if (draft.trim() === value.trim()) return;
    const timer = setTimeout(() => applyRef.current(draft), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);
  const flush = () => {
    if (draft.trim() !== value.trim()) applyRef.current(draft);
  };
  return [draft, setDraft, flush];
}

export function MatchFiltersForm({
  id: formId,
  collapsed,
  filters,
  searchTerms,
  cvVersions,
  onChange,
  onReset,
}: Props) {
  const id = useId();
  const [q, setQ, flushQ] = useTypedText(filters.q, (text) => onChange({ q: text }));
  const [location, setLocation, flushLocation] = useTypedText(filters.location, (text) => onChange({ location: text }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    flushQ();
    flushLocation();
  };

  // A bookmarked term or CV that is not in the lists any more stays selectable.
  const terms = searchTerms.map((t) => t.searchTerm);
  if (filters.searchTerm && !terms.includes(filters.searchTerm)) terms.push(filters.searchTerm);
  const cvKeys = cvVersions.map((cv) => ({ key: cv.cvKey, label: `${cv.fileName} (${cv.cvKey.slice(0, 8)}…)` }));
  if (filters.cvKey && !cvKeys.some((cv) => cv.key === filters.cvKey))
    cvKeys.push({ key: filters.cvKey, label: filters.cvKey });

  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark screen readers support today; <search> is not yet announced everywhere.
    <form
      id={formId}
      className={collapsed ? 'filters filters-collapsed' : 'filters'}
      role="search"
      aria-label="Filter matches"
      onSubmit={submit}
    >
      <div className="field field-wide">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          value={q}
          maxLength={MAX_TEXT_LENGTH}
          placeholder="Title, company or location"
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-term`}>Search term</label>
        <select
          id={`${id}-term`}
          name="search_term"
          value={filters.searchTerm}
          onChange={(e) => onChange({ searchTerm: e.target.value })}
        >
          <option value="">All search terms</option>
          {terms.map((term) => (
            <option key={term} value={term}>
              {term}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-cv`}>CV version</label>
        <select
          id={`${id}-cv`}
          name="cv_key"
          value={filters.cvKey}
          onChange={(e) => onChange({ cvKey: e.target.value })}
        >
          <option value="">All CV versions</option>
          {cvKeys.map((cv) => (
            <option key={cv.key} value={cv.key}>
              {cv.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-location">
        <label htmlFor={`${id}-location`}>Location</label>
        <input
          id={`${id}-location`}
          type="text"
          name="location"
          value={location}
          maxLength={MAX_TEXT_LENGTH}
          placeholder="e.g. St. Gallen"
          autoComplete="off"
          onChange={(e) => setLocation(e.target.value)}
        />
      </div>
      <div className="field field-score">
        <label htmlFor={`${id}-min`}>
          Minimum score <output htmlFor={`${id}-min`}>{filters.minScore}/10</output>
        </label>
        <input
          id={`${id}-min`}
          type="range"
          name="min_score"
          min={0}
          max={10}
          step={1}
          value={filters.minScore}
          aria-valuetext={`${filters.minScore} of 10`}
          onChange={(e) => onChange({ minScore: Number(e.target.value) })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>Matched from</label>
        <input
          id={`${id}-from`}
          type="date"
          name="date_from"
          value={filters.dateFrom}
          max={filters.dateTo || undefined}
          onChange={(e) => onChange({ dateFrom: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>Matched until</label>
        <input
          id={`${id}-to`}
          type="date"
          name="date_to"
          value={filters.dateTo}
          min={filters.dateFrom || undefined}
          onChange={(e) => onChange({ dateTo: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          name="status"
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as StatusFilter })}
        >
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-application`}>Application status</label>
        <select
          id={`${id}-application`}
          name="application_status"
          value={filters.applicationStatus}
          onChange={(e) => onChange({ applicationStatus: isApplicationStatus(e.target.value) ? e.target.value : '' })}
        >
          <option value="">Any application status</option>
          {Object.entries(APPLICATION_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-check">
        <input
          id={`${id}-hide-closed`}
          type="checkbox"
          name="hide_closed"
          checked={filters.hideClosed}
          onChange={(e) => onChange({ hideClosed: e.target.checked })}
        />
        <label htmlFor={`${id}-hide-closed`}>Hide rejected and archived</label>
      </div>
      <div className="filters-actions">
        {/* Enter in a text field submits: it applies the typed text without waiting. */}
        <button type="submit" className="visually-hidden" tabIndex={-1}>
          Apply
        </button>
        <button type="button" className="button button-quiet" onClick={onReset}>
          Reset filters
        </button>
      </div>
    </form>
  );
}
