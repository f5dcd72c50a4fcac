import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import {
  discoverLegacyJobDataFiles,
  discoverLegacyMatchFiles,
  parseLegacyJobDataJson,
  readLegacyJobDataFile,
  readLegacyMatchFile,
} from '../../src/legacy/index.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'legacy-files-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const RECORD = { job_title: 'Informatiker EFZ', application_url: '/job/informatiker/1030001', overall_match: 9 };

describe('readLegacyMatchFile', () => {
  it('reads records and the sha256 of the bytes as stored, BOM included', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify([RECORD, { overall_match: 3 }])),
    ]);
    const path = await write('job_matches_20250101_120000.json', bytes);
    const result = await readLegacyMatchFile(path);
    expect(result.fileName).toBe(path);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.totalRecords).toBe(2);
    expect(result.records.map((record) => record.jobUrl)).toEqual(['https://www.ostjob.ch/job/informatiker/1030001']);
    expect(result.rejected.map((entry) => entry.index)).toEqual([1]);
  });

  it('names the path of a file that is not JSON', async () => {
    const path = await write('job_matches_broken.json', '[{"job_title": "Koch", "overall');
    const error = await rejectionOf(readLegacyMatchFile(path));
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain(`${path} is not valid JSON`);
  });

  it('rejects bytes that are not UTF-8 instead of garbling umlauts', async () => {
    const path = await write('job_matches_latin1.json', Buffer.from('[{"location": "Z\xfcrich"}]', 'latin1'));
    const error = await rejectionOf(readLegacyMatchFile(path));
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain(`${path} is not UTF-8 text`);
  });

  it('reports a missing file as IO_ERROR with its path', async () => {
    const path = join(dir, 'job_matches_missing.json');
    const error = await rejectionOf(readLegacyMatchFile(path));
    expect(isJobSearchError(error, 'IO_ERROR')).toBe(true);
    expect((error as Error).message).toContain(path);
  });
});

describe('discovery', () => {
  it('lists job_matches files oldest first and ignores reports, other files and subdirectories', async () => {
    await write('job_matches_20250301_080000.json', '[]');
    await write('job_matches_20250101_120000.json', '[]');
    await write('job_matches_20250101_120000.md', '# report');
    await write('job_data_20250101_120000.json', '[]');
    await write('notes.json', '[]');
    await mkdir(join(dir, 'job_matches_20250201_000000.json'));
    await mkdir(join(dir, 'old'));
    await writeFile(join(dir, 'old', 'job_matches_20240101_000000.json'), '[]');

    expect(await discoverLegacyMatchFiles(dir)).toEqual([
      join(dir, 'job_matches_20250101_120000.json'),
      join(dir, 'job_matches_20250301_080000.json'),
    ]);
  });

  it('lists job_data files newest first', async () => {
    await write('job_data_20250101_120000.json', '[]');
    await write('job_data_20250301_080000.json', '[]');
    await write('job_data_20250201_000000.json', '[]');
    await write('job_matches_20250401_000000.json', '[]');

    expect(await discoverLegacyJobDataFiles(dir)).toEqual([
      join(dir, 'job_data_20250301_080000.json'),
      join(dir, 'job_data_20250201_000000.json'),
      join(dir, 'job_data_20250101_120000.json'),
    ]);
  });

  it('returns an empty list for a directory without legacy files', async () => {
    expect(await discoverLegacyMatchFiles(dir)).toEqual([]);
  });

  it('reports a missing directory as IO_ERROR with its path', async () => {
    const missing = join(dir, 'job_matches');
    for (const discover of [discoverLegacyMatchFiles, discoverLegacyJobDataFiles]) {
      const error = await rejectionOf(discover(missing));
      expect(isJobSearchError(error, 'IO_ERROR')).toBe(true);
      expect((error as Error).message).toContain(missing);
    }
  });
});

describe('legacy job data files', () => {
  const posting = (id: number, extra: Record<string, unknown> = {}) => ({
    'Job Title': `Stelle ${id}`,
    'Company Name': 'Firma AG',
    Location: 'Rapperswil',
    'Salary Range': 'N/A',
    'Posting Date': '01.11.2025',
    'Job Description': 'Beschreibung mit Ümlaut',
    'Application URL': `/job/stelle/${id}`,
    ...extra,
  });

  it('flattens pages given as lists and as {"content": [...]}', () => {
    const pages = [[posting(1), posting(2)], { content: [posting(3)] }, [], { content: [] }];
    const postings = parseLegacyJobDataJson(JSON.stringify(pages), 'job_data_x.json');
    expect(postings.map((p) => p.jobUrl)).toEqual([1, 2, 3].map((id) => `https://www.ostjob.ch/job/stelle/${id}`));
    expect(postings[0]).toEqual({
      jobUrl: 'https://www.ostjob.ch/job/stelle/1',
      jobTitle: 'Stelle 1',
      companyName: 'Firma AG',
      location: 'Rapperswil',
      postingDate: '01.11.2025',
      salaryRange: null,
      raw: posting(1),
    });
  });

  it('leaves out what cannot be looked up by URL', () => {
    const pages = [
      [posting(1, { 'Application URL': undefined }), 'text', null, posting(2)],
      { content: 'nothing' },
      7,
      { other: [posting(3)] },
    ];
    const postings = parseLegacyJobDataJson(JSON.stringify(pages), 'job_data_x.json');
    expect(postings.map((p) => p.jobTitle)).toEqual(['Stelle 2']);
  });

  it('rejects a file that is not an array of pages', () => {
    let error: unknown;
    try {
      parseLegacyJobDataJson('{"content": []}', 'job_data_x.json');
    } catch (caught) {
      error = caught;
    }
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain(
      'job_data_x.json holds an object, expected a JSON array of result pages',
    );
  });

  it('reads a file from disk', async () => {
    const path = await write('job_data_20250101_120000.json', JSON.stringify([{ content: [posting(5)] }]));
    const postings = await readLegacyJobDataFile(path);
    expect(postings.map((p) => p.jobUrl)).toEqual(['https://www.ostjob.ch/job/stelle/5']);
  });
});
