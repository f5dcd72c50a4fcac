import { useId, useState, type FormEvent } from 'react';

/** A server without API_TOKEN takes writes from its own machine; this marker stands in for a token then. */
export const NO_TOKEN = 'no-token';

export function TokenPanel({ token, onChange }: { token: string; onChange: (token: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState('');

  if (token) {
    return (
      <div className="token-set">
        <p>
          {token === NO_TOKEN
            ? 'Starting searches without a token (works only when the server has no API_TOKEN and runs on this machine).'
            : 'The API token is kept for this browser tab only.'}
        </p>
        <button type="button" className="button button-quiet" onClick={() => onChange('')}>
          {token === NO_TOKEN ? 'Enter a token instead' : 'Forget the token'}
        </button>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) onChange(draft.trim());
  };

  return (
    <form className="token-form" onSubmit={submit} aria-label="API token">
      <p id={`${id}-help`}>
        Starting a search changes data, so the API asks for its token (the server's <code>API_TOKEN</code>). It is kept
        in this browser tab only.
      </p>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${id}-token`}>API token</label>
          <input
            id={`${id}-token`}
            type="password"
            name="token"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            aria-describedby={`${id}-help`}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={!draft.trim()}>
          Use token
        </button>
        <button type="button" className="button button-quiet" onClick={() => onChange(NO_TOKEN)}>
          Server has no token
        </button>
      </div>
    </form>
  );
}
