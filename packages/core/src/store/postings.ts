import type { SqlDriver } from '../db/sql-driver.js';
import { nowIso } from '../time.js';
import { parseJsonText } from './match-columns.js';
import type { PostingInput, PostingRecord } from './types.js';

/**
 * Remembers every scraped posting, evaluated or not (the legacy system forgot postings it
 * scraped but did not evaluate). Known fields are kept when a later scrape lacks them.
 */
export async function upsertPostings(driver: SqlDriver, postings: readonly PostingInput[]): Promise<void> {
  if (postings.length === 0) return;
  const now = nowIso();
  await driver.transaction(async (tx) => {
    for (const p of postings) {
      await tx.execute(
        `INSERT INTO job_postings (url, title, company_name, location, posting_date, salary_range, description, skills, raw_data, source, first_seen_at, last_seen_at, details_fetched_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET
           title = COALESCE(excluded.title, job_postings.title),
           company_name = COALESCE(excluded.company_name, job_postings.company_name),
           location = COALESCE(excluded.location, job_postings.location),
           posting_date = COALESCE(excluded.posting_date, job_postings.posting_date),
           salary_range = COALESCE(excluded.salary_range, job_postings.salary_range),
           description = COALESCE(excluded.description, job_postings.description),
           skills = COALESCE(excluded.skills, job_postings.skills),
           raw_data = COALESCE(excluded.raw_data, job_postings.raw_data),
           source = COALESCE(excluded.source, job_postings.source),
           last_seen_at = excluded.last_seen_at,
           details_fetched_at = COALESCE(excluded.details_fetched_at, job_postings.details_fetched_at)`,
        [
          p.url,
          p.title ?? null,
          p.companyName ?? null,
          p.location ?? null,
          p.postingDate ?? null,
          p.salaryRange ?? null,
          p.description ?? null,
          p.skills ? JSON.stringify(p.skills) : null,
          p.rawData === undefined ? null : JSON.stringify(p.rawData),
          p.source ?? null,
          now,
          now,
          p.detailsFetched ? now : null,
        ],
      );
    }
  });
}

type PostingRow = {
  url: string;
  title: string | null;
  company_name: string | null;
  location: string | null;
  posting_date: string | null;
  salary_range: string | null;
  description: string | null;
  skills: string | null;
  raw_data: string | null;
  source: string | null;
  first_seen_at: string;
  last_seen_at: string;
  details_fetched_at: string | null;
};

export async function getPostings(driver: SqlDriver, urls: readonly string[]): Promise<Map<string, PostingRecord>> {
  const result = new Map<string, PostingRecord>();
  if (urls.length === 0) return result;
  const rows = await driver.query<PostingRow>(
    `SELECT * FROM job_postings WHERE url IN (${urls.map(() => '?').join(', ')})`,
    [...urls],
  );
  for (const row of rows) {
    const skills = parseJsonText(row.skills);
    result.set(row.url, {
      url: row.url,
      title: row.title,
      companyName: row.company_name,
      location: row.location,
      postingDate: row.posting_date,
      salaryRange: row.salary_range,
      description: row.description,
      skills: Array.isArray(skills) ? skills.map(String) : null,
      rawData: parseJsonText(row.raw_data),
      source: row.source,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      detailsFetchedAt: row.details_fetched_at,
    });
  }
  return result;
}
