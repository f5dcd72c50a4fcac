import { tokens } from './text-terms.js';

/**
 * Swiss education levels, lowest first, with the words postings and CVs name them by: whole words
 * where a substring would mislead ("master" in "scrummaster", "lehre" in "lehrer"), stems where
 * German compounds carry them (Informatikstudium, Hochschulabschluss, Berufslehre).
 */
const LEVELS = [
  {
    label: 'vocational training',
    whole: ['lehre', 'efz', 'eba', 'apprenticeship'],
    stems: ['berufslehre', 'ausbildung'],
  },
  { label: 'higher vocational education', whole: ['hf'], stems: ['fachausweis', 'fachschule', 'diplom'] },
  {
    label: 'a university degree',
    whole: ['bachelor', 'master', 'msc', 'bsc', 'mba', 'degree', 'eth', 'epfl', 'fh'],
    stems: ['studium', 'hochschul', 'universit'],
  },
  { label: 'a doctorate', whole: ['phd', 'doctorate'], stems: ['doktor'] },
] as const;

export type EducationLevel = (typeof LEVELS)[number]['label'];

/** The education levels a text names, lowest first. */
export function educationLevels(text: string): EducationLevel[] {
  const words = tokens(text);
  return LEVELS.filter((level) =>
    words.some((w) => (level.whole as readonly string[]).includes(w) || level.stems.some((stem) => w.includes(stem))),
  ).map((level) => level.label);
}

export function rankOf(level: EducationLevel): number {
  return LEVELS.findIndex((l) => l.label === level);
}
