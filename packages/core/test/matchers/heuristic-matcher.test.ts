import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import {
  HeuristicMatcher,
  MatchScoresSchema,
  type CvForMatch,
  type MatchScores,
  type PostingForMatch,
} from '../../src/matchers/index.js';

const matcher = new HeuristicMatcher();

const posting: PostingForMatch = {
  url: 'https://www.ostjob.ch/job/data-engineer/1',
  title: 'Data Engineer (m/w/d)',
  company: 'Ostdaten AG',
  location: '9000 St. Gallen',
  description: 'Sie bauen Datenpipelines mit Python und SQL auf Azure. Abgeschlossenes Studium in Informatik.',
  skills: ['Python', 'SQL', 'Power BI', 'Azure', 'Kubernetes'],
};

const cvText = `Anna Beispiel
Sankt Gallen, Schweiz

Data Engineer with 6 years of experience.
Skills: Python, SQL, Power BI, Airflow.
Education: MSc Informatik, Universität Zürich (Studium 2012–2017).`;

const cv = (text: string): CvForMatch => ({ cvKey: 'abcdefabcdefabcd', text });

async function scores(p: PostingForMatch, c: CvForMatch): Promise<MatchScores> {
  const result = await matcher.evaluate(p, c);
  if (!result.ok) throw new Error(result.error);
  expect(result.calls).toEqual([]);
  return result.scores;
}

describe('HeuristicMatcher', () => {
  it('labels itself as the offline matcher that costs nothing', () => {
    expect(matcher).toMatchObject({ name: 'heuristic', model: 'heuristic-v1', usesLlm: false });
    expect(matcher.estimatedCostPerEvaluation()).toBe(0);
  });

  it('is deterministic', async () => {
    expect(await scores(posting, cv(cvText))).toEqual(await scores(posting, cv(cvText)));
  });

  it('scores higher when more of the required skills are in the CV', async () => {
    const strong = await scores(posting, cv(cvText));
    const weak = await scores(posting, cv('Anna Beispiel\nSankt Gallen\nBakery manager, customer service and sales.'));

    expect(strong.skillsMatch).toBeGreaterThan(weak.skillsMatch);
    expect(strong.overallMatch).toBeGreaterThan(weak.overallMatch);
    expect(strong.skillsMatch).toBe(1 + Math.round((3 / 5) * 9));
  });

  it('names the matched and the missing skills in its reasoning', async () => {
    const { reasoning } = await scores(posting, cv(cvText));

    expect(reasoning).toContain('3 of 5 required skills appear in the CV: Python, SQL, Power BI.');
    expect(reasoning).toContain('Missing: Azure, Kubernetes.');
    expect(reasoning).toContain('2 of 2 title words appear in the CV');
    expect(reasoning).toMatch(/no LLM/);
  });

  it('matches skill phrases as whole words only', async () => {
    const result = await scores(
      { ...posting, skills: ['Power BI', 'Go'] },
      cv('Power user of BI tools. Good at going places.'),
    );

    expect(result.skillsMatch).toBe(1);
  });

  it('compares the posting’s key terms when it lists no skills', async () => {
    const { reasoning } = await scores({ ...posting, skills: [] }, cv(cvText));

    expect(reasoning).toMatch(/key terms of the posting appear in the CV: [^.]*python/);
  });

  it('rates location from the places the CV names', async () => {
    const inCv = cv(cvText);
    expect((await scores(posting, inCv)).locationCompatibility).toBe('Yes');
    expect((await scores({ ...posting, location: '9200 Gossau SG' }, inCv)).reasoning).toMatch(/same canton/);
    expect((await scores({ ...posting, location: 'Frauenfeld' }, inCv)).reasoning).toMatch(
      /same region \(Eastern Switzerland\)/,
    );
    expect((await scores({ ...posting, location: '1003 Lausanne' }, inCv)).locationCompatibility).toBe('No');
    expect((await scores({ ...posting, location: 'Remote / Homeoffice' }, inCv)).locationCompatibility).toBe('Yes');
    expect((await scores({ ...posting, location: undefined }, inCv)).locationCompatibility).toBe('Unknown');
    expect((await scores(posting, cv('Python and SQL developer'))).locationCompatibility).toBe('Unknown');
  });

  it('checks the education the posting asks for', async () => {
    expect((await scores(posting, cv(cvText))).educationFit).toBe(9);
    expect((await scores(posting, cv('Python SQL developer, self-taught'))).educationFit).toBe(3);
    const lower = await scores(posting, cv('Python SQL developer, Berufslehre als Informatiker EFZ'));
    expect(lower.educationFit).toBe(5);
    expect(lower.reasoning).toContain(
      'the posting asks for a university degree; the CV names only vocational training.',
    );
    expect((await scores({ ...posting, description: 'Python und SQL.' }, cv(cvText))).educationFit).toBe(6);
  });

  it('always returns integer scores from 1 to 10 and a reasoning, whatever the text', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 300 });
    const optional = fc.option(text, { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: optional,
          description: optional,
          location: optional,
          skills: fc.option(fc.array(text, { maxLength: 8 }), { nil: undefined }),
        }),
        text,
        async (fields, cvBody) => {
          const result = await scores({ url: 'https://example.org/job/1', ...fields }, cv(cvBody));
          expect(MatchScoresSchema.parse(result)).toEqual(result);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('summarises a CV by its first meaningful lines, deterministically', async () => {
    const text = `  Anna   Beispiel  \n----\n\n1/2\nData Engineer\nData Engineer\n${'Long line about projects. '.repeat(100)}`;

    const { summary, calls } = await matcher.summarizeCv(text);

    expect(summary).toBe('Anna Beispiel\nData Engineer');
    expect(calls).toEqual([]);
    expect((await matcher.summarizeCv(text)).summary).toBe(summary);
  });

  it('throws CANCELLED for an aborted signal', async () => {
    const error = await matcher.evaluate(posting, cv(cvText), { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isJobSearchError(error, 'CANCELLED')).toBe(true);
  });
});
