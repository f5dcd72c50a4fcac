import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../util/random.js';
import { realisticRow } from '../query/realistic-rows.js';

export interface LegacyFilesOptions {
  dir: string;
  records: number;
  /** A legacy matching run wrote one file of ≤ 100 records (10 pages × 10 postings). */
  recordsPerFile: number;
  seed: number;
}

export interface LegacyFilesResult {
  dir: string;
  files: number;
  records: number;
  bytes: number;
  /** Records repeating a URL of an earlier file (the legacy code evaluated them again). */
  repeatedUrls: number;
  failedEvaluations: number;
}

const FIRST_FILE_MS = Date.UTC(2025, 2, 3, 7, 15, 0);
const HOUR_MS = 3_600_000;

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * Writes `records` legacy match records across `job_matches_YYYYMMDD_HHMMSS.json` files (with
 * the Markdown report the legacy code wrote beside each), in the shapes of DOMAIN.md §3: snake_case
 * matcher records, older files with relative URLs, Title Case scraper keys, failed evaluations
 * (score 0, "Error evaluating match"), "N/A" strings, scores as strings and extra keys. About a
 * tenth of the records repeat a posting of an earlier file.
 */
export function writeLegacyFiles(options: LegacyFilesOptions): LegacyFilesResult {
  mkdirSync(options.dir, { recursive: true });
  const random = new Random(options.seed);
  const result: LegacyFilesResult = {
    dir: options.dir,
    files: 0,
    records: 0,
    bytes: 0,
    repeatedUrls: 0,
    failedEvaluations: 0,
  };
  const fileCount = Math.ceil(options.records / options.recordsPerFile);
  let nextPosting = 0;
  for (let f = 0; f < fileCount; f++) {
    const count = Math.min(options.recordsPerFile, options.records - result.records);
    // Older installations linked relative URLs; later files absolute ones.
    const relativeUrls = f < fileCount * 0.15;
    const records: Record<string, unknown>[] = [];
    for (let r = 0; r < count; r++) {
      const repeat = nextPosting > 200 && random.chance(0.1);
      const posting = repeat ? random.int(Math.max(0, nextPosting - 200), nextPosting - 1) : nextPosting++;
      if (repeat) result.repeatedUrls++;
      const record = legacyRecord(posting, random, relativeUrls);
      if (record.overall_match === 0) result.failedEvaluations++;
      records.push(record);
    }
    const name = `job_matches_${stamp(FIRST_FILE_MS + f * 12 * HOUR_MS)}`;
    const text = JSON.stringify(records, null, 2);
    writeFileSync(join(options.dir, `${name}.json`), text);
    writeFileSync(join(options.dir, `${name}.md`), `# Job matches ${name}\n\n${count} matches.\n`);
    result.files++;
    result.records += count;
    result.bytes += Buffer.byteLength(text);
  }
  return result;
}

function legacyRecord(
  posting: number,
  random: Random,
  relativeUrl: boolean,
): Record<string, unknown> & { overall_match?: unknown } {
  // The posting's text comes from the query data set's generator (row 2·posting is its first row).
  const row = realisticRow(posting * 2);
  const scraped = row.scrapedData as Record<string, unknown>;
  const url = relativeUrl ? new URL(row.jobUrl).pathname : row.jobUrl;
  const failed = random.chance(0.02);
  const score = (value: number | null | undefined) => (failed ? 0 : random.chance(0.05) ? String(value) : value);
  if (random.chance(0.1)) {
    // A scraper-shaped record: Title Case posting keys, matcher scores added.
    return {
      'Job Title': scraped['Job Title'],
      'Company Name': scraped['Company Name'],
      'Job Description': scraped['Job Description'],
      'Required Skills': scraped['Required Skills'],
      Location: scraped.Location,
      'Salary Range': random.chance(0.3) ? 'N/A' : scraped['Salary Range'],
      'Posting Date': scraped['Posting Date'],
      'Application URL': url,
      overall_match: score(row.overallMatch),
      skills_match: score(row.skillsMatch),
      experience_match: score(row.experienceMatch),
      location_compatibility: row.locationCompatibility,
      reasoning: failed ? 'Error evaluating match' : row.reasoning,
    };
  }
  return {
    job_title: row.jobTitle,
    company_name: row.companyName,
    location: row.location,
    job_description: scraped['Job Description'],
    application_url: url,
    overall_match: score(row.overallMatch),
    skills_match: score(row.skillsMatch),
    experience_match: score(row.experienceMatch),
    education_fit: score(row.educationFit),
    career_trajectory_alignment: score(row.careerTrajectoryAlignment),
    preference_match: score(row.preferenceMatch),
    potential_satisfaction: score(row.potentialSatisfaction),
    location_compatibility: row.locationCompatibility,
    reasoning: failed ? 'Error evaluating match' : row.reasoning,
    cv_path: 'input/Lebenslauf_2025.pdf',
    ...(random.chance(0.6) ? { url_migrated: true } : {}),
    ...(random.chance(0.2) ? { salary_range: 'N/A', posting_date: row.postingDate } : {}),
  };
}
