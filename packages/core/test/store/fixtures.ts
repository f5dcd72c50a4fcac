import type { MatchInput } from '../../src/store/types.js';

/** A realistic match row (~2 KB with reasoning and scraped data), varied by `n`. */
export function sampleMatch(n: number, overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    jobUrl: `https://www.ostjob.ch/job/software-engineer-${n}/${1_030_000 + n}`,
    searchTerm: 'IT',
    cvKey: '0123456789abcdef',
    jobTitle: `Software Engineer ${n}`,
    companyName: `Muster AG ${n % 7}`,
    location: n % 2 === 0 ? '9000 St. Gallen' : '8400 Winterthur',
    postingDate: '02.11.2025',
    salaryRange: '80-100%',
    overallMatch: (n % 10) + 1,
    skillsMatch: 7,
    experienceMatch: 8,
    educationFit: 9,
    careerTrajectoryAlignment: 7,
    preferenceMatch: 8,
    potentialSatisfaction: 8,
    locationCompatibility: 'Yes',
    reasoning: 'Die Stelle passt gut zum Profil: TypeScript, PostgreSQL und Erfahrung mit Datenpipelines. '.repeat(8),
    scrapedData: {
      'Job Title': `Software Engineer ${n}`,
      'Job Description': 'Wir suchen eine erfahrene Person. '.repeat(20),
    },
    ...overrides,
  };
}
