import { describe, expect, it } from 'vitest';
import { checkMatchRow, type StoredMatchRow } from '../../src/import/check-match-row.js';
import { timestampFromLegacyFileName } from '../../src/import/file-name-timestamp.js';
import { sampleIndices, seededRandom } from '../../src/import/seeded-sample.js';

const ROW: StoredMatchRow = {
  id: 1,
  job_url: 'https://www.ostjob.ch/job/x/1',
  search_term: 'IT',
  cv_key: '0123456789abcdef',
  job_title: 'x',
  company_name: null,
  location: null,
  posting_date: '02.11.2025',
  salary_range: 'N/A',
  overall_match: 8,
  skills_match: 7,
  experience_match: null,
  education_fit: 9,
  career_trajectory_alignment: 7,
  preference_match: 8,
  potential_satisfaction: 8,
  location_compatibility: 'Yes',
  reasoning: 'gut',
  scraped_data: '{"a":1}',
  scraped_at: '2025-11-02T13:15:24.700803',
  matched_at: '2025-11-02 12:15:24',
  evaluation_status: null,
  source: null,
};

describe('checkMatchRow', () => {
  it('accepts legacy and new rows, including a failed evaluation stored as 0', () => {
    expect(checkMatchRow(ROW)).toEqual([]);
    expect(checkMatchRow({ ...ROW, overall_match: 0, skills_match: 0, evaluation_status: 'failed' })).toEqual([]);
    expect(checkMatchRow({ ...ROW, matched_at: '2025-11-02T12:15:24.000Z', evaluation_status: 'evaluated' })).toEqual(
      [],
    );
  });

  it.each([
    [{ overall_match: 11 }, 'overall_match 11 is not an integer 1–10 (or 0 for a failed evaluation)'],
    [{ overall_match: 7.5 }, 'overall_match 7.5 is not an integer 1–10 (or 0 for a failed evaluation)'],
    [{ overall_match: '8' }, 'overall_match "8" is not an integer 1–10 (or 0 for a failed evaluation)'],
    [{ skills_match: 0 }, 'skills_match 0 is not an integer 1–10'],
    [{ evaluation_status: 'failed' }, 'evaluation_status "failed" contradicts overall_match 8'],
    [{ cv_key: '0123456789ABCDEF' }, 'cv_key "0123456789ABCDEF" is not 16 lowercase hex characters'],
    [{ job_url: 'https://ostjob.ch/job/x/1/' }, 'job_url is not canonical (expected https://www.ostjob.ch/job/x/1)'],
    [{ job_url: 'N/A' }, 'job_url "N/A" is not a posting URL'],
    [{ scraped_at: 'gestern' }, 'scraped_at "gestern" is not a timestamp'],
    [{ matched_at: null }, 'matched_at null is not a timestamp'],
    [{ scraped_data: '{"a":' }, 'scraped_data is not JSON text'],
    [{ search_term: ' ' }, 'search_term is empty'],
  ])('flags %o', (change, problem) => {
    expect(checkMatchRow({ ...ROW, ...change })).toEqual([problem]);
  });
});

describe('timestampFromLegacyFileName', () => {
  it('reads the stamp of a legacy file name as UTC', () => {
    expect(timestampFromLegacyFileName('/data/job_matches/job_matches_20251102_131524.json')).toBe(
      '2025-11-02T13:15:24.000Z',
    );
  });

  it.each([
    'job_matches_latest.json',
    'job_matches_20250230_120000.json',
    'job_matches_20250101_250000.json',
    'job_matches_20250101_1200001.json',
  ])('returns null for %s', (name) => {
    expect(timestampFromLegacyFileName(name)).toBeNull();
  });
});

describe('seeded sample', () => {
  it('draws distinct indices within range, the same for the same seed', () => {
    const a = sampleIndices(1000, 50, seededRandom(1));
    expect(new Set(a).size).toBe(50);
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(sampleIndices(1000, 50, seededRandom(1))).toEqual(a);
    expect(sampleIndices(1000, 50, seededRandom(2))).not.toEqual(a);
    expect(sampleIndices(5, 10, seededRandom(3)).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
