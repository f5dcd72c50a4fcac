// Realistic legacy match records for the CLI's tests: ~2.3 KB per stored row (German
// reasoning of 500–1200 characters, a description, and the record itself as scraped_data), both
// key styles, relative and absolute URLs, numeric strings and "N/A" as seen in the field.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SENTENCES = [
  'Die Stelle passt gut zum Profil, da mehrjährige Erfahrung mit Netzwerken und Systemadministration vorhanden ist.',
  'Der Kandidat bringt fundierte Kenntnisse in TypeScript, PostgreSQL und der Automatisierung von Abläufen mit.',
  'Die geforderte Führungserfahrung ist nur teilweise gegeben, was die Gesamtbewertung etwas schmälert.',
  'Der Arbeitsort in St. Gallen liegt in gut erreichbarer Distanz zum aktuellen Wohnort.',
  'Die Ausbildung als Informatiker EFZ entspricht genau den Anforderungen der ausgeschriebenen Position.',
  'Positiv fällt die Bereitschaft auf, sich in neue Technologien einzuarbeiten und Verantwortung zu übernehmen.',
  'Das Pensum von 80–100 % entspricht den geäusserten Präferenzen, ebenso die Möglichkeit zu Homeoffice.',
  'Es fehlen Zertifizierungen im Bereich Cloud-Infrastruktur, die für diese Rolle von Vorteil wären.',
  'Die Karriereentwicklung wäre folgerichtig, da die Stelle mehr Projektverantwortung mit sich bringt.',
  'Die Unternehmenskultur wird als offen und teamorientiert beschrieben, was gut zu den Zielen passt.',
  'Sprachkenntnisse in Deutsch und Englisch sind vorhanden; Französisch wird nicht verlangt.',
  'Insgesamt ergibt sich eine solide Übereinstimmung mit einzelnen Lücken bei den Spezialkenntnissen.',
];
const TITLES = [
  'Informatiker/in EFZ',
  'Systemtechniker/in',
  'Software Engineer',
  'ICT-Supporter/in',
  'Projektleiter/in Digitalisierung',
  'Data Analyst',
  'Applikationsentwickler/in',
  'Netzwerkspezialist/in',
];
const COMPANIES = [
  'Muster AG',
  'Ostschweizer Technik GmbH',
  'Bodensee Informatik AG',
  'Säntis Software AG',
  'Thurgauer Kantonalbank',
  'Gemeinde Wil',
  'Rheintal Logistik AG',
];
const PLACES = [
  '9000 St. Gallen',
  '8400 Winterthur',
  '9500 Wil',
  '8500 Frauenfeld',
  '9400 Rorschach',
  '9430 St. Margrethen',
  'Zürich',
];

/** mulberry32, so that a seed gives the same data on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

function prose(rng: () => number, min: number, max: number): string {
  const target = min + Math.floor(rng() * (max - min));
  let text = '';
  while (text.length < target) text += `${text ? ' ' : ''}${pick(rng, SENTENCES)}`;
  return text.slice(0, max);
}

/**
 * `count` records with posting ids from `firstId`, as the legacy matcher wrote them. About 15 %
 * use the scraper's Title Case keys, 20 % relative URLs, 5 % numeric strings.
 */
export function legacyRecords(
  count: number,
  options: { seed?: number; firstId?: number } = {},
): Record<string, unknown>[] {
  const rng = random(options.seed ?? 1);
  const firstId = options.firstId ?? 1_000_000;
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    const title = pick(rng, TITLES);
    const slug = title
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')
      .replace(/^-|-$/g, '');
    const path = `/job/${slug}/${id}`;
    const url = rng() < 0.2 ? path : `https://www.ostjob.ch${path}`;
    const score = 1 + Math.floor(rng() * 10);
    const asText = rng() < 0.05;
    const sub = () => 1 + Math.floor(rng() * 10);
    const common = {
      overall_match: asText ? String(score) : score,
      skills_match: sub(),
      experience_match: sub(),
      education_fit: sub(),
      career_trajectory_alignment: sub(),
      preference_match: sub(),
      potential_satisfaction: sub(),
      location_compatibility: rng() < 0.8 ? 'Yes' : rng() < 0.5 ? 'No' : 'Unknown',
      reasoning: prose(rng, 500, 1200),
      cv_path: 'input/Lebenslauf.pdf',
    };
    const description = prose(rng, 40, 120);
    const location = pick(rng, PLACES);
    const company = pick(rng, COMPANIES);
    records.push(
      rng() < 0.15
        ? {
            'Job Title': title,
            'Company Name': company,
            Location: location,
            'Job Description': description,
            'Salary Range': 'N/A',
            'Posting Date': '02.11.2025',
            'Application URL': url,
            ...common,
          }
        : {
            job_title: title,
            company_name: company,
            location,
            job_description: description,
            salary_range: rng() < 0.5 ? '80-100%' : 'N/A',
            posting_date: '02.11.2025',
            application_url: url,
            ...common,
            url_migrated: true,
          },
    );
  }
  return records;
}

/**
 * Writes `files` legacy files of `recordsPerFile` records each into `dir` (distinct postings
 * throughout), named like the legacy matcher's output, one a day; returns their paths in order.
 */
export async function writeLegacyFiles(
  dir: string,
  options: { files: number; recordsPerFile: number; seed?: number; firstId?: number },
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (let f = 0; f < options.files; f++) {
    const day = new Date(Date.UTC(2025, 0, 1 + f, 8, 30, 0)).toISOString();
    const name = `job_matches_${day.slice(0, 10).replaceAll('-', '')}_083000.json`;
    const records = legacyRecords(options.recordsPerFile, {
      seed: (options.seed ?? 1) + f,
      firstId: (options.firstId ?? 1_000_000) + f * options.recordsPerFile,
    });
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(records, null, 2));
    paths.push(path);
  }
  return paths;
}
