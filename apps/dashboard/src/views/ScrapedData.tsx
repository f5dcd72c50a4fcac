import { withContentKeys } from '../lib/content-keys';

/**
 * The posting as it was scraped. Rows come in two shapes (the scraper's Title Case keys or a whole
 * legacy match record in snake_case), and legacy rows may hold plain text, so nothing is assumed
 * beyond "JSON of some kind".
 */

const LONG_TEXT = 160;

export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <span className="muted">–</span>;
  if (typeof value === 'string') {
    if (/^https?:\/\//.test(value) && !/\s/.test(value)) {
      return (
        <a href={value} target="_blank" rel="noopener noreferrer" className="break">
          {value}
        </a>
      );
    }
    return <span className={value.length > LONG_TEXT || value.includes('\n') ? 'long-text' : undefined}>{value}</span>;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return <>{String(value)}</>;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.length === 0 ? (
      <span className="muted">–</span>
    ) : (
      <ul className="chips">
        {withContentKeys(value, String).map(({ key, item }) => (
          <li key={key} className="chip">
            {String(item)}
          </li>
        ))}
      </ul>
    );
  }
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function ScrapedData({ data }: { data: unknown }) {
  const isRecord = typeof data === 'object' && data !== null && !Array.isArray(data);
  return (
    <>
      {isRecord ? (
        Object.keys(data).length === 0 ? (
          <p className="muted">Nothing was stored for this posting.</p>
        ) : (
          <dl className="facts facts-wide">
            {Object.entries(data as Record<string, unknown>).map(([key, value]) => (
              <div key={key} className="fact">
                <dt>{humanizeKey(key)}</dt>
                <dd>
                  <Value value={value} />
                </dd>
              </div>
            ))}
          </dl>
        )
      ) : (
        <Value value={data} />
      )}
      <details className="raw">
        <summary>Raw JSON</summary>
        <pre className="json">{typeof data === 'string' ? data : JSON.stringify(data, null, 2)}</pre>
      </details>
    </>
  );
}
