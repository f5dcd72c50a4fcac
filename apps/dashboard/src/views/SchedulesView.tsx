import { useState } from 'react';
import { Link } from 'react-router';
import type { AlertDelivery, CreateScheduleBody, Schedule } from '@jobsearchai/api/contract';
import { api, ApiError } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { readToken, storeToken } from '../lib/api-token';
import { formatTimestamp } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { ScheduleForm } from './ScheduleForm';
import { NO_TOKEN, TokenPanel } from './TokenPanel';

/** The form shows for a new schedule ('new') or for the one being edited. */
type Editing = 'new' | Schedule | null;

export function SchedulesView() {
  const [token, setToken] = useState(readToken);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const schedules = useResource(`schedules-${version}`, (signal) => api.schedules(signal));
  const cvs = useResource('cvs', (signal) => api.cvVersions(signal));
  const alerts = useResource(`alerts-${version}`, (signal) => api.alerts(signal));
  const registered = (cvs.data?.items ?? []).filter((cv) => cv.hasText);
  const bearer = token === NO_TOKEN ? '' : token;
  const refresh = () => setVersion((v) => v + 1);

  const saveToken = (value: string) => {
    storeToken(value);
    setToken(value);
  };
  const save = async (body: CreateScheduleBody) => {
    if (editing && editing !== 'new') await api.updateSchedule(editing.id, body, bearer);
    else await api.createSchedule(body, bearer);
  };
  const act = async (what: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await what();
      refresh();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)));
    }
  };

  return (
    <>
      <PageHeading title="Schedules" />
      <p className="lead">
        Saved searches that the server starts on their own, at the times a cron expression gives. With several API
        instances on one database, exactly one of them starts each run.
      </p>
      <section className="card" aria-labelledby="schedule-edit-heading">
        <h2 id="schedule-edit-heading">
          {editing && editing !== 'new' ? `Edit schedule ${editing.id}` : 'New schedule'}
        </h2>
        <TokenPanel token={token} onChange={saveToken} />
        {!token ? null : editing ? (
          <ScheduleForm
            key={editing === 'new' ? 'new' : editing.id}
            cvs={registered}
            editing={editing === 'new' ? null : editing}
            save={save}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
          />
        ) : registered.length === 0 ? (
          <p>A schedule needs a registered CV: start one search with a CV file first (Runs → New search).</p>
        ) : (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            New schedule
          </button>
        )}
      </section>
      <section aria-labelledby="schedules-heading" aria-busy={schedules.state === 'loading'}>
        <h2 id="schedules-heading">Saved schedules</h2>
        {failure ? (
          <div className="state state-error" role="alert">
            <h3>The change was refused</h3>
            <p>{failure.detail}</p>
          </div>
        ) : null}
        {schedules.error && !schedules.data ? (
          <ErrorState error={schedules.error} title="Could not load the schedules" />
        ) : !schedules.data ? (
          <Loading label="Loading schedules…" />
        ) : schedules.data.items.length === 0 ? (
          <EmptyState title="No schedules yet">
            <p>Add one above to run a search every morning, for example.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-on-phone schedules-table">
              <caption className="visually-hidden">Saved schedules</caption>
              <thead>
                <tr>
                  <th scope="col">Search</th>
                  <th scope="col">When</th>
                  <th scope="col">Alerts</th>
                  <th scope="col">Next start</th>
                  <th scope="col">Last start</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {schedules.data.items.map((s) => (
                  <tr key={s.id} data-schedule={s.id}>
                    <td data-label="Search">
                      <strong>{s.searchTerm}</strong>
                      <div className="muted small">
                        CV {s.cvKey}, up to {s.maxPages} pages
                      </div>
                    </td>
                    <td data-label="When">
                      <code>{s.cron}</code>
                      <div className="muted small">{s.timeZone}</div>
                    </td>
                    <td data-label="Alerts">
                      {s.alertDelivery === 'off' ? (
                        'Off'
                      ) : (
                        <>
                          {s.alertDelivery === 'digest' ? 'Daily digest' : 'After each run'}
                          <div className="muted small">from score {s.alertThreshold}</div>
                        </>
                      )}
                      <LastAlert alert={alerts.data?.items.find((a) => a.scheduleId === s.id)} />
                    </td>
                    <td data-label="Next start">{s.enabled ? formatTimestamp(s.nextRunAt) : 'Paused'}</td>
                    <td data-label="Last start">
                      {s.lastRunId !== null ? <Link to={`/runs/${s.lastRunId}`}>Run #{s.lastRunId}</Link> : '—'}
                      {s.lastError ? <div className="small warn">{s.lastError}</div> : null}
                    </td>
                    <td data-label="Actions">
                      {token ? (
                        <div className="row-actions">
                          <button type="button" className="button" onClick={() => setEditing(s)}>
                            Edit<span className="visually-hidden"> schedule {s.id}</span>
                          </button>
                          <button
                            type="button"
                            className="button"
                            onClick={() => act(() => api.updateSchedule(s.id, { enabled: !s.enabled }, bearer))}
                          >
                            {s.enabled ? 'Pause' : 'Resume'}
                            <span className="visually-hidden"> schedule {s.id}</span>
                          </button>
                          <button
                            type="button"
                            className="button button-quiet"
                            onClick={() => {
                              if (window.confirm(`Delete the schedule for "${s.searchTerm}"? Its runs stay.`))
                                void act(() => api.deleteSchedule(s.id, bearer));
                            }}
                          >
                            Delete<span className="visually-hidden"> schedule {s.id}</span>
                          </button>
                        </div>
                      ) : (
                        <span className="muted small">Enter the API token to change</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** The newest alert of a schedule's runs (the list is newest first): sent, waiting, or failing with its error. */
function LastAlert({ alert }: { alert: AlertDelivery | undefined }) {
  if (!alert) return null;
  if (alert.status === 'sent')
    return <div className="muted small">Last alert sent {formatTimestamp(alert.sentAt)}</div>;
  if (alert.status === 'failed' || alert.status === 'retrying')
    return (
      <div className="small warn">
        Alert {alert.status === 'failed' ? 'failed' : 'failing, retried'} ({alert.channel}): {alert.lastError}
      </div>
    );
  return <div className="muted small">Alert waiting since {formatTimestamp(alert.dueAt)}</div>;
}
