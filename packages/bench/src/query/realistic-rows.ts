import { slugify } from '@jobsearchai/core/demo-board';
import type { MatchInput } from '@jobsearchai/core';
import { Random } from '../util/random.js';
import {
  COMPANY_KINDS,
  COMPANY_STEMS,
  CV_KEYS,
  DESCRIPTION_SENTENCES,
  LOCATIONS,
  REASONING_SENTENCES,
  SEARCH_TERMS,
  SKILLS,
  TITLES,
  WORKLOADS,
} from './vocabulary.js';

/**
 * A deterministic data set of job_matches rows shaped like a real installation's (~2.3 KB each):
 * German reasoning of 500–1200 characters, the scraped posting as Title Case JSON, integer scores
 * 1–10, mixed optional fields. Every posting is stored under two (search term, cv_key) pairs —
 * the same URL under two terms is common in legacy databases.
 */
const FIRST_POSTING_ID = 1_000_001;
const PAIRS = SEARCH_TERMS.length * CV_KEYS.length;
const DAY_MS = 86_400_000;
/** A million rows span one year from here, oldest first; smaller sets span a part of it. */
const FIRST_MATCH = Date.UTC(2025, 10, 20);
const MS_PER_ROW = (365 * DAY_MS) / 1_000_000;

export interface RowKey {
  jobUrl: string;
  searchTerm: string;
  cvKey: string;
}

