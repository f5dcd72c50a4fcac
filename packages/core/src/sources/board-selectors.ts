/**
 * Identifies a kind of page: by an element that only that page has, or by a phrase in its
 * text (matched case-insensitively). Either one matching is enough.
 */
export interface PageMarker {
  selector?: string;
  text?: string;
}

/** CSS selectors (cheerio) for a posting's detail page, relative to the document. */
export interface DetailSelectors {
  /** Falls back to the first `h1`, then `<title>`. */
  title?: string;
  company?: string;
  location?: string;
  /** Required: a detail page without it means the markup changed. */
  description: string;
  /** Several matches are one skill each; a single match is split at commas. */
  skills?: string;
  salaryRange?: string;
  postingDate?: string;
}

/** CSS selectors for a board. Card-level fields are relative to `card`. */
export interface BoardSelectors {
  /** One element per posting on a results page. */
  card: string;
  title: string;
  /** The anchor whose `href` is the posting URL; may be the card itself. */
  link: string;
  company?: string;
  location?: string;
  postingDate?: string;
  salaryRange?: string;
  snippet?: string;
  detail: DetailSelectors;
  /**
   * The board's "no results" message. When set, a results page with no cards and without this
   * marker is treated as changed markup (an error) instead of an empty page, so a run never
   * silently sees 0 postings.
   */
  emptyMarker?: PageMarker;
  /** A block or captcha page served with status 200 (common phrases are recognised anyway). */
  blockPage?: PageMarker;
}
