import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import { parseLegacyMatchJson } from '../../src/legacy/index.js';

const URL_1 = 'https://www.ostjob.ch/job/data-analyst/1034904';
const URL_2 = 'https://www.ostjob.ch/job/product-owner/1032053';

function snakeRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_title: 'Data Analyst',
    company_name: 'Ostbank AG',
    location: '9000 St. Gallen',
    job_description: 'Analysen erstellen',
    application_url: URL_1,
    overall_match: 8,
    skills_match: 7,
    experience_match: 8,
    education_fit: 9,
    career_trajectory_alignment: 7,
    preference_match: 8,
    potential_satisfaction: 8,
    location_compatibility: 'Yes',
    reasoning: 'Passt gut.',
    cv_path: 'input/cv.pdf',
    url_migrated: true,
    ...overrides,
  };
}

function parse(records: unknown[]) {
  return parseLegacyMatchJson(JSON.stringify(records), 'job_matches_20250101_120000.json');
}

function parseOne(record: unknown) {
  const result = parse([record]);
  expect(result.totalRecords).toBe(1);
  return result;
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('parseLegacyMatchJson — records', () => {
  it('reads a snake_case record completely', () => {
    const raw = snakeRecord();
    const { records, rejected, fileName } = parseOne(raw);
    expect(fileName).toBe('job_matches_20250101_120000.json');
    expect(rejected).toEqual([]);
    expect(records).toEqual([
      {
        index: 0,
        jobUrl: URL_1,
        jobTitle: 'Data Analyst',
        companyName: 'Ostbank AG',
        location: '9000 St. Gallen',
        postingDate: null,
        salaryRange: null,
        overallMatch: 8,
        skillsMatch: 7,
        experienceMatch: 8,
        educationFit: 9,
        careerTrajectoryAlignment: 7,
        preferenceMatch: 8,
        potentialSatisfaction: 8,
        locationCompatibility: 'Yes',
        reasoning: 'Passt gut.',
        cvPath: 'input/cv.pdf',
        failedEvaluation: false,
        raw,
      },
    ]);
  });

  it('reads Title Case keys from the scraper', () => {
    const { records } = parseOne({
      'Job Title': 'Product Owner',
      'Company Name': 'Stadt Wil',
      Location: 'Wil SG',
      'Salary Range': '80-100%',
      'Posting Date': '02.11.2025',
      'Job Description': 'Backlog pflegen',
      'Required Skills': 'Scrum',
      'Application URL': '/job/product-owner/1032053',
      overall_match: '7',
    });
    expect(records[0]).toMatchObject({
      jobUrl: URL_2,
      jobTitle: 'Product Owner',
      companyName: 'Stadt Wil',
      location: 'Wil SG',
      salaryRange: '80-100%',
      postingDate: '02.11.2025',
      overallMatch: 7,
      skillsMatch: null,
    });
  });

  it('normalises relative and non-canonical URLs and falls back to job_url / url / URL', () => {
    const { records, rejected } = parse([
      snakeRecord({ application_url: '/job/data-analyst/1034904' }),
      snakeRecord({ application_url: 'http://ostjob.ch/job/data-analyst/1034904/?utm_source=mail#x' }),
      snakeRecord({ application_url: undefined, job_url: URL_2 }),
      snakeRecord({ application_url: 'N/A', url: URL_2 }),
      snakeRecord({ application_url: undefined, URL: 'ostjob.ch/job/product-owner/1032053' }),
    ]);
    expect(rejected).toEqual([]);
    expect(records.map((record) => record.jobUrl)).toEqual([URL_1, URL_1, URL_2, URL_2, URL_2]);
  });

  it('coerces numeric strings and treats empty or "N/A" text as null', () => {
    const { records } = parseOne(
      snakeRecord({
        overall_match: ' 8 ',
        skills_match: '8/10',
        experience_match: '8.0',
        education_fit: 6.0,
        career_trajectory_alignment: null,
        preference_match: '',
        potential_satisfaction: 'N/A',
        salary_range: 'N/A',
        posting_date: '',
        company_name: '  Ostbank AG  ',
      }),
    );
    expect(records[0]).toMatchObject({
      overallMatch: 8,
      skillsMatch: 8,
      experienceMatch: 8,
      educationFit: 6,
      careerTrajectoryAlignment: null,
      preferenceMatch: null,
      potentialSatisfaction: null,
      salaryRange: null,
      postingDate: null,
      companyName: 'Ostbank AG',
    });
  });

  it.each([
    [{ overall_match: 11 }, 'overall_match: score 11 is out of range 1–10'],
    [{ overall_match: -1 }, 'overall_match: score -1 is out of range 1–10'],
    [{ overall_match: 'abc' }, 'overall_match: "abc" is not a number'],
    [{ overall_match: 8.5 }, 'overall_match: 8.5 is not a whole number'],
    [{ overall_match: '8.5' }, 'overall_match: "8.5" is not a whole number'],
    [{ overall_match: null }, 'overall_match is missing'],
    [{ overall_match: undefined }, 'overall_match is missing'],
    [{ overall_match: 'N/A' }, 'overall_match: "N/A" is not a score'],
    [{ overall_match: true }, 'overall_match: true is not a number'],
    [{ overall_match: 0 }, 'overall_match: score 0 is out of range 1–10'],
    [{ skills_match: 12 }, 'skills_match: score 12 is out of range 1–10'],
    [{ education_fit: 'gut' }, 'education_fit: "gut" is not a number'],
    [{ skills_match: '7/5' }, 'skills_match: "7/5" is not a number'],
  ])('rejects %j with reason %j', (overrides, reason) => {
    const raw = snakeRecord(overrides);
    const { records, rejected } = parseOne(raw);
    expect(records).toEqual([]);
    expect(rejected).toEqual([{ index: 0, reason, raw }]);
  });

  it('names every problem of a record', () => {
    const { rejected } = parseOne(
      snakeRecord({ application_url: undefined, overall_match: 11, preference_match: 'x' }),
    );
    expect(rejected[0]?.reason).toBe(
      'no posting URL: none of application_url, Application URL, job_url, url is set; overall_match: score 11 is out of range 1–10; preference_match: "x" is not a number',
    );
  });

  it('rejects records without a usable URL', () => {
    const { rejected } = parse([
      snakeRecord({ application_url: undefined }),
      snakeRecord({ application_url: '' }),
      snakeRecord({ application_url: 'javascript:alert(1)' }),
      snakeRecord({ application_url: 42 }),
    ]);
    expect(rejected.map((entry) => entry.reason)).toEqual([
      'no posting URL: none of application_url, Application URL, job_url, url is set',
      'application_url: "" is not a usable posting URL',
      'application_url: "javascript:alert(1)" is not a usable posting URL',
      'application_url: 42 is not a usable posting URL',
    ]);
  });

  it.each([
    [0, 'Error evaluating match'],
    ['0', 'error evaluating match: timeout'],
    [' 0 ', 'LLM: ERROR EVALUATING MATCH'],
  ])('accepts a failed legacy evaluation (overall_match %j, reasoning %j) without scores', (overall, reasoning) => {
    const { records, rejected } = parseOne(
      snakeRecord({ overall_match: overall, skills_match: 0, education_fit: 'x', reasoning }),
    );
    expect(rejected).toEqual([]);
    expect(records[0]).toMatchObject({
      failedEvaluation: true,
      overallMatch: null,
      skillsMatch: null,
      experienceMatch: null,
      educationFit: null,
      careerTrajectoryAlignment: null,
      preferenceMatch: null,
      potentialSatisfaction: null,
      reasoning,
    });
  });

  it('treats "Error evaluating match" with a real score as an ordinary record', () => {
    const { records } = parseOne(snakeRecord({ overall_match: 5, reasoning: 'Error evaluating match' }));
    expect(records[0]).toMatchObject({ failedEvaluation: false, overallMatch: 5 });
  });

  it('keeps unicode text and unknown keys verbatim', () => {
    const raw = snakeRecord({
      job_title: 'Fachfrau Gesundheit – Pflegeheim Säntisblick 🏔️',
      location: 'Münchwilen TG',
      reasoning: 'Sehr gute Übereinstimmung, Größe des Teams passt. 👍',
      extra_field: { nested: [1, 'ä'] },
      'Some Other Key': 'ß',
    });
    const { records } = parseOne(raw);
    expect(records[0]?.jobTitle).toBe('Fachfrau Gesundheit – Pflegeheim Säntisblick 🏔️');
    expect(records[0]?.location).toBe('Münchwilen TG');
    expect(records[0]?.reasoning).toBe('Sehr gute Übereinstimmung, Größe des Teams passt. 👍');
    expect(records[0]?.raw).toEqual(raw);
    expect(records[0]?.raw.extra_field).toEqual({ nested: [1, 'ä'] });
  });

  it('rejects elements that are not objects and keeps the good records around them', () => {
    const { records, rejected, totalRecords } = parse([
      snakeRecord(),
      null,
      'text',
      7,
      [snakeRecord()],
      snakeRecord({ application_url: URL_2 }),
    ]);
    expect(totalRecords).toBe(6);
    expect(records.map((record) => record.index)).toEqual([0, 5]);
    expect(rejected.map((entry) => [entry.index, entry.reason])).toEqual([
      [1, 'record is null, not a JSON object'],
      [2, 'record is a string, not a JSON object'],
      [3, 'record is a number, not a JSON object'],
      [4, 'record is an array, not a JSON object'],
    ]);
    expect(rejected[3]?.raw).toEqual([snakeRecord()]);
  });

  it('keeps duplicates as separate records', () => {
    const { records } = parse([snakeRecord(), snakeRecord({ overall_match: 6 })]);
    expect(records.map((record) => [record.index, record.jobUrl, record.overallMatch])).toEqual([
      [0, URL_1, 8],
      [1, URL_1, 6],
    ]);
  });
});

describe('parseLegacyMatchJson — whole file', () => {
  it('accepts an empty array', () => {
    expect(parseLegacyMatchJson('[]', 'f.json')).toEqual({
      fileName: 'f.json',
      records: [],
      rejected: [],
      totalRecords: 0,
    });
  });

  it('tolerates a UTF-8 byte order mark', () => {
    const result = parseLegacyMatchJson(`\uFEFF${JSON.stringify([snakeRecord()])}`, 'bom.json');
    expect(result.records).toHaveLength(1);
  });

  it.each([
    ['', /empty\.json is empty, expected a JSON array of match records/],
    ['  \n', /empty\.json is empty/],
    ['\uFEFF', /empty\.json is empty/],
  ])('rejects an empty file %j', (text, message) => {
    const error = thrownBy(() => parseLegacyMatchJson(text, 'empty.json'));
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('reports a truncated file with the line where the data stops', () => {
    const text = JSON.stringify([snakeRecord(), snakeRecord()], null, 2);
    const truncated = text.slice(0, text.length - 40);
    const lines = truncated.split('\n');
    const error = thrownBy(() => parseLegacyMatchJson(truncated, 'job_matches_x.json'));
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain('job_matches_x.json is not valid JSON');
    expect((error as Error).message).toContain(`line ${lines.length}, column ${lines.at(-1)!.length + 1}`);
    expect((error as Error).message).toContain('truncated');
    expect((error as Error).message).toContain('Restore the complete file from a backup');
  });

  it('reports a syntax error in the middle with its line and column', () => {
    const error = thrownBy(() => parseLegacyMatchJson('[\n  {"a": 1},\n  {"b": 2} x\n]', 'bad.json'));
    expect((error as Error).message).toMatch(/bad\.json is not valid JSON: .* \(line 3, column 12\)/);
    expect((error as Error).message).not.toContain('truncated');
  });

  it('rejects text that is not JSON at all', () => {
    const error = thrownBy(() => parseLegacyMatchJson('# Job matches report\n', 'report.json'));
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain('report.json is not valid JSON');
  });

  it.each([
    ['{"matches": []}', 'an object'],
    ['"text"', 'a string'],
    ['null', 'null'],
    ['42', 'a number'],
  ])('rejects a top-level %s', (text, kind) => {
    const error = thrownBy(() => parseLegacyMatchJson(text, 'top.json'));
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toBe(
      `top.json holds ${kind}, expected a JSON array of match records. Check that it is a legacy job_matches_*.json file.`,
    );
  });
});

describe('parseLegacyMatchJson — properties', () => {
  const scoreLike = fc.oneof(
    fc.integer({ min: -3, max: 13 }),
    fc.double(),
    fc.string(),
    fc.constantFrom('8', '8/10', ' 0 ', 'N/A', '8.0'),
    fc.constant(null),
  );
  const recordLike = fc.record(
    {
      application_url: fc.oneof(fc.constant(URL_1), fc.constant('/job/x/1'), fc.string(), fc.integer()),
      'Application URL': fc.oneof(fc.webUrl(), fc.string()),
      job_title: fc.oneof(fc.string(), fc.constant('N/A'), fc.integer()),
      overall_match: scoreLike,
      skills_match: scoreLike,
      education_fit: scoreLike,
      reasoning: fc.oneof(fc.string(), fc.constant('Error evaluating match')),
    },
    { requiredKeys: [] },
  );

  it('never throws for an array of any JSON values, and accounts for every element', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), recordLike)), (elements) => {
        const result = parseLegacyMatchJson(JSON.stringify(elements), 'any.json');
        expect(result.totalRecords).toBe(elements.length);
        expect(result.records.length + result.rejected.length).toBe(result.totalRecords);
        for (const record of result.records) {
          expect(record.jobUrl.startsWith('https://')).toBe(true);
          if (!record.failedEvaluation) expect(record.overallMatch).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
