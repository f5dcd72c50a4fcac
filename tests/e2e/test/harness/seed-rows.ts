import type { MatchInput } from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';

/**
 * A deterministic stand-in for a grown installation: every posting is stored under two
 * (search term, cv_key) pairs, scores 1–10, ~1.5 KB of reasoning and scraped posting a row.
 */
export const SEED_TERMS = [
  'IT',
  'analyst',
  'projektleiter',
  'data-engineer',
  'IT-typ-festanstellung-pensum-80-bis-100',
] as const;
export const SEED_CV_KEYS = ['0123456789abcdef', 'fedcba9876543210'] as const;

const FIRST_ID = 2_000_000;
const FIRST_MATCH_MS = Date.UTC(2025, 10, 1);
const TITLES = [
  'Informatiker/in EFZ',
  'Business Analyst',
  'Projektleiter/in IT',
  'Data Engineer',
  'Systemtechniker/in',
  'Software Engineer',
  'ICT-Supporter/in',
  'Scrum Master',
];
const TOWNS = ['9000 St. Gallen', '8001 Zürich', '8400 Winterthur', '9500 Wil', '8500 Frauenfeld', '7000 Chur'];
const SENTENCES = [
  'Die Kandidatin bringt fundierte Erfahrung in der Softwareentwicklung mit.',
  'Die geforderten Kenntnisse in SQL und Datenmodellierung sind vorhanden.',
  'Die Führungserfahrung ist für diese Rolle eher knapp.',
  'Der Arbeitsort liegt im bevorzugten Pendelradius.',
  'Das Pensum von 80–100 % entspricht den Präferenzen.',
  'Branchenkenntnisse im Finanzbereich fehlen, sind aber erlernbar.',
  'Die Weiterbildung in Data Engineering passt gut zum Profil.',
  'Die Stelle wäre ein logischer nächster Karriereschritt.',
];
const PROSE = Array.from({ length: 32 }, (_, v) =>
  Array.from({ length: 10 }, (_, i) => SENTENCES[(v + i * 3) % SENTENCES.length]).join(' '),
);

function mix(n: number): number {
  let x = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/ü/g, 'ue')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function seedPostingUrl(posting: number): string {
  return `https://www.ostjob.ch/job/${slug(TITLES[posting % TITLES.length]!)}/${FIRST_ID + posting}`;
}

export function seedRow(row: number): MatchInput {
  const posting = Math.floor(row / 2);
  const title = TITLES[posting % TITLES.length]!;
  const location = TOWNS[mix(posting) % TOWNS.length]!;
  const score = (mix(row) % 10) + 1;
  const matchedAt = new Date(FIRST_MATCH_MS + row * 60_000).toISOString();
  return {
    jobUrl: seedPostingUrl(posting),
    // The two rows of a posting differ in search term, so the key stays unique.
    searchTerm: SEED_TERMS[(posting + (row % 2)) % SEED_TERMS.length]!,
    cvKey: SEED_CV_KEYS[posting % SEED_CV_KEYS.length]!,
    jobTitle: title,
    companyName: `Firma ${mix(posting) % 997} AG`,
    location,
    postingDate: '03.11.2025',
    salaryRange: '80-100%',
    overallMatch: score,
    skillsMatch: Math.max(1, score - 1),
    experienceMatch: score,
    educationFit: Math.min(10, score + 1),
    careerTrajectoryAlignment: score,
    preferenceMatch: score,
    potentialSatisfaction: score,
    locationCompatibility: 'Yes',
    reasoning: PROSE[row % PROSE.length]!,
    scrapedData: {
      'Job Title': title,
      'Company Name': `Firma ${mix(posting) % 997} AG`,
      Location: location,
      'Job Description': PROSE[(row + 7) % PROSE.length]!,
      'Application URL': seedPostingUrl(posting),
    },
    scrapedAt: matchedAt,
    matchedAt,
    matcher: 'openai',
    model: 'gpt-4o-mini',
    source: 'seed',
  };
}

/** Inserts rows [0, rows) through the store's bulk path, a chunk at a time; returns how many were inserted. */
export async function seedMatches(store: Store, rows: number, chunkRows = 5_000): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows; start += chunkRows) {
    const chunk = Array.from({ length: Math.min(chunkRows, rows - start) }, (_, i) => seedRow(start + i));
    inserted += (await store.insertMatches(chunk)).inserted;
  }
  return inserted;
}
