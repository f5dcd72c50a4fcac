import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZJobLookupResponse } from '../src/schemas/jobs.js';
import { openTestApp, PROBLEM_TYPE, sampleMatch, type TestApp } from './helpers/test-app.js';

const LEGACY_URL = 'https://www.ostjob.ch/job/data-analyst/1034904';

function legacyMatchRecord(id: number, title: string, extra: Record<string, unknown> = {}) {
  return {
    job_title: title,
    company_name: 'Ostwind AG',
    location: '9000 St. Gallen',
    job_description: `Beschreibung von ${title}`,
    application_url: `/job/data-analyst/${id}`,
    overall_match: '8',
    skills_match: 7,
    experience_match: 8,
    education_fit: 9,
    career_trajectory_alignment: 7,
    preference_match: 8,
    potential_satisfaction: 8,
    location_compatibility: 'Yes',
    reasoning: 'Passt gut.',
    cv_path: 'input/cv.pdf',
    ...extra,
  };
}

function scraperPosting(id: number, title: string) {
  return {
    'Job Title': title,
    'Company Name': 'Säntis Software AG',
    Location: '9100 Herisau',
    'Job Description': `Details zu ${title}`,
    'Required Skills': 'SQL, Python',
    'Salary Range': '80-100%',
    'Posting Date': '03.11.2025',
    'Application URL': `https://www.ostjob.ch/job/backend-engineer/${id}?utm_source=feed`,
  };
}

