import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { StartRunBody } from '@jobsearchai/api/contract';
import { api, ApiError } from '../api/client';
import { withContentKeys } from '../lib/content-keys';
import { useResource } from '../lib/use-resource';
import { NO_TOKEN } from './TokenPanel';

const SEARCH_TERM = /^[^/?#\\\p{Cc}]+$/u;

type CvChoice = 'registered' | 'path';

interface FieldErrors {
  search_term?: string;
  cv?: string;
  max_pages?: string;
}

export function validateRunInput(
  term: string,
  cvChoice: CvChoice,
  cvKey: string,
  cvPath: string,
  maxPages: string,
): FieldErrors {
  const errors: FieldErrors = {};
  const t = term.trim();
  if (!t) errors.search_term = 'Enter the search term, e.g. IT or data-analyst.';
  else if (t.length > 100) errors.search_term = 'At most 100 characters.';
  else if (!SEARCH_TERM.test(t)) errors.search_term = 'The term must not contain /, ?, # or \\.';
  if (cvChoice === 'registered' && !cvKey) errors.cv = 'Choose a registered CV.';
  if (cvChoice === 'path' && !cvPath.trim()) errors.cv = 'Enter the path of a CV file on the server.';
  const pages = Number(maxPages);
  if (!/^\d+$/.test(maxPages.trim()) || pages < 1 || pages > 50) errors.max_pages = 'A whole number from 1 to 50.';
  return errors;
}

export function NewRunForm({ token, onStarted }: { token: string; onStarted: (runId: number) => void }) {
  const id = useId();
  const cvs = useResource('cvs', (signal) => api.cvVersions(signal));
  const registered = (cvs.data?.items ?? []).filter((cv) => cv.hasText);
  const [term, setTerm] = useState('');
  const [choice, setChoice] = useState<CvChoice | null>(null);
  const [cvKey, setCvKey] = useState('');
  const [cvPath, setCvPath] = useState('');
  const [maxPages, setMaxPages] = useState('10');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // Until the user picks, a registered CV is the natural choice when there is one.
  const cvChoice: CvChoice = choice ?? (registered.length > 0 ? 'registered' : 'path');
  const selectedKey = cvKey || registered[0]?.cvKey || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateRunInput(term, cvChoice, selectedKey, cvPath, maxPages);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const input: StartRunBody = { search_term: term.trim(), max_pages: Number(maxPages) };
    if (cvChoice === 'registered') input.cv_key = selectedKey;
    else input.cv_path = cvPath.trim();
    setBusy(true);
    try {
      const started = await api.startRun(input, token === NO_TOKEN ? '' : token);
      onStarted(started.id);
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)));
    } finally {
      setBusy(false);
    }
  };

  const describedBy = (field: keyof FieldErrors) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <form className="run-form" onSubmit={submit} noValidate aria-label="Start a search">
      <div className="field">
        <label htmlFor={`${id}-term`}>Search term</label>
        <input
          id={`${id}-term`}
          name="search_term"
          value={term}
          maxLength={100}
          required
          placeholder="e.g. IT"
          aria-invalid={errors.search_term ? true : undefined}
          aria-describedby={describedBy('search_term')}
          onChange={(e) => setTerm(e.target.value)}
        />
        {errors.search_term ? (
          <p className="field-error" id={`${id}-search_term-error`}>
            {errors.search_term}
          </p>
        ) : null}
      </div>
      <fieldset className="field">
        <legend>CV</legend>
        <div className="radio-row">
          <label>
            <input
              type="radio"
              name="cv_choice"
              value="registered"
              checked={cvChoice === 'registered'}
              disabled={registered.length === 0}
              onChange={() => setChoice('registered')}
            />
            Registered CV
          </label>
          <label>
            <input
              type="radio"
              name="cv_choice"
              value="path"
              checked={cvChoice === 'path'}
              onChange={() => setChoice('path')}
            />
            CV file on the server
          </label>
        </div>
        {cvChoice === 'registered' ? (
          <>
            <label htmlFor={`${id}-cvkey`} className="visually-hidden">
              Registered CV
            </label>
            <select
              id={`${id}-cvkey`}
              name="cv_key"
              value={selectedKey}
              aria-describedby={describedBy('cv')}
              onChange={(e) => setCvKey(e.target.value)}
            >
              {registered.map((cv) => (
                <option key={cv.cvKey} value={cv.cvKey}>
                  {cv.fileName} ({cv.cvKey})
                </option>
              ))}
            </select>
          </>
        ) : (
          <>
            <label htmlFor={`${id}-cvpath`} className="visually-hidden">
              CV file path
            </label>
            <input
              id={`${id}-cvpath`}
              name="cv_path"
              value={cvPath}
              placeholder="cv.pdf (inside the server's CV directory)"
              aria-invalid={errors.cv ? true : undefined}
              aria-describedby={describedBy('cv')}
              onChange={(e) => setCvPath(e.target.value)}
            />
          </>
        )}
        {errors.cv ? (
          <p className="field-error" id={`${id}-cv-error`}>
            {errors.cv}
          </p>
        ) : null}
      </fieldset>
      <div className="field field-narrow">
        <label htmlFor={`${id}-pages`}>Max pages</label>
        <input
          id={`${id}-pages`}
          name="max_pages"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          value={maxPages}
          aria-invalid={errors.max_pages ? true : undefined}
          aria-describedby={describedBy('max_pages')}
          onChange={(e) => setMaxPages(e.target.value)}
        />
        {errors.max_pages ? (
          <p className="field-error" id={`${id}-max_pages-error`}>
            {errors.max_pages}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start search'}
        </button>
      </div>
      {failure ? <StartFailure error={failure} /> : null}
    </form>
  );
}

function StartFailure({ error }: { error: ApiError }) {
  const runId =
    typeof error.extensions.details === 'object' && error.extensions.details !== null
      ? (error.extensions.details as { runId?: unknown }).runId
      : undefined;
  const title =
    error.status === 401 || error.status === 403
      ? 'The API refused the request'
      : error.status === 409
        ? 'This search is already running'
        : error.status === 400
          ? 'The API could not start this search'
          : 'Starting the search failed';
  const fieldErrors = Array.isArray(error.extensions.errors)
    ? (error.extensions.errors as { name?: string; message?: string }[])
    : [];
  return (
    <div className="state state-error" role="alert">
      <h3>{title}</h3>
      <p>{error.detail}</p>
      {fieldErrors.length > 0 ? (
        <ul>
          {withContentKeys(fieldErrors, (e) => JSON.stringify([e.name, e.message])).map(({ key, item }) => (
            <li key={key}>
              <code>{item.name}</code> {item.message}
            </li>
          ))}
        </ul>
      ) : null}
      {typeof runId === 'number' ? (
        <p>
          <Link to={`/runs/${runId}`}>Watch run #{runId}</Link>
        </p>
      ) : null}
    </div>
  );
}
