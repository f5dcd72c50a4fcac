import type { Installation } from './installation.js';

/**
 * Legacy `job_matches_YYYYMMDD_HHMMSS.json` files as the Python matcher wrote them (DOMAIN.md §3):
 * arrays of match records, snake_case from the matcher or Title Case from the scraper, with a
 * Markdown report of the same stem beside each file.
 */

const FIRST_ID = 1_050_000;

/** Canonical URL of legacy posting `n`. */
export function legacyUrl(n: number, slug = 'informatiker-in-efz'): string {
  return `https://www.ostjob.ch/job/${slug}/${FIRST_ID + n}`;
}

/** A snake_case record with an absolute URL, as newer legacy files have them. */
export function snakeCaseRecord(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_title: `Informatiker/in EFZ ${n}`,
    company_name: `Muster ${n} AG`,
    location: '9000 St. Gallen',
    job_description: `Sie betreuen die Informatik von Muster ${n}.`,
    application_url: legacyUrl(n),
    overall_match: (n % 10) + 1,
    skills_match: 7,
    experience_match: 8,
    education_fit: 9,
    career_trajectory_alignment: 7,
    preference_match: 8,
    potential_satisfaction: 8,
    location_compatibility: 'Yes',
    reasoning: `Die Stelle ${n} passt gut zum Profil: Erfahrung mit TypeScript und SQL.`,
    cv_path: 'input/Lebenslauf.pdf',
    url_migrated: true,
    ...overrides,
  };
}

/** Title Case posting keys from the scraper, a relative URL and scores as strings, as older files have them. */
export function titleCaseRecord(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'Job Title': `Business Analyst ${n}`,
    'Company Name': `Beispiel ${n} GmbH`,
    Location: '8001 Zürich',
    'Job Description': `Analyse der Geschäftsprozesse bei Beispiel ${n}.`,
    'Required Skills': 'SQL, BPMN, Kommunikation',
    'Salary Range': '80-100%',
    'Posting Date': '02.11.2025',
    'Application URL': new URL(legacyUrl(n, 'business-analyst')).pathname,
    overall_match: String((n % 10) + 1),
    skills_match: '6',
    experience_match: '7',
    location_compatibility: 'Unknown',
    reasoning: `Analyst ${n}: das Profil deckt die Anforderungen teilweise ab.`,
    ...overrides,
  };
}

/** How the legacy matcher stored an evaluation that failed: score 0 and a fixed reasoning. */
export function failedRecord(n: number): Record<string, unknown> {
  return snakeCaseRecord(n, {
    overall_match: 0,
    skills_match: 0,
    experience_match: 0,
    reasoning: 'Error evaluating match',
  });
}

/** Writes `job_matches/job_matches_<stamp>.json` (stamp `YYYYMMDD_HHMMSS`) and its Markdown report. */
export async function writeMatchFile(
  install: Installation,
  stamp: string,
  records: unknown[],
  folder = 'job_matches',
): Promise<string> {
  await install.write(`${folder}/job_matches_${stamp}.md`, `# Job matches ${stamp}\n\n${records.length} matches.\n`);
  return install.write(`${folder}/job_matches_${stamp}.json`, records);
}