function mix(n: number): number {
  let x = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

function pairOf(row: number): number {
  const posting = Math.floor(row / 2);
  const first = mix(posting) % PAIRS;
  // The second row of a posting takes a different pair, so the key stays unique.
  return row % 2 === 0 ? first : (first + 1 + (mix(posting + 0x9e3779b9) % (PAIRS - 1))) % PAIRS;
}

const slugs = new Map<string, string>();

function slug(title: string): string {
  let cached = slugs.get(title);
  if (cached === undefined) {
    cached = slugify(title);
    slugs.set(title, cached);
  }
  return cached;
}

function titleOf(posting: number): string {
  return TITLES[mix(posting ^ 0x5bd1e995) % TITLES.length]!;
}

export function postingUrl(posting: number): string {
  return `https://www.ostjob.ch/job/${slug(titleOf(posting))}/${FIRST_POSTING_ID + posting}`;
}

/** The unique key of row `row`, computed without generating the row. */
export function rowKey(row: number): RowKey {
  const pair = pairOf(row);
  return {
    jobUrl: postingUrl(Math.floor(row / 2)),
    searchTerm: SEARCH_TERMS[pair % SEARCH_TERMS.length]!,
    cvKey: CV_KEYS[Math.floor(pair / SEARCH_TERMS.length)]!,
  };
}

/** A URL no row of a data set of `rows` rows has (a posting from after the data set). */
export function unknownUrl(rows: number, n: number): string {
  return postingUrl(Math.ceil(rows / 2) + 1 + n);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function legacyDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** Sentences from `pool` up to a random length in [minChars, maxChars]; placeholders filled once at the end. */
function sentences(
  random: Random,
  pool: readonly string[],
  values: Record<string, string>,
  minChars: number,
  maxChars: number,
): string {
  const target = random.int(minChars, maxChars);
  const parts: string[] = [];
  let length = 0;
  let i = random.int(0, pool.length - 1);
  while (length < target) {
    const next = pool[i % pool.length]!;
    if (length + next.length + 1 > maxChars && length >= minChars) break;
    parts.push(next);
    length += next.length + 1;
    i += 1 + random.int(0, 2);
  }
  const text = fill(parts.join(' '), values);
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

/** Prose variants per job title: generating ~2 KB of text per row would cost more than storing it. */
const VARIANTS = 64;
const prosePools = new Map<string, { reasoning: string[]; description: string[] }>();

function prosePool(title: string): { reasoning: string[]; description: string[] } {
  let pool = prosePools.get(title);
  if (!pool) {
    const random = new Random(mix(title.length * 7919 + title.charCodeAt(0)));
    pool = { reasoning: [], description: [] };
    for (let v = 0; v < VARIANTS; v++) {
      const company = `${random.pick(COMPANY_STEMS)} ${random.pick(COMPANY_KINDS)}`;
      const location = random.pick(LOCATIONS);
      const score = random.int(1, 10);
      const values = {
        title,
        company,
        town: location.replace(/^.*\d{4} /, ''),
        workload: random.pick(WORKLOADS),
        skill1: random.pick(SKILLS),
        skill2: random.pick(SKILLS),
        skill3: random.pick(SKILLS),
        score: String(score),
        level: score >= 8 ? 'hohe' : score >= 6 ? 'gute' : 'mässige',
        staff: String(random.int(2, 60) * 25),
      };
      pool.reasoning.push(sentences(random, REASONING_SENTENCES, values, 500, 1200));
      pool.description.push(sentences(random, DESCRIPTION_SENTENCES, values, 650, 950));
    }
    prosePools.set(title, pool);
  }
  return pool;
}

/** Row `row` of the data set (matched_at grows with the row number). */
export function realisticRow(row: number): MatchInput {
  const key = rowKey(row);
  const posting = Math.floor(row / 2);
  const random = new Random(mix(row) ^ 0xa5a5a5a5);
  const title = titleOf(posting);
  const pool = prosePool(title);
  const company = `${COMPANY_STEMS[mix(posting ^ 17) % COMPANY_STEMS.length]} ${COMPANY_KINDS[mix(posting ^ 29) % COMPANY_KINDS.length]}`;
  const location = LOCATIONS[mix(posting ^ 43) % LOCATIONS.length]!;
  const workload = WORKLOADS[mix(posting ^ 57) % WORKLOADS.length]!;
  const skills = [0, 1, 2, 3].map((k) => SKILLS[mix(posting * 4 + k) % SKILLS.length]!);
  const matchedMs = FIRST_MATCH + Math.floor(row * MS_PER_ROW);
  const postedMs = matchedMs - random.int(0, 20) * DAY_MS;
  // Scores cluster around 5–7, as LLM scores do.
  const overall = Math.min(
    10,
    Math.max(1, Math.round(5.5 + (random.next() + random.next() + random.next() - 1.5) * 3.2)),
  );
  const sub = () => Math.min(10, Math.max(1, overall + random.int(-2, 2)));
  const scraped = {
    'Job Title': title,
    'Company Name': company,
    Location: location,
    'Salary Range': workload,
    'Posting Date': random.chance(0.1) ? 'N/A' : legacyDate(postedMs),
    'Job Description': pool.description[mix(posting ^ 83) % VARIANTS]!,
    'Required Skills': skills,
    'Application URL': key.jobUrl,
  };
  const matchedIso = new Date(matchedMs).toISOString();
  // Explicit key fields: spreading `key` into this literal made V8 build every row ~10× slower.
  return {
    jobUrl: key.jobUrl,
    searchTerm: key.searchTerm,
    cvKey: key.cvKey,
    jobTitle: title,
    companyName: company,
    location,
    postingDate: scraped['Posting Date'],
    salaryRange: workload,
    overallMatch: overall,
    skillsMatch: sub(),
    experienceMatch: sub(),
    educationFit: sub(),
    careerTrajectoryAlignment: sub(),
    preferenceMatch: sub(),
    potentialSatisfaction: sub(),
    locationCompatibility: location.includes('Zürich') ? 'No' : random.chance(0.05) ? 'Unknown' : 'Yes',
    reasoning: pool.reasoning[random.int(0, VARIANTS - 1)]!,
    scrapedData: scraped,
    scrapedAt: matchedIso,
    matchedAt: matchedIso,
    matcher: 'openai',
    model: 'gpt-4o-mini',
    source: 'ostjob',
  };
}

export function realisticRows(start: number, end: number): MatchInput[] {
  const rows = new Array<MatchInput>(end - start);
  for (let row = start; row < end; row++) rows[row - start] = realisticRow(row);
  return rows;
}
