import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import type { Application, ApplicationStatus } from '@jobsearchai/api/contract';
import { api, ApiError } from '../api/client';
import { ErrorState, Loading } from '../components/States';
import { readToken, storeToken } from '../lib/api-token';
import { STATUS_LABELS, STATUS_ORDER, writeFailureMessage } from '../lib/application-status';
import { formatTimestamp } from '../lib/format';
import { useResource } from '../lib/use-resource';
import '../styles/applications.css';
import { NO_TOKEN, TokenPanel } from './TokenPanel';

/** The application status, notes and history of the posting a match evaluated (for its CV). */
export function ApplicationPanel({ matchId }: { matchId: number }) {
  const id = useId();
  const [version, setVersion] = useState(0);
  const remote = useResource(`application-${matchId}-${version}`, (signal) => api.application(matchId, signal));
  const [application, setApplication] = useState<Application | null>(null);
  const [status, setStatus] = useState<ApplicationStatus>('MATCHED');
  const [notes, setNotes] = useState('');
  const [token, setToken] = useState(readToken);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    if (!remote.data) return;
    setApplication(remote.data);
    setStatus(remote.data.status);
    setNotes(remote.data.notes ?? '');
  }, [remote.data]);

  const saveToken = (value: string) => {
    storeToken(value);
    setToken(value);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!application) return;
    setMessage(null);
    if (!token) {
      setMessage({ kind: 'error', text: 'Enter the API token below (or choose "Server has no token") to save.' });
      return;
    }
    setSaving(true);
    try {
      const saved = await api.setApplication(
        matchId,
        { status, notes, expectedUpdatedAt: application.updatedAt },
        token === NO_TOKEN ? '' : token,
      );
      setApplication(saved);
      setStatus(saved.status);
      setNotes(saved.notes ?? '');
      setMessage({ kind: 'ok', text: `Saved: ${STATUS_LABELS[saved.status]}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: writeFailureMessage(error) });
      if (error instanceof ApiError && error.status === 409) setVersion((v) => v + 1);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card application-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Application</h2>
      {remote.error && !application ? (
        <ErrorState error={remote.error} onRetry={remote.reload} title="Could not load the application status" />
      ) : !application ? (
        <Loading label="Loading the application status…" />
      ) : (
        <>
          <p className="muted small">
            For this posting and CV under every search term. <Link to="/applications">All applications</Link>
          </p>
          <form className="application-form" onSubmit={submit} aria-label="Application status and notes">
            <div className="field">
              <label htmlFor={`${id}-status`}>Status</label>
              <select
                id={`${id}-status`}
                value={status}
                onChange={(event) => setStatus(event.target.value as ApplicationStatus)}
              >
                {STATUS_ORDER.map((value) => (
                  <option key={value} value={value}>
                    {STATUS_LABELS[value]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-notes`}>Notes</label>
              <textarea id={`${id}-notes`} rows={4} value={notes} onChange={(event) => setNotes(event.target.value)} />
            </div>
            <div className="row-actions">
              <button type="submit" className="button button-primary" disabled={saving}>
                Save
              </button>
            </div>
            <div role="status" aria-live="polite">
              {message?.kind === 'ok' ? <p className="notice">{message.text}</p> : null}
            </div>
            {message?.kind === 'error' ? (
              <p className="notice notice-error" role="alert">
                {message.text}
              </p>
            ) : null}
          </form>
          {token ? null : <TokenPanel token={token} onChange={saveToken} />}
          <h3>History</h3>
          {application.history.length === 0 ? (
            <p className="muted">
              {application.updatedAt
                ? `Tracked since ${formatTimestamp(application.createdAt)} UTC; no change recorded since.`
                : 'Not tracked yet.'}
            </p>
          ) : (
            <ol className="application-history">
              {application.history.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.changedAt}>{formatTimestamp(entry.changedAt)} UTC</time>:{' '}
                  {entry.fromStatus === entry.toStatus
                    ? `notes ${entry.notes === null ? 'cleared' : 'changed'}`
                    : `${STATUS_LABELS[entry.fromStatus]} → ${STATUS_LABELS[entry.toStatus]}${entry.notesChanged ? ', notes changed' : ''}`}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
