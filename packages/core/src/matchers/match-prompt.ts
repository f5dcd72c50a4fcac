import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CvForMatch, PostingForMatch } from './types.js';

/** Bounds the tokens one posting or CV can cost; real postings and CVs are far shorter. */
const MAX_DESCRIPTION_CHARS = 12_000;
const MAX_CV_CHARS = 20_000;

// Kept constant and first, so providers can serve it (and the CV after it) from their prompt cache.
const MATCH_INSTRUCTIONS = `You evaluate how well a job posting fits a candidate, judging only from the candidate profile and the posting given.
Score every criterion with an integer from 1 (very poor) to 10 (excellent):
- skills_match: how well the candidate's skills cover the posting's requirements
- experience_match: whether the candidate's experience level and domain suit the role
- education_fit: how well the candidate's education matches the requirements
- career_trajectory_alignment: whether the role is a sensible next step in the candidate's career
- preference_match: how well the role fits the candidate's stated preferences (workload, region, industry); 5 when none are stated
- potential_satisfaction: how satisfied the candidate would likely be in this role
- overall_match: considering everything, how suitable the candidate is for this posting
location_compatibility is "Yes" when the job location suits where the candidate lives or wants to work, "No" when it clearly does not, "Unknown" when the profile or the posting does not say.
reasoning explains the evaluation in 3 to 6 sentences, naming the skills that match and the ones that are missing. Write it in the language of the posting.
Do not invent facts that are in neither text. Answer with the JSON object only.`;

const SUMMARY_INSTRUCTIONS = `You summarise CVs so that they can be compared with job postings.
Write at most 250 words of plain text (no Markdown): current role and seniority, years of experience, key skills and technologies, industries, education, languages, and where the candidate lives or wants to work, including workload or other preferences when the CV states them.
Use the language of the CV. Do not invent anything the CV does not say.`;

export function matchMessages(posting: PostingForMatch, cv: CvForMatch): ChatCompletionMessageParam[] {
  const profile = cv.summary?.trim() || clip(cv.text, MAX_CV_CHARS);
  const fields: Array<[string, string | undefined]> = [
    ['Job Title', posting.title],
    ['Company Name', posting.company],
    ['Job Description', posting.description && clip(posting.description, MAX_DESCRIPTION_CHARS)],
    ['Required Skills', posting.skills?.join(', ')],
    ['Location', posting.location],
    ['Salary Range', posting.salaryRange],
    ['Posting Date', posting.postingDate],
  ];
  const listing = fields.map(([label, value]) => `${label}: ${value?.trim() || 'N/A'}`).join('\n');
  // Instructions and the candidate come first and stay the same for every posting of a run, so the
  // provider serves them from its prompt cache (cached input costs a tenth on current models).
  return [
    { role: 'system', content: MATCH_INSTRUCTIONS },
    { role: 'system', content: `Candidate profile:\n${profile}` },
    { role: 'user', content: `Job posting:\n${listing}` },
  ];
}

export function summaryMessages(cvText: string): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: SUMMARY_INSTRUCTIONS },
    { role: 'user', content: `CV:\n${clip(cvText, MAX_CV_CHARS)}` },
  ];
}

function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max)}\n[…truncated]` : trimmed;
}
