/** A posting as it appears on a results page, before its detail page is fetched. */
export interface JobPostingSummary {
  /** Absolute URL as linked by the board (not yet normalised for the dedup key). */
  url: string;
  title: string;
  company?: string;
  location?: string;
  postingDate?: string;
  /** Legacy name: on ostjob this is usually a workload such as "80-100%". */
  salaryRange?: string;
  snippet?: string;
}

/**
 * `empty`: the board says there are no (more) results. `blocked`: the board answered with a
 * block or captcha page instead of results; the caller should stop rather than read it as "no
 * postings".
 */
export type ResultsPageStatus = 'ok' | 'empty' | 'blocked';

export interface ResultsPage {
  term: string;
  page: number;
  /** The listing URL that was requested. */
  url: string;
  status: ResultsPageStatus;
  postings: JobPostingSummary[];
}

export interface JobPostingDetails extends JobPostingSummary {
  description?: string;
  skills?: string[];
  /**
   * Everything scraped, with the legacy scraper's Title Case keys ('Job Title', 'Company Name',
   * 'Job Description', 'Required Skills', 'Location', 'Salary Range', 'Posting Date',
   * 'Application URL'), so it can be stored as `scraped_data` that old code still reads.
   */
  raw: Record<string, unknown>;
}

export interface FetchOptions {
  signal?: AbortSignal;
}

export interface JobSource {
  readonly name: string;
  fetchPage(term: string, page: number, options?: FetchOptions): Promise<ResultsPage>;
  fetchDetails(url: string, options?: FetchOptions): Promise<JobPostingDetails>;
}
