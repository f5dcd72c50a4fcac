import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ApplicationBoard, ApplicationCard, ApplicationStatus } from '@jobsearchai/api/contract';
import { api, ApiError } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { readToken, storeToken } from '../lib/api-token';
import { CARD_TYPE, STATUS_LABELS, titleOf, writeFailureMessage } from '../lib/application-status';
import { useResource } from '../lib/use-resource';
import '../styles/applications.css';
import { ApplicationCardView } from './ApplicationCardView';
import { NO_TOKEN, TokenPanel } from './TokenPanel';

/** The application board: a column per status, one card per posting and CV; cards move by drag and drop or keyboard. */
export function ApplicationsView() {
  const [params, setParams] = useSearchParams();
  const cvKey = params.get('cv_key') ?? '';
  const [token, setToken] = useState(readToken);
  const [version, setVersion] = useState(0);
  const cvs = useResource('cvs', (signal) => api.cvVersions(signal));
  const remote = useResource(`board-${cvKey}-${version}`, (signal) =>
    api.applicationBoard(cvKey ? { cv_key: cvKey } : {}, signal),
  );
  const [board, setBoard] = useState<ApplicationBoard | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<number | null>(null);
  const [dropTarget, setDropTarget] = useState<ApplicationStatus | null>(null);
  const cvSelectId = useId();

  useEffect(() => {
    if (remote.data) setBoard(remote.data);
  }, [remote.data]);

  // After a move the card is rendered in its new column: give it the focus back there.
  useEffect(() => {
    if (focusId === null) return;
    document.querySelector<HTMLElement>(`[data-match-id="${focusId}"]`)?.focus();
    setFocusId(null);
  }, [focusId]);

  const saveToken = (value: string) => {
    storeToken(value);
    setToken(value);
  };

  /** Sends one change of a card; true when it was stored. */
  const write = async (card: ApplicationCard, change: { status: ApplicationStatus; notes?: string | null }) => {
    setFailure(null);
    if (!token) {
      setFailure('Enter the API token above (or choose "Server has no token") to change statuses and notes.');
      return false;
    }
    try {
      const saved = await api.setApplication(
        card.matchId,
        { ...change, expectedUpdatedAt: card.updatedAt },
        token === NO_TOKEN ? '' : token,
      );
      const next: ApplicationCard = { ...card, status: saved.status, notes: saved.notes, updatedAt: saved.updatedAt };
      setBoard((current) => (current ? placeCard(current, card, next) : current));
      return true;
    } catch (error) {
      setFailure(writeFailureMessage(error));
      if (error instanceof ApiError && error.status === 409) setVersion((v) => v + 1);
      return false;
    }
  };

  const move = async (card: ApplicationCard, status: ApplicationStatus) => {
    if (status === card.status) return;
    const title = titleOf(card);
    if (await write(card, { status })) {
      setAnnouncement(`Moved “${title}” from ${STATUS_LABELS[card.status]} to ${STATUS_LABELS[status]}.`);
      setFocusId(card.matchId);
    } else {
      setAnnouncement(`“${title}” was not moved.`);
    }
  };

  const saveNotes = async (card: ApplicationCard, notes: string) => {
    const saved = await write(card, { status: card.status, notes });
    setAnnouncement(saved ? `Notes saved for “${titleOf(card)}”.` : `The notes for “${titleOf(card)}” were not saved.`);
    return saved;
  };

  const cvItems = cvs.data?.items ?? [];
  const findCard = (matchId: number) =>
    board?.columns.flatMap((column) => column.cards).find((card) => card.matchId === matchId);

  return (
    <>
      <PageHeading title="Applications" />
      <p className="lead">
        Track where you stand with each posting. A status belongs to the posting for one CV, whichever search terms
        found it. Drag a card to another column, or focus it and press the left or right arrow key, or pick a status in
        its “Move to” list.
      </p>
      <section className="card" aria-labelledby="board-settings-heading">
        <h2 id="board-settings-heading">Changes</h2>
        <TokenPanel token={token} onChange={saveToken} />
        {cvItems.length > 1 ? (
          <div className="field board-cv">
            <label htmlFor={cvSelectId}>CV version</label>
            <select
              id={cvSelectId}
              value={cvKey}
              onChange={(event) => {
                const next = new URLSearchParams(params);
                if (event.target.value) next.set('cv_key', event.target.value);
                else next.delete('cv_key');
                setParams(next);
              }}
            >
              <option value="">All CV versions</option>
              {cvItems.map((cv) => (
                <option key={cv.cvKey} value={cv.cvKey}>
                  {cv.fileName} ({cv.cvKey})
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </section>
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="board-announcement">
        {announcement}
      </div>
      {failure ? (
        <div className="state state-error board-failure" role="alert">
          <h2>The change was not saved</h2>
          <p>{failure}</p>
        </div>
      ) : null}
      {remote.error && !board ? (
        <ErrorState error={remote.error} onRetry={remote.reload} title="Could not load the board" />
      ) : !board ? (
        <Loading label="Loading the board…" />
      ) : board.columns.every((column) => column.total === 0) ? (
        <EmptyState title="No postings to track yet">
          <p>Postings appear here once a search has matched them: start one under Runs, or import legacy results.</p>
        </EmptyState>
      ) : (
        <>
          <nav className="board-jump" aria-label="Board columns">
            <ul>
              {board.columns.map((column) => (
                <li key={column.status}>
                  <a href={`#board-column-${column.status}`}>
                    {STATUS_LABELS[column.status]} <span className="board-count">{column.total}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="board" aria-busy={remote.state === 'loading'}>
            {board.columns.map((column) => {
              const headingId = `board-column-${column.status}`;
              return (
                <section
                  key={column.status}
                  className={`board-column${dropTarget === column.status ? ' board-column-target' : ''}`}
                  aria-labelledby={headingId}
                  data-status={column.status}
                  onDragOver={(event) => {
                    if (!event.dataTransfer.types.includes(CARD_TYPE)) return;
                    event.preventDefault();
                    event.dataTransfer.dropEffect = 'move';
                    setDropTarget(column.status);
                  }}
                  onDragLeave={(event) => {
                    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget(null);
                  }}
                  onDrop={(event) => {
                    event.preventDefault();
                    setDropTarget(null);
                    const card = findCard(Number(event.dataTransfer.getData(CARD_TYPE)));
                    if (card) void move(card, column.status);
                  }}
                >
                  <h2 id={headingId} className="board-column-heading">
                    {STATUS_LABELS[column.status]}{' '}
                    <span className="board-count">
                      {column.status === 'MATCHED' && column.total > column.cards.length
                        ? `${column.cards.length} of ${column.total}`
                        : column.total}
                    </span>
                  </h2>
                  {column.status === 'MATCHED' && column.total > column.cards.length ? (
                    <p className="muted small">The best-scored untracked postings; the Matches list has them all.</p>
                  ) : null}
                  {column.cards.length === 0 ? (
                    <p className="muted small board-empty">No postings.</p>
                  ) : (
                    <ul className="board-cards">
                      {column.cards.map((card) => (
                        <ApplicationCardView
                          key={card.matchId}
                          card={card}
                          onMove={move}
                          onSaveNotes={saveNotes}
                          onDragEnd={() => setDropTarget(null)}
                        />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}

/** The board after `before` became `after`: out of its column, at the top of the new one. */
function placeCard(board: ApplicationBoard, before: ApplicationCard, after: ApplicationCard): ApplicationBoard {
  return {
    ...board,
    columns: board.columns.map((column) => {
      const cards = column.cards.filter((card) => card.matchId !== before.matchId);
      let total = column.total;
      if (column.status === before.status) total -= 1;
      if (column.status === after.status) {
        cards.unshift(after);
        total += 1;
      }
      // Same column (notes changed): the card stays where it was.
      if (column.status === before.status && column.status === after.status) {
        return { ...column, cards: column.cards.map((card) => (card.matchId === before.matchId ? after : card)) };
      }
      return { ...column, cards, total };
    }),
  };
}
