import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A legacy match record as the legacy matcher wrote it (snake_case keys). */
export function legacyRecord(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_title: `Informatiker/in EFZ ${n}`,
    company_name: `Muster AG ${n % 5}`,
    location: '9000 St. Gallen',
    job_description: 'Wir suchen eine engagierte Persönlichkeit für unser Team.',
    application_url: `https://www.ostjob.ch/job/informatiker-efz/${1_040_000 + n}`,
    overall_match: (n % 10) + 1,
    skills_match: 7,
    experience_match: 8,
    education_fit: 9,
    career_trajectory_alignment: 7,
    preference_match: 8,
    potential_satisfaction: 8,
    location_compatibility: 'Yes',
    reasoning: `Die Stelle ${n} passt gut: Erfahrung mit Netzwerken und Support ist vorhanden.`,
    cv_path: 'Lebenslauf.pdf',
    url_migrated: true,
    ...overrides,
  };
}

export interface FixtureDir {
  dir: string;
  /** Writes a file (and its folders): text as is, anything else as JSON. */
  write(name: string, content: unknown): Promise<string>;
  cleanup(): Promise<void>;
}

/** A temp folder with the given files, removed by cleanup(). */
export async function createFixtureDir(files: Record<string, unknown> = {}): Promise<FixtureDir> {
  const dir = await mkdtemp(join(tmpdir(), 'legacy-import-'));
  const fixture: FixtureDir = {
    dir,
    async write(name, content) {
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  for (const [name, content] of Object.entries(files)) await fixture.write(name, content);
  return fixture;
}
