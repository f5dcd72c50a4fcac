/**
 * CSS classes of the ostjob-style markup. The demo board renders exactly these classes and the
 * ostjob preset selects them, so the two can never drift apart.
 */
export const OSTJOB_CLASSES = {
  resultList: 'job-list',
  card: 'job-item',
  title: 'job-title',
  link: 'job-link',
  company: 'job-company',
  location: 'job-location',
  workload: 'job-workload',
  date: 'job-date',
  snippet: 'job-snippet',
  noResults: 'no-results',
  pagination: 'pagination',
  detail: 'job-detail',
  detailTitle: 'job-detail-title',
  detailCompany: 'job-detail-company',
  detailLocation: 'job-detail-location',
  detailWorkload: 'job-detail-workload',
  detailDate: 'job-detail-date',
  detailDescription: 'job-detail-description',
  detailSkills: 'job-detail-skills',
  apply: 'job-apply',
  captcha: 'captcha-challenge',
} as const;

export type OstjobClass = keyof typeof OSTJOB_CLASSES;

/** Phrase of the board's "no results" message. */
export const OSTJOB_NO_RESULTS_TEXT = 'Keine passenden Stellen gefunden';
/** Phrase of the board's captcha page. */
export const OSTJOB_CAPTCHA_TEXT = 'kein Roboter';
