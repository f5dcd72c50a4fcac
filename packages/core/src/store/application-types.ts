import type { ApplicationStatus } from '../applications.js';

/** A posting as the tracker keys it: one canonical job URL for one CV, across every search term. */
export interface PostingKey {
  jobUrl: string;
  cvKey: string;
}

/** One change of a posting's status or notes. */
export interface ApplicationHistoryEntry {
  id: number;
  fromStatus: ApplicationStatus;
  toStatus: ApplicationStatus;
  /** True when the change set the notes; `notes` then holds them (null: cleared). */
  notesChanged: boolean;
  notes: string | null;
  /** UTC ISO-8601. */
  changedAt: string;
}

/** A posting's application: MATCHED with no notes and no timestamps until someone tracks it. */
export interface ApplicationRecord extends PostingKey {
  status: ApplicationStatus;
  notes: string | null;
  /** As stored: legacy rows hold SQLite's `YYYY-MM-DD HH:MM:SS`, new ones ISO-8601; null when untracked. */
  createdAt: string | null;
  /** The value a later write passes back as `expectedUpdatedAt`. */
  updatedAt: string | null;
  /** Newest first. */
  history: ApplicationHistoryEntry[];
}

export interface ApplicationUpdate extends PostingKey {
  /** Omitted: the status stays. */
  status?: ApplicationStatus;
  /** Omitted: the notes stay; null or '' clears them. */
  notes?: string | null;
  /**
   * The `updatedAt` the writer last saw (null: it saw an untracked posting). When the posting
   * changed since, the write fails with CONFLICT and changes nothing.
   */
  expectedUpdatedAt?: string | null;
}

/** One posting on the board: a card. */
export interface ApplicationCard extends PostingKey {
  /** The best-scored evaluation's id, for links to the match. */
  matchId: number;
  title: string | null;
  company: string | null;
  location: string | null;
  /** The best score over its search terms; null when every evaluation failed. */
  bestScore: number | null;
  searchTerms: string[];
  status: ApplicationStatus;
  notes: string | null;
  updatedAt: string | null;
}

export interface ApplicationColumn {
  status: ApplicationStatus;
  /** Postings with this status; more than `cards.length` only for MATCHED, which is limited. */
  total: number;
  cards: ApplicationCard[];
}

export interface ApplicationBoardFilter {
  /** Only this CV's postings; all CVs when omitted. */
  cvKey?: string;
  /** Cards in the MATCHED column, best-scored first (default 50). */
  matchedLimit?: number;
}

export interface ApplicationBoard {
  cvKey: string | null;
  matchedLimit: number;
  /** One per status, in the tracker's order. */
  columns: ApplicationColumn[];
}
