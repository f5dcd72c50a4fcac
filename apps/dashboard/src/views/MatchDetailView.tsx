import { Link, useLocation, useParams } from 'react-router';
import { api } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { ScoreBadge } from '../components/ScoreBadge';
import { ErrorState, Loading } from '../components/States';
import { SubScoreChart } from '../components/SubScoreChart';
import { describeMatcher, formatTimestamp } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { ApplicationPanel } from './ApplicationPanel';
import { NotFoundView } from './NotFoundView';
import { PostingEvaluations } from './PostingEvaluations';
import { ScrapedData } from './ScrapedData';

/** Set by links from the matches table, so "Back" returns to the same filtered page. */
export interface FromMatchesState {
  matchesSearch?: string;
}

export function MatchDetailView() {
  const { id } = useParams();
  const numericId = /^[1-9]\d{0,15}$/.test(id ?? '') ? Number(id) : null;
  if (numericId === null) return <NotFoundView />;
  return <MatchDetailLoader id={numericId} />;
}

function MatchDetailLoader({ id }: { id: number }) {
  const location = useLocation();
  const back = (location.state as FromMatchesState | null)?.matchesSearch ?? '';
  const detail = useResource(`match-${id}`, (signal) => api.match(id, signal));

  const backLink = (
    <Link className="back-link" to={`/${back}`}>
      ← Back to the matches
    </Link>
  );

  if (detail.state === 'error') {
    return (
      <>
        {backLink}
        <PageHeading title={detail.error.status === 404 ? 'Match not found' : 'Match'} />
        <ErrorState
          error={detail.error}
          onRetry={detail.error.status === 404 ? undefined : detail.reload}
          title={detail.error.status === 404 ? 'There is no match with this id' : 'Could not load the match'}
        />
      </>
    );
  }
  if (detail.state === 'loading' || !detail.data) {
    return (
      <>
        {backLink}
        <Loading label="Loading the match…" />
      </>
    );
  }
  const { match, otherEvaluations } = detail.data;
  return (
    <>
      {backLink}
      <PageHeading title={match.jobTitle?.trim() || 'Untitled posting'}>
        <a className="button" href={match.jobUrl} target="_blank" rel="noopener noreferrer">
          Open posting<span className="visually-hidden"> (opens in a new tab)</span> ↗
        </a>
      </PageHeading>
      <p className="subtitle">
        {[
          match.companyName,
          match.location,
          match.postingDate && match.postingDate !== 'N/A' ? `posted ${match.postingDate}` : null,
          match.salaryRange && match.salaryRange !== 'N/A' ? match.salaryRange : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <div className="detail-grid">
        <section className="card" aria-labelledby="scores-heading">
          <h2 id="scores-heading">Scores</h2>
          <div className="overall">
            <span className="overall-label">Overall</span>
            <ScoreBadge score={match.overallMatch} />
            <span className="overall-label">Location</span>
            <LocationBadge value={match.locationCompatibility} />
          </div>
          {match.evaluationStatus === 'failed' ? (
            <p className="notice">
              This evaluation failed; the next run of this search term evaluates the posting again.
            </p>
          ) : (
            <SubScoreChart match={match} />
          )}
        </section>
        <section className="card" aria-labelledby="about-heading">
          <h2 id="about-heading">Evaluation</h2>
          <dl className="facts">
            <dt>Search term</dt>
            <dd>{match.searchTerm}</dd>
            <dt>CV version</dt>
            <dd>
              <code>{match.cvKey}</code>
            </dd>
            <dt>Matched</dt>
            <dd>{formatTimestamp(match.matchedAt)} UTC</dd>
            <dt>Scored by</dt>
            <dd>{describeMatcher(match)}</dd>
            {match.runId !== null ? (
              <>
                <dt>Run</dt>
                <dd>
                  <Link to={`/runs/${match.runId}`}>Run #{match.runId}</Link>
                </dd>
              </>
            ) : null}
            <dt>Posting URL</dt>
            <dd className="break">{match.jobUrl}</dd>
          </dl>
        </section>
      </div>
      <ApplicationPanel matchId={match.id} />
      <section className="card" aria-labelledby="reasoning-heading">
        <h2 id="reasoning-heading">Reasoning</h2>
        {match.reasoning?.trim() ? (
          <p className="reasoning">{match.reasoning}</p>
        ) : (
          <p className="muted">No reasoning was stored.</p>
        )}
      </section>
      <PostingEvaluations shown={match} others={otherEvaluations} back={back} />
      <section className="card" aria-labelledby="scraped-heading">
        <h2 id="scraped-heading">Scraped posting</h2>
        <ScrapedData data={match.scrapedData} />
      </section>
    </>
  );
}

function LocationBadge({ value }: { value: string | null }) {
  const text = value?.trim() || 'Unknown';
  const kind = /^yes$/i.test(text) ? 'yes' : /^no$/i.test(text) ? 'no' : 'unknown';
  return <span className={`badge badge-location-${kind}`}>{text}</span>;
}
