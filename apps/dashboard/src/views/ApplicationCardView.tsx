import { type KeyboardEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import type { ApplicationCard, ApplicationStatus } from '@jobsearchai/api/contract';
import { ScoreBadge } from '../components/ScoreBadge';
import { CARD_TYPE, STATUS_LABELS, STATUS_ORDER, titleOf } from '../lib/application-status';

interface Props {
  card: ApplicationCard;
  onMove: (card: ApplicationCard, status: ApplicationStatus) => Promise<void>;
  onSaveNotes: (card: ApplicationCard, notes: string) => Promise<boolean>;
  onDragEnd: () => void;
}

/**
 * One posting on the board. The card itself takes the focus: the left and right arrow keys move
 * it to the previous or next column; its "Move to" list and notes work with any input.
 */
export function ApplicationCardView({ card, onMove, onSaveNotes, onDragEnd }: Props) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(card.notes ?? '');
  const [saving, setSaving] = useState(false);
  const title = titleOf(card);
  const index = STATUS_ORDER.indexOf(card.status);

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    // Arrow keys inside the list or the notes keep their own meaning.
    if (event.target !== event.currentTarget) return;
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target = STATUS_ORDER[index + step];
    if (step === 0 || !target) return;
    event.preventDefault();
    void onMove(card, target);
  };

  return (
    <li
      className="board-card"
      data-match-id={card.matchId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the card is the keyboard handle of its drag and drop (arrow keys move it).
      tabIndex={0}
      aria-label={`${title}, ${STATUS_LABELS[card.status]}`}
      aria-describedby={`${id}-hint`}
      // Not while its notes are edited: a drag would take over selecting text in the textarea.
      draggable={!editing}
      onDragStart={(event) => {
        event.dataTransfer.setData(CARD_TYPE, String(card.matchId));
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragEnd={onDragEnd}
      onKeyDown={onKeyDown}
    >
      <span id={`${id}-hint`} className="visually-hidden">
        Left and right arrow keys move the card to the previous or next column.
      </span>
      <h3 className="board-card-title">
        <Link to={`/matches/${card.matchId}`}>{title}</Link>
      </h3>
      <p className="muted small board-card-where">{[card.company, card.location].filter(Boolean).join(' · ')}</p>
      <p className="board-card-meta">
        <ScoreBadge score={card.bestScore} />
        <span className="small">{card.searchTerms.join(', ')}</span>
      </p>
      {card.notes && !editing ? <p className="board-card-notes">{card.notes}</p> : null}
      {editing ? (
        <form
          className="board-card-notes-form"
          onSubmit={async (event) => {
            event.preventDefault();
            setSaving(true);
            const saved = await onSaveNotes(card, draft);
            setSaving(false);
            if (saved) setEditing(false);
          }}
        >
          <label htmlFor={`${id}-notes`}>Notes for {title}</label>
          <textarea id={`${id}-notes`} rows={4} value={draft} onChange={(event) => setDraft(event.target.value)} />
          <div className="row-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              Save notes
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setDraft(card.notes ?? '');
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <div className="board-card-actions">
        <label className="visually-hidden" htmlFor={`${id}-move`}>
          Move “{title}” to
        </label>
        <select
          id={`${id}-move`}
          value={card.status}
          onChange={(event) => void onMove(card, event.target.value as ApplicationStatus)}
        >
          {STATUS_ORDER.map((status) => (
            <option key={status} value={status}>
              {status === card.status ? STATUS_LABELS[status] : `Move to ${STATUS_LABELS[status]}`}
            </option>
          ))}
        </select>
        {editing ? null : (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setDraft(card.notes ?? '');
              setEditing(true);
            }}
          >
            {card.notes ? 'Edit notes' : 'Add notes'}
            <span className="visually-hidden"> for “{title}”</span>
          </button>
        )}
      </div>
    </li>
  );
}
