import type { CvForMatch, LocationCompatibility, MatchScores, PostingForMatch } from '../types.js';
import { educationLevels, rankOf } from './education.js';
import { locationFit, type LocationFit, type Proximity } from './swiss-places.js';
import { TokenText, contentTokens, keywords, tokens } from './text-terms.js';

/** Postings without a skills list are compared on this many of their most frequent words. */
const MAX_KEYWORDS = 15;

interface Coverage {
  /** What was compared: the posting's listed skills, or its key terms when it lists none. */
  kind: 'required skills' | 'key terms of the posting' | 'title words';
  found: string[];
  missing: string[];
}

const LOCATION: Record<Proximity, { compatibility: LocationCompatibility; preference: number }> = {
  'same place': { compatibility: 'Yes', preference: 9 },
  'same canton': { compatibility: 'Yes', preference: 8 },
  remote: { compatibility: 'Yes', preference: 8 },
  'same region': { compatibility: 'Yes', preference: 7 },
  unknown: { compatibility: 'Unknown', preference: 5 },
  elsewhere: { compatibility: 'No', preference: 3 },
};

/**
 * Deterministic keyword comparison of a posting with a CV. Every score comes from a fraction of
 * terms found, so the reasoning can name exactly what matched and what did not.
 */
export function heuristicScores(posting: PostingForMatch, cv: CvForMatch): MatchScores {
  const cvText = `${cv.text}\n${cv.summary ?? ''}`;
  const cvTokens = new TokenText(cvText);
  const skills = skillCoverage(posting, cvTokens);
  const title = coverage('title words', unique(contentTokens(posting.title ?? '')), (t) => cvTokens.set.has(t));
  const education = educationFit(posting, cvText);
  const location = locationFit(posting.location, cvText);
  const { compatibility, preference } = LOCATION[location.proximity];

  const skillsMatch = toScore(fraction(skills));
  const experienceMatch = toScore(0.6 * fraction(title) + 0.4 * fraction(skills));
  const careerTrajectoryAlignment = toScore(0.7 * fraction(title) + 0.3 * fraction(skills));
  const potentialSatisfaction = clampScore((skillsMatch + experienceMatch + preference) / 3);
  const overallMatch = clampScore(
    0.45 * skillsMatch + 0.25 * experienceMatch + 0.15 * preference + 0.15 * education.score,
  );

  const reasoning = [
    'Heuristic keyword comparison (no LLM).',
    describeCoverage(skills),
    ...(title.found.length + title.missing.length > 0 ? [describeCoverage(title)] : []),
    education.reason,
    describeLocation(location, posting.location),
    `Overall ${overallMatch}/10, weighted 45 % skills, 25 % experience, 15 % location, 15 % education.`,
  ].join(' ');

  return {
    overallMatch,
    skillsMatch,
    experienceMatch,
    educationFit: education.score,
    careerTrajectoryAlignment,
    preferenceMatch: preference,
    potentialSatisfaction,
    locationCompatibility: compatibility,
    reasoning,
  };
}

function skillCoverage(posting: PostingForMatch, cv: TokenText): Coverage {
  const skills = unique((posting.skills ?? []).map((s) => s.trim()).filter((s) => tokens(s).length > 0));
  if (skills.length > 0) return coverage('required skills', skills, (s) => cv.hasPhrase(s));
  const terms = keywords(posting.title ?? '', posting.description ?? '', MAX_KEYWORDS);
  return coverage('key terms of the posting', terms, (t) => cv.set.has(t));
}

function coverage(kind: Coverage['kind'], items: string[], inCv: (item: string) => boolean): Coverage {
  return { kind, found: items.filter(inCv), missing: items.filter((i) => !inCv(i)) };
}

/** Nothing to compare is neither a match nor a mismatch. */
function fraction(c: Coverage): number {
  const total = c.found.length + c.missing.length;
  return total === 0 ? 0.5 : c.found.length / total;
}

/** A posting that names several levels ("Studium oder Berufslehre") accepts the lowest of them. */
function educationFit(posting: PostingForMatch, cvText: string): { score: number; reason: string } {
  const required = educationLevels([posting.title, posting.description, ...(posting.skills ?? [])].join('\n'))[0];
  const held = educationLevels(cvText).at(-1);
  if (required === undefined) return { score: 6, reason: 'The posting names no education requirement.' };
  const asked = `Education: the posting asks for ${required}`;
  if (held === undefined) return { score: 3, reason: `${asked}; the CV names no education.` };
  return rankOf(held) >= rankOf(required)
    ? { score: 9, reason: `${asked} and the CV names ${held}.` }
    : { score: 5, reason: `${asked}; the CV names only ${held}.` };
}

function describeCoverage(c: Coverage): string {
  const total = c.found.length + c.missing.length;
  if (total === 0) return 'The posting lists no skills or terms to compare.';
  if (c.found.length === 0) return `None of the ${total} ${c.kind} appear in the CV (${list(c.missing)}).`;
  const missing = c.missing.length > 0 ? ` Missing: ${list(c.missing)}.` : '';
  return `${c.found.length} of ${total} ${c.kind} appear in the CV: ${list(c.found)}.${missing}`;
}

function describeLocation(fit: LocationFit, postingLocation: string | undefined): string {
  const job = fit.postingPlace ? `${fit.postingPlace.name} (${fit.postingPlace.canton})` : '';
  const named = list(fit.cvPlaces.map((p) => p.name));
  switch (fit.proximity) {
    case 'remote':
      return 'Location: the job allows remote work.';
    case 'same place':
      return `Location: the job is in ${job}, which the CV names.`;
    case 'same canton':
      return `Location: the job is in ${job}; the CV names ${named} in the same canton.`;
    case 'same region':
      return `Location: the job is in ${job}; the CV names ${named} in the same region (${fit.postingPlace?.region}).`;
    case 'elsewhere':
      return `Location: the job is in ${job}, away from the places the CV names (${named}).`;
    case 'unknown':
      if (!postingLocation?.trim()) return 'Location: the posting gives none, so compatibility is unknown.';
      if (!fit.postingPlace)
        return `Location: "${postingLocation.trim()}" is not a place this matcher knows, so compatibility is unknown.`;
      return `Location: the job is in ${job}, but the CV names no place to compare it with.`;
  }
}

function toScore(share: number): number {
  return clampScore(1 + share * 9);
}

function clampScore(value: number): number {
  return Math.min(10, Math.max(1, Math.round(value)));
}

function unique(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = tokens(item).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function list(items: string[]): string {
  return items.join(', ');
}
