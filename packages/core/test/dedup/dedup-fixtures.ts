import type { MatchInput } from '../../src/store/types.js';

export const CV_KEY = '0123456789abcdef';
export const OTHER_CV_KEY = 'fedcba9876543210';

export function jobUrl(n: number): string {
  return `https://www.ostjob.ch/job/data-engineer/${1_040_000 + n}`;
}

/** A stored evaluation of posting `n`; `overallMatch: null` is a failed one (legacy score 0). */
export function evaluation(n: number, overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    jobUrl: jobUrl(n),
    searchTerm: 'IT',
    cvKey: CV_KEY,
    jobTitle: `Data Engineer ${n}`,
    companyName: 'Muster AG',
    overallMatch: (n % 10) + 1,
    skillsMatch: 7,
    locationCompatibility: 'Yes',
    reasoning: 'Passt zum Profil.',
    scrapedData: { 'Job Title': `Data Engineer ${n}` },
    matcher: 'openai',
    model: 'gpt-6-luna',
    ...overrides,
  };
}