describe.each(testProviders())('GET /api/jobs?url= (%s)', (provider) => {
  let t: TestApp;
  let matchesDir: string;
  let dataDir: string;

  beforeEach(async () => {
    t = await openTestApp(provider);
    matchesDir = join(t.dir, 'job_matches');
    dataDir = join(t.dir, 'job_data');
    mkdirSync(matchesDir, { recursive: true });
    mkdirSync(dataDir, { recursive: true });
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  const lookup = (url: string) => request(t.app).get(`/api/jobs?url=${encodeURIComponent(url)}`);

  it('finds a posting in the database first, by any form of its URL', async () => {
    await t.store.insertMatches([sampleMatch(7), sampleMatch(7, { searchTerm: 'Informatik', overallMatch: 3 })]);
    // The same posting also sits in a legacy file: the database wins.
    writeFileSync(
      join(matchesDir, 'job_matches_20251101_100000.json'),
      JSON.stringify([legacyMatchRecord(1030007, 'Old title', { application_url: sampleMatch(7).jobUrl })]),
    );
    const res = await lookup('http://ostjob.ch/job/software-engineer-7/1030007/?utm_campaign=x#top');
    expect(res.status).toBe(200);
    const body = ZJobLookupResponse.parse(res.body);
    expect(body).toMatchObject({
      url: sampleMatch(7).jobUrl,
      source: 'database',
      posting: { title: 'Software Engineer 7', skills: ['TypeScript', 'SQL'] },
    });
    expect(body.evaluations.map((e) => e.searchTerm).sort()).toEqual(['IT', 'Informatik']);
    expect(body.legacy).toBeUndefined();
  });

  it('finds a posting the database knows only from a results page (job_postings)', async () => {
    const url = 'https://www.ostjob.ch/job/scrum-master/1040001';
    await t.store.upsertPostings([
      {
        url,
        title: 'Scrum Master',
        companyName: 'Agil AG',
        location: '8500 Frauenfeld',
        description: 'Teams begleiten',
        skills: ['Scrum'],
      },
    ]);
    const body = ZJobLookupResponse.parse((await lookup(url)).body);
    expect(body).toMatchObject({
      source: 'database',
      evaluations: [],
      posting: { title: 'Scrum Master', description: 'Teams begleiten', skills: ['Scrum'] },
    });
  });

  it('falls back to a legacy job_matches file: exact URL only, with the legacy evaluation', async () => {
    writeFileSync(
      join(matchesDir, 'job_matches_20251101_100000.json'),
      JSON.stringify([
        legacyMatchRecord(1034900, 'First job of the file'),
        legacyMatchRecord(1034904, 'Data Analyst 80-100%'),
        legacyMatchRecord(1034905, 'Other'),
      ]),
    );
    writeFileSync(join(matchesDir, 'job_matches_20251101_100000.md'), '# report, ignored');
    const res = await lookup(LEGACY_URL);
    expect(res.status).toBe(200);
    const body = ZJobLookupResponse.parse(res.body);
    expect(body).toMatchObject({
      url: LEGACY_URL,
      source: 'legacy_json',
      evaluations: [],
      posting: {
        url: LEGACY_URL,
        title: 'Data Analyst 80-100%',
        companyName: 'Ostwind AG',
        description: 'Beschreibung von Data Analyst 80-100%',
      },
      legacy: {
        file: 'job_matches_20251101_100000.json',
        kind: 'job_matches',
        evaluation: { overallMatch: 8, skillsMatch: 7, reasoning: 'Passt gut.', failedEvaluation: false },
      },
    });
  });

  it('falls back to a legacy job_data file (pages as lists or {content: [...]})', async () => {
    writeFileSync(
      join(dataDir, 'job_data_20251102_090000.json'),
      JSON.stringify([
        [scraperPosting(2000001, 'Backend Engineer A')],
        { content: [scraperPosting(2000002, 'Backend Engineer B')] },
      ]),
    );
    const body = ZJobLookupResponse.parse((await lookup('https://www.ostjob.ch/job/backend-engineer/2000002')).body);
    expect(body).toMatchObject({
      source: 'legacy_json',
      posting: {
        title: 'Backend Engineer B',
        location: '9100 Herisau',
        salaryRange: '80-100%',
        skills: ['SQL', 'Python'],
        description: 'Details zu Backend Engineer B',
      },
      legacy: { file: 'job_data_20251102_090000.json', kind: 'job_data', evaluation: null },
    });
  });

  it('answers 404 for a URL that no file holds, never "the first job of the file"', async () => {
    writeFileSync(
      join(matchesDir, 'job_matches_20251101_100000.json'),
      JSON.stringify([legacyMatchRecord(1034904, 'Data Analyst')]),
    );
    writeFileSync(
      join(dataDir, 'job_data_20251102_090000.json'),
      JSON.stringify([[scraperPosting(2000001, 'Backend Engineer A')]]),
    );
    for (const url of [
      'https://www.ostjob.ch/job/data-analyst/1034905',
      'https://www.ostjob.ch/job/data-analyst/103490',
      'https://www.ostjob.ch/job/other-slug/1034904',
      'https://example.com/job/data-analyst/1034904',
    ]) {
      const res = await lookup(url);
      expect(res.status, url).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_TYPE);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('prefers the newest file holding the URL', async () => {
    writeFileSync(
      join(matchesDir, 'job_matches_20250101_080000.json'),
      JSON.stringify([legacyMatchRecord(1034904, 'Old title')]),
    );
    writeFileSync(
      join(matchesDir, 'job_matches_20251231_235959.json'),
      JSON.stringify([legacyMatchRecord(1034904, 'New title')]),
    );
    writeFileSync(
      join(dataDir, 'job_data_20250601_120000.json'),
      JSON.stringify([[{ ...scraperPosting(1, 'Middle title'), 'Application URL': LEGACY_URL }]]),
    );
    expect((await lookup(LEGACY_URL)).body.posting.title).toBe('New title');
  });

  it('reads each file once and again only when it changes', async () => {
    const file = join(matchesDir, 'job_matches_20251101_100000.json');
    writeFileSync(file, JSON.stringify([legacyMatchRecord(1034904, 'Version 1')]));
    writeFileSync(
      join(dataDir, 'job_data_20251001_100000.json'),
      JSON.stringify([[scraperPosting(2000001, 'Backend Engineer A')]]),
    );
    for (let i = 0; i < 5; i++)
      expect((await lookup('https://www.ostjob.ch/job/backend-engineer/2000001')).status).toBe(200);
    expect(t.app.context.legacy.fileReads).toBe(2);
    expect((await lookup(LEGACY_URL)).body.posting.title).toBe('Version 1');
    expect(t.app.context.legacy.fileReads).toBe(2);
    writeFileSync(file, JSON.stringify([legacyMatchRecord(1034904, 'Version 2')]));
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect((await lookup(LEGACY_URL)).body.posting.title).toBe('Version 2');
    expect(t.app.context.legacy.fileReads).toBe(3);
  });

  it('skips a broken legacy file and still finds postings in the others', async () => {
    writeFileSync(join(matchesDir, 'job_matches_20251231_000000.json'), '[{"job_title": "truncated"');
    writeFileSync(
      join(matchesDir, 'job_matches_20251101_100000.json'),
      JSON.stringify([legacyMatchRecord(1034904, 'Still here')]),
    );
    const res = await lookup(LEGACY_URL);
    expect(res.status).toBe(200);
    expect(res.body.posting.title).toBe('Still here');
  });

  it('answers 404 when the legacy directories do not exist', async () => {
    rmSync(matchesDir, { recursive: true });
    rmSync(dataDir, { recursive: true });
    const res = await request(t.app).get(`/api/jobs?url=${encodeURIComponent(LEGACY_URL)}`);
    expect(res.status).toBe(404);
  });
});
