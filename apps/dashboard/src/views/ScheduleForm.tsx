import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { CreateScheduleBody, CvVersion, Schedule } from '@jobsearchai/api/contract';
import { ApiError } from '../api/client';

interface FieldErrors {
  search_term?: string;
  cv_key?: string;
  cron?: string;
  time_zone?: string;
  max_pages?: string;
  alert_threshold?: string;
  alert_delivery?: string;
}

type AlertDelivery = Schedule['alertDelivery'];
const DELIVERIES: { value: AlertDelivery; label: string }[] = [
  { value: 'run', label: 'After each run' },
  { value: 'digest', label: 'Daily digest' },
  { value: 'off', label: 'Off' },
];

/** The browser's own zone is the likeliest one the user thinks in. */
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Checks what the browser can; cron expressions and zones are judged by the API (its 400 names the field). */
export function validateScheduleInput(
  term: string,
  cvKey: string,
  cron: string,
  zone: string,
  pages: string,
  threshold = '8',
  delivery = 'run',
): FieldErrors {
  const errors: FieldErrors = {};
  if (!term.trim()) errors.search_term = 'Enter the search term, e.g. IT or data-analyst.';
  else if (!/^[^/?#\\\p{Cc}]+$/u.test(term.trim())) errors.search_term = 'The term must not contain /, ?, # or \\.';
  if (!cvKey) errors.cv_key = 'Choose a registered CV (one whose text is stored).';
  if (cron.trim().split(/\s+/).length < 5)
    errors.cron = 'Five fields: minute hour day month weekday, e.g. 0 7 * * 1-5.';
  if (!zone.trim()) errors.time_zone = 'Enter an IANA time zone, e.g. Europe/Zurich.';
  const n = Number(pages);
  if (!/^\d+$/.test(pages.trim()) || n < 1 || n > 50) errors.max_pages = 'A whole number from 1 to 50.';
  if (!/^\d+$/.test(threshold.trim()) || Number(threshold) > 10)
    errors.alert_threshold = 'A whole number from 0 to 10.';
  if (!DELIVERIES.some((d) => d.value === delivery))
    errors.alert_delivery = 'Choose after each run, daily digest or off.';
  return errors;
}

/** Creates a schedule, or edits `editing`; `save` sends the body and throws the API's problem. */
export function ScheduleForm({
  cvs,
  editing,
  save,
  onDone,
}: {
  cvs: CvVersion[];
  editing: Schedule | null;
  save: (body: CreateScheduleBody) => Promise<void>;
  onDone: () => void;
}) {
  const id = useId();
  const [term, setTerm] = useState(editing?.searchTerm ?? '');
  const [cvKey, setCvKey] = useState(editing?.cvKey ?? cvs[0]?.cvKey ?? '');
  const [cron, setCron] = useState(editing?.cron ?? '0 7 * * 1-5');
  const [zone, setZone] = useState(editing?.timeZone ?? LOCAL_ZONE);
  const [pages, setPages] = useState(String(editing?.maxPages ?? 10));
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const [threshold, setThreshold] = useState(String(editing?.alertThreshold ?? 8));
  const [delivery, setDelivery] = useState<AlertDelivery>(editing?.alertDelivery ?? 'run');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateScheduleInput(term, cvKey, cron, zone, pages, threshold, delivery);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await save({
        search_term: term.trim(),
        cv_key: cvKey,
        cron: cron.trim(),
        time_zone: zone.trim(),
        max_pages: Number(pages),
        enabled,
        alert_threshold: Number(threshold),
        alert_delivery: delivery,
      });
      onDone();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof FieldErrors, label: string, input: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {hint ? (
        <p className="muted small" id={`${id}-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p className="field-error" id={`${id}-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const describedBy = (name: keyof FieldErrors, hint = false) =>
    [hint ? `${id}-${name}-hint` : '', errors[name] ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form
      className="schedule-form"
      onSubmit={submit}
      noValidate
      aria-label={editing ? `Edit schedule ${editing.id}` : 'New schedule'}
    >
      {field(
        'search_term',
        'Search term',
        <input
          id={`${id}-search_term`}
          name="search_term"
          value={term}
          maxLength={100}
          aria-invalid={errors.search_term ? true : undefined}
          aria-describedby={describedBy('search_term')}
          onChange={(e) => setTerm(e.target.value)}
        />,
      )}
      {field(
        'cv_key',
        'CV',
        <select
          id={`${id}-cv_key`}
          name="cv_key"
          value={cvKey}
          aria-invalid={errors.cv_key ? true : undefined}
          aria-describedby={describedBy('cv_key')}
          onChange={(e) => setCvKey(e.target.value)}
        >
          {cvs.map((cv) => (
            <option key={cv.cvKey} value={cv.cvKey}>
              {cv.fileName} ({cv.cvKey})
            </option>
          ))}
        </select>,
      )}
      {field(
        'cron',
        'When (cron)',
        <input
          id={`${id}-cron`}
          name="cron"
          value={cron}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={errors.cron ? true : undefined}
          aria-describedby={describedBy('cron', true)}
          onChange={(e) => setCron(e.target.value)}
        />,
        'minute hour day month weekday; 0 7 * * 1-5 is 07:00 on weekdays.',
      )}
      {field(
        'time_zone',
        'Time zone',
        <input
          id={`${id}-time_zone`}
          name="time_zone"
          value={zone}
          spellCheck={false}
          aria-invalid={errors.time_zone ? true : undefined}
          aria-describedby={describedBy('time_zone')}
          onChange={(e) => setZone(e.target.value)}
        />,
      )}
      {field(
        'max_pages',
        'Max pages',
        <input
          id={`${id}-max_pages`}
          name="max_pages"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          value={pages}
          aria-invalid={errors.max_pages ? true : undefined}
          aria-describedby={describedBy('max_pages')}
          onChange={(e) => setPages(e.target.value)}
        />,
      )}
      {field(
        'alert_threshold',
        'Alert from score',
        <input
          id={`${id}-alert_threshold`}
          name="alert_threshold"
          type="number"
          inputMode="numeric"
          min={0}
          max={10}
          value={threshold}
          aria-invalid={errors.alert_threshold ? true : undefined}
          aria-describedby={describedBy('alert_threshold', true)}
          onChange={(e) => setThreshold(e.target.value)}
        />,
        'Matches new to the CV scoring this or more (0–10) are alerted.',
      )}
      {field(
        'alert_delivery',
        'Alerts',
        <select
          id={`${id}-alert_delivery`}
          name="alert_delivery"
          value={delivery}
          aria-invalid={errors.alert_delivery ? true : undefined}
          aria-describedby={describedBy('alert_delivery', true)}
          onChange={(e) => setDelivery(e.target.value as AlertDelivery)}
        >
          {DELIVERIES.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>,
        'Sent by the webhook and email the server is configured with; the digest goes out once a day in this time zone.',
      )}
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Add schedule'}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
      {failure ? (
        <div className="state state-error" role="alert">
          <h3>The API did not save this schedule</h3>
          <p>{failure.detail}</p>
        </div>
      ) : null}
    </form>
  );
}
