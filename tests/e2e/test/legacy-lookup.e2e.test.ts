import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getJson, getOk } from './harness/http.js';
import { createInstallation, type Installation } from './harness/installation.js';
import { failedRecord, legacyUrl, snakeCaseRecord, titleCaseRecord, writeMatchFile } from './harness/legacy-files.js';
import { expectSuccess, startApi, type LongRunning } from './harness/processes.js';

interface JobLookup {
  url: string;
  source: 'database' | 'legacy_json';
  posting: {
    title: string | null;
    companyName: string | null;
    description: string | null;
    skills: string[] | null;
  } | null;
  evaluations: { searchTerm: string }[];
  legacy?: {
    file: string;
    kind: 'job_matches' | 'job_data';
    evaluation: { overallMatch: number | null; reasoning: string | null; failedEvaluation: boolean } | null;
  };
}

interface Problem {
  type: string;
  status: number;
  code: string;
  detail: string;
}

const NEWER_FILE = 'job_matches_20250301_120000.json';

describe.each(testProviders())('postings only in legacy JSON files, looked up by URL (%s)', (provider) => {
  let install: Installation;
  let api: LongRunning & { url: string };

  beforeEach(async () => {
    install = await createInstallation(provider);
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
    // Imported: the database answers for it even though a legacy file holds it too.
    await writeMatchFile(install, '20250105_070000', [snakeCaseRecord(5)], 'imported');
    expectSuccess(
      await install.migrateCli(
        'migrate',
        '--dir',
        'imported',
        '--search-term',
        'IT',
        '--cv-key',
        '0123456789abcdef',
        '--yes',
        '--no-backup',
      ),
      'jobsearch-migrate migrate',
    );

    // Not imported: an older file in ./job_matches, a newer one in an archive folder named by absolute path.
    await writeMatchFile(install, '20250110_083000', [
      snakeCaseRecord(1, { reasoning: 'Ältere Bewertung.' }),
      titleCaseRecord(2),
      failedRecord(4),
      snakeCaseRecord(5, { reasoning: 'Nur in der Datei.' }),
    ]);
    await writeMatchFile(
      install,
      '20250301_120000',
      [snakeCaseRecord(1, { overall_match: 9, reasoning: 'Neuere Bewertung.' })],
      'archive',
    );
    await install.write('job_data/job_data_20250302_060000.json', [
      {
        content: [
          {
            'Job Title': 'Systemtechniker/in',
            'Company Name': 'Scraper AG',
            Location: '9500 Wil',
            'Application URL': '/job/systemtechniker-in/1050003',
          },
        ],
      },
    ]);
    api = await startApi({
      cwd: install.dir,
      args: ['--db', install.db],
      env: { LEGACY_JSON_DIRS: `${install.path('archive')},job_matches,job_data` },
    });
  });

  afterEach(async () => {
    await api?.stop();
    await install.cleanup();
  });

  const lookup = (url: string) => getJson<JobLookup & Problem>(`${api.url}/api/jobs?url=${encodeURIComponent(url)}`);

  it('serves a posting from the newest legacy file that holds it, under every spelling of its URL', async () => {
    const canonical = legacyUrl(1);
    const path = new URL(canonical).pathname;
    // The legacy normalisation rules (DOMAIN.md §4): scheme, www., trailing slash, query, fragment, relative and scheme-less forms.
    const spellings = [
      canonical,
      `http://ostjob.ch${path}`,
      `https://ostjob.ch${path}/`,
      `https://www.ostjob.ch${path}?utm_source=mail#details`,
      `ostjob.ch${path}`,
      path,
      `HTTPS://WWW.OSTJOB.CH${path}`,
    ];
    for (const spelling of spellings) {
      const answer = await lookup(spelling);
      expect(answer.status, spelling).toBe(200);
      expect(answer.body, spelling).toMatchObject({
        url: canonical,
        source: 'legacy_json',
        posting: { title: snakeCaseRecord(1).job_title, companyName: snakeCaseRecord(1).company_name },
        evaluations: [],
        legacy: {
          file: NEWER_FILE,
          kind: 'job_matches',
          evaluation: { overallMatch: 9, reasoning: 'Neuere Bewertung.', failedEvaluation: false },
        },
      });
    }
  });

  it('reads Title Case records with relative URLs, failed evaluations and scraper files', async () => {
    const titleCase = await getOk<JobLookup>(
      `${api.url}/api/jobs?url=${encodeURIComponent(legacyUrl(2, 'business-analyst'))}`,
    );
    expect(titleCase).toMatchObject({
      source: 'legacy_json',
      posting: {
        title: 'Business Analyst 2',
        companyName: 'Beispiel 2 GmbH',
        description: titleCaseRecord(2)['Job Description'],
        skills: ['SQL', 'BPMN', 'Kommunikation'],
      },
      legacy: { kind: 'job_matches', evaluation: { overallMatch: 3, failedEvaluation: false } },
    });

    const failed = await getOk<JobLookup>(`${api.url}/api/jobs?url=${encodeURIComponent(legacyUrl(4))}`);
    expect(failed.legacy?.evaluation).toMatchObject({ failedEvaluation: true, reasoning: 'Error evaluating match' });

    const scraped = await getOk<JobLookup>(
      `${api.url}/api/jobs?url=${encodeURIComponent('https://www.ostjob.ch/job/systemtechniker-in/1050003')}`,
    );
    expect(scraped).toMatchObject({
      source: 'legacy_json',
      posting: { title: 'Systemtechniker/in', companyName: 'Scraper AG' },
      legacy: { file: 'job_data_20250302_060000.json', kind: 'job_data', evaluation: null },
    });
  });

  it('answers from the database first, and with problem+json for an unknown or unusable URL', async () => {
    const imported = await getOk<JobLookup>(`${api.url}/api/jobs?url=${encodeURIComponent(legacyUrl(5))}`);
    expect(imported).toMatchObject({ source: 'database', evaluations: [{ searchTerm: 'IT' }] });
    expect(imported.legacy).toBeUndefined();

    const unknownUrl = legacyUrl(999);
    const unknown = await lookup(`http://ostjob.ch${new URL(unknownUrl).pathname}`);
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(unknown.body.detail).toContain(unknownUrl);
    expect(JSON.stringify(unknown.body)).not.toMatch(/at .*\.js:\d+/);

    const unusable = await lookup('mailto:jobs@example.ch');
    expect(unusable.status).toBe(400);
    expect(unusable.contentType).toMatch(/^application\/problem\+json/);
    expect(unusable.body.detail).toMatch(/url/);
  });
});
