import { input, select } from '@inquirer/prompts';
import { render } from '@inquirer/testing';
import { openStore } from '@jobsearchai/core/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { init } from '../src/commands/init.js';
import { migrate } from '../src/commands/migrate.js';
import { cvKeyQuestion, cvQuestion, sameAsPreviousQuestion, searchTermQuestion } from '../src/migrate/ask-answers.js';
import { createInstallation, legacyRecord, type Installation } from './helpers/installation.js';
import { scriptedPrompter } from './helpers/scripted-prompter.js';

describe('interactive migrate', () => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation();
    await init({ cwd: install.dir, db: install.db });
    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1), legacyRecord(2)]);
    await install.writeMatches('job_matches_20250102_080000.json', [legacyRecord(3, { cv_path: 'input/Alt.pdf' })]);
    await install.writeMatches('job_matches_20250103_080000.json', [legacyRecord(4)]);
    await install.write('process_cv/cv-data/input/Lebenslauf.pdf', 'Lebenslauf Muster');
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('asks per file, offers the CV the records name, falls back to a typed cv_key and skips on an empty answer', async () => {
    const prompter = scriptedPrompter({
      answers: [
        [/^job_matches_20250101_080000\.json \(2 records\): search term/, 'IT'],
        [/^job_matches_20250101_080000\.json: CV file/, ''], // takes the default: process_cv/cv-data/input/Lebenslauf.pdf
        [/^job_matches_20250102_080000\.json \(1 records\): search term and CV$/, 'other'],
        [/^job_matches_20250102_080000\.json \(1 records\): search term \(/, 'analyst'],
        [/^job_matches_20250102_080000\.json: CV file/, 'process_cv/cv-data/input/Alt.pdf'],
        [/Alt\.pdf does not exist\. cv_key for job_matches_20250102_080000\.json/, 'FEDCBA9876543210'],
        [/^job_matches_20250103_080000\.json \(1 records\): search term and CV$/, 'skip'],
        [/^Import 2 file\(s\) into .*A backup is taken first\./, true],
      ],
    });
    const result = await migrate({ cwd: install.dir, db: install.db, prompter });

    expect(prompter.asked[1]).toMatchObject({ default: `${install.dir}/process_cv/cv-data/input/Lebenslauf.pdf` });
    // From the second file on, the previous file's answers come first, as the default.
    expect(prompter.asked[2]).toMatchObject({
      default: 'same',
      choices: [
        { value: 'same', name: 'Same as the previous file (search term IT, CV Lebenslauf.pdf)' },
        { value: 'other', name: 'Other answers' },
        { value: 'skip', name: 'Skip this file' },
      ],
    });
    expect(prompter.asked[6]).toMatchObject({
      choices: expect.arrayContaining([
        { value: 'same', name: 'Same as the previous file (search term analyst, cv_key fedcba9876543210)' },
      ]),
    });
    expect(result.files.map((f) => [f.status, f.searchTerm, f.migrated])).toEqual([
      ['imported', 'IT', 2],
      ['imported', 'analyst', 1],
      ['skipped', null, 0],
    ]);
    expect(result.files[1]!.cvKey).toBe('fedcba9876543210');
    expect(result.backup).not.toBeNull();
    const store = await openStore({ url: install.db, create: false });
    expect((await store.listCvVersions()).map((cv) => cv.fileName)).toEqual(['Lebenslauf.pdf', '']);
    await store.close();
  });

  it('asks only what the flags leave open, and writes nothing when the operator declines', async () => {
    const prompter = scriptedPrompter({
      answers: [
        [/20250101.*CV file/, ''],
        [/20250102.*search term and CV$/, ''], // Enter: the same CV as the previous file
        [/20250103.*search term and CV$/, 'other'],
        [/20250103.*CV file/, '0123456789abcdef'],
        [/^Import 3 file\(s\)/, false],
      ],
    });
    await expect(migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', prompter })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    // The search term came from --search-term: only the CV is offered again.
    expect(prompter.asked[1]).toMatchObject({
      choices: expect.arrayContaining([{ value: 'same', name: 'Same as the previous file (CV Lebenslauf.pdf)' }]),
    });
    const store = await openStore({ url: install.db, create: false });
    expect(await store.tableCounts()).toMatchObject({ jobMatches: 0, legacyImports: 0 });
    await store.close();
  });
});

describe('prompts (rendered by @inquirer/prompts)', () => {
  it('shows the file and its record count in the search term question', async () => {
    const { answer, events, getScreen } = await render(
      input,
      searchTermQuestion('job_matches_20250101_080000.json', 42),
    );
    // The test terminal is 80 columns wide: the question wraps.
    expect(getScreen().replace(/\s+/g, ' ')).toContain(
      'job_matches_20250101_080000.json (42 records): search term (empty skips this file)',
    );
    events.type('IT-typ-festanstellung');
    events.keypress('enter');
    await expect(answer).resolves.toBe('IT-typ-festanstellung');
  });

  it("offers the previous file's answers first, chosen by Enter", async () => {
    const { answer, events, getScreen } = await render(
      select,
      sameAsPreviousQuestion('job_matches_20250102_080000.json', 3, 'search term IT, CV cv.pdf'),
    );
    const screen = getScreen();
    expect(screen).toContain('job_matches_20250102_080000.json (3 records): search term and CV');
    expect(screen).toContain('Same as the previous file (search term IT, CV cv.pdf)');
    expect(screen).toContain('Other answers');
    expect(screen).toContain('Skip this file');
    events.keypress('enter');
    await expect(answer).resolves.toBe('same');
  });

  it('skips a file with the third choice', async () => {
    const { answer, events } = await render(select, sameAsPreviousQuestion('x.json', 1, 'search term IT, CV cv.pdf'));
    events.keypress('down');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe('skip');
  });

  it('offers the CV path as the default', async () => {
    const { answer, events, getScreen } = await render(
      input,
      cvQuestion('x.json', '/srv/process_cv/cv-data/input/cv.pdf'),
    );
    expect(getScreen()).toContain('(/srv/process_cv/cv-data/input/cv.pdf)');
    events.keypress('enter');
    await expect(answer).resolves.toBe('/srv/process_cv/cv-data/input/cv.pdf');
  });

  it('refuses a cv_key that is not 16 hex characters and accepts a valid one', async () => {
    const { answer, events, getScreen } = await render(input, cvKeyQuestion('x.json', '/cv/missing.pdf'));
    events.type('12345');
    events.keypress('enter');
    await new Promise((resolve) => setImmediate(resolve));
    expect(getScreen()).toContain('A cv_key is 16 hexadecimal characters');
    for (let i = 0; i < 5; i++) events.keypress('backspace');
    events.type('0123456789abcdef');
    events.keypress('enter');
    await expect(answer).resolves.toBe('0123456789abcdef');
  });
});
