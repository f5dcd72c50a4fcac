import { Link } from 'react-router';
import { api } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { formatCount, formatTimestamp } from '../lib/format';
import { DEFAULT_FILTERS, filtersToParams } from '../lib/match-filters';
import { useResource } from '../lib/use-resource';

export function CvVersionsView() {
  const cvs = useResource('cvs', (signal) => api.cvVersions(signal));
  return (
    <>
      <PageHeading title="CV versions" />
      <p className="lead">
        A CV version is identified by the first 16 hex characters of the SHA-256 of its file: any change to the file is
        a new version, and postings are evaluated again for it. Evaluations of older versions stay.
      </p>
      {cvs.state === 'error' ? (
        <ErrorState error={cvs.error} onRetry={cvs.reload} title="Could not load the CV versions" />
      ) : cvs.state === 'loading' ? (
        <Loading label="Loading CV versions…" />
      ) : cvs.data.items.length === 0 ? (
        <EmptyState title="No CV versions registered">
          <p>
            A CV is registered the first time a search uses it. Imported legacy evaluations carry only the key of their
            CV.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table stack-on-phone">
            <caption className="visually-hidden">Registered CV versions</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">File</th>
                <th scope="col">Registered (UTC)</th>
                <th scope="col" className="num">
                  Evaluations
                </th>
                <th scope="col">Text stored</th>
                <th scope="col">
                  <span className="visually-hidden">Matches</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cvs.data.items.map((cv) => (
                <tr key={cv.cvKey}>
                  <td data-label="Key">
                    <code>{cv.cvKey}</code>
                  </td>
                  <td data-label="File">
                    {cv.fileName}
                    <div className="muted small break" title={cv.filePath}>
                      {cv.filePath}
                    </div>
                  </td>
                  <td data-label="Registered">{formatTimestamp(cv.uploadDate) || '–'}</td>
                  <td data-label="Evaluations" className="num">
                    {formatCount(cv.evaluations)}
                  </td>
                  <td data-label="Text stored">{cv.hasText ? 'Yes' : 'No'}</td>
                  <td data-label="Matches">
                    <Link to={`/?${filtersToParams({ ...DEFAULT_FILTERS, cvKey: cv.cvKey }).toString()}`}>
                      Matches<span className="visually-hidden"> for CV {cv.cvKey}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
