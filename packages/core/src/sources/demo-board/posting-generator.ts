import { SeededRandom, hash32 } from './seeded-random.js';
import {
  COMPANY_INTROS,
  COMPANY_KINDS,
  COMPANY_STEMS,
  DUTIES,
  LOCATIONS,
  OFFERS,
  REQUIREMENTS,
  ROLES,
  SKILLS,
  WORKLOADS,
  type Language,
} from './vocabulary.js';

export interface DemoPosting {
  /** Position on the board's timeline: a higher index is a newer posting. */
  index: number;
  /** Numeric id in the URL, like the legacy board's. */
  id: number;
  /** `/job/<slug>/<id>` */
  path: string;
  title: string;
  company: string;
  location: string;
  /** The legacy "salary range", which on this board is the workload. */
  workload: string;
  /** DD.MM.YYYY */
  postingDate: string;
  language: Language;
  /** Paragraphs. */
  description: string[];
  skills: string[];
  snippet: string;
}

const FIRST_ID = 1_030_001;
const FIRST_DAY = Date.UTC(2026, 0, 5);
const POSTINGS_PER_DAY = 12;
const DAY_MS = 86_400_000;

/** The posting at `index` of the board's timeline; the same (seed, index) always gives the same posting. */
export function generatePosting(seed: number, index: number): DemoPosting {
  const random = new SeededRandom(hash32(`${seed}|posting|${index}`));
  const role = random.pick(ROLES);
  const company = `${random.pick(COMPANY_STEMS)} ${random.pick(COMPANY_KINDS)}`;
  const location = random.pick(LOCATIONS);
  const skills = random.sample(SKILLS[role.family], random.int(3, 6));
  const town = location.replace(/^\d{4} /, '');
  const staff = String(random.int(2, 60) * 10);
  const fill = (template: string) =>
    template
      .replace('{company}', company)
      .replace('{town}', town)
      .replace('{staff}', staff)
      .replace('{skill1}', skills[0]!)
      .replace('{skill2}', skills[1]!);
  const duties = random.sample(DUTIES[role.language][role.family], 2);
  const description = [
    fill(random.pick(COMPANY_INTROS[role.language])),
    duties.join(' '),
    fill(random.pick(REQUIREMENTS[role.language])),
    random.pick(OFFERS[role.language]),
  ];
  const id = FIRST_ID + index;
  return {
    index,
    id,
    path: `/job/${slugify(role.title)}/${id}`,
    title: role.title,
    company,
    location,
    workload: random.pick(WORKLOADS),
    postingDate: formatDate(FIRST_DAY + Math.floor(index / POSTINGS_PER_DAY) * DAY_MS),
    language: role.language,
    description,
    skills,
    snippet: duties[0]!,
  };
}

/** Index of the posting with URL id `id`, or undefined for ids the board never issues. */
export function postingIndexOf(id: number): number | undefined {
  const index = id - FIRST_ID;
  return Number.isSafeInteger(index) && index >= 0 ? index : undefined;
}

/** The slug ostjob.ch puts in a posting's URL: lower case, umlauts spelled out, other runs of non-alphanumerics as one hyphen. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function formatDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}
