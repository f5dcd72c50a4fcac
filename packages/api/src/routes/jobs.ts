import { JobSearchError, type MatchDetail, type PostingRecord } from '@jobsearchai/core';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import type { LegacyHit } from '../legacy/legacy-job-finder.js';
import { ZJobLookupQuery, ZJobLookupResponse, type TJobLookupResponse, type TPosting } from '../schemas/jobs.js';

export function jobRoutes(ctx: AppContext): AnyApiRoute[] {
  const lookup = defineRoute({
    method: 'get',
    path: '/api/jobs',
    operationId: 'getJobByUrl',
    tag: 'matches',
    summary:
      "A posting's details by URL: the database first, then the newest legacy JSON file that holds exactly this URL.",
    query: ZJobLookupQuery,
    responses: {
      200: { description: 'The posting and its evaluations.', schema: ZJobLookupResponse },
      404: { description: 'Neither the database nor a legacy file knows this URL.' },
    },
    handler: async ({ query }, _req, res) => {
      const url = query.url;
      const [evaluations, postings] = await Promise.all([ctx.store.getMatchesByUrl(url), ctx.store.getPostings([url])]);
      const stored = postings.get(url);
      let body: TJobLookupResponse;
      if (evaluations.length > 0 || stored) {
        body = {
          url,
          source: 'database',
          posting: stored ? fromPostingRecord(stored) : fromEvaluation(evaluations[0]!),
          evaluations,
        };
      } else {
        const hit = await ctx.legacy.find(url);
        if (!hit)
          throw new JobSearchError(
            'NOT_FOUND',
            `No posting with the URL ${url} is in the database or in a legacy JSON file.`,
          );
        body = fromLegacy(url, hit);
      }
      res.json(body);
    },
  });
  return [anyRoute(lookup)];
}

function fromPostingRecord(record: PostingRecord): TPosting {
  return {
    url: record.url,
    title: record.title,
    companyName: record.companyName,
    location: record.location,
    postingDate: record.postingDate,
    salaryRange: record.salaryRange,
    description: record.description,
    skills: record.skills,
    raw: record.rawData ?? null,
  };
}

function fromEvaluation(match: MatchDetail): TPosting {
  const data = isObject(match.scrapedData) ? match.scrapedData : {};
  return {
    url: match.jobUrl,
    title: match.jobTitle,
    companyName: match.companyName,
    location: match.location,
    postingDate: match.postingDate,
    salaryRange: match.salaryRange,
    description: textOf(data, ['Job Description', 'job_description', 'description']),
    skills: skillsOf(data),
    raw: match.scrapedData,
  };
}

function fromLegacy(url: string, hit: LegacyHit): TJobLookupResponse {
  const fields = hit.kind === 'job_matches' ? hit.record : hit.posting;
  const raw = fields.raw;
  const posting: TPosting = {
    url,
    title: fields.jobTitle,
    companyName: fields.companyName,
    location: fields.location,
    postingDate: fields.postingDate,
    salaryRange: fields.salaryRange,
    description: textOf(raw, ['Job Description', 'job_description', 'description']),
    skills: skillsOf(raw),
    raw,
  };
  const evaluation =
    hit.kind === 'job_matches'
      ? {
          overallMatch: hit.record.overallMatch,
          skillsMatch: hit.record.skillsMatch,
          experienceMatch: hit.record.experienceMatch,
          educationFit: hit.record.educationFit,
          careerTrajectoryAlignment: hit.record.careerTrajectoryAlignment,
          preferenceMatch: hit.record.preferenceMatch,
          potentialSatisfaction: hit.record.potentialSatisfaction,
          locationCompatibility: hit.record.locationCompatibility,
          reasoning: hit.record.reasoning,
          failedEvaluation: hit.record.failedEvaluation,
        }
      : null;
  return {
    url,
    source: 'legacy_json',
    posting,
    evaluations: [],
    legacy: { file: hit.file, kind: hit.kind, evaluation },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(data: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** Legacy scrapers wrote skills as a list or as one comma-separated string. */
function skillsOf(data: Record<string, unknown>): string[] | null {
  const value = data['Required Skills'] ?? data.required_skills ?? data.skills;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string' && value.trim() !== '')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return null;
}
