import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importLegacyFile } from '../../src/import/import-legacy-file.js';
import { validateImports } from '../../src/import/validate-imports.js';
import type { Store } from '../../src/store/store.js';
import type { MatchDetail } from '../../src/store/types.js';
import { openTestStore, testProviders } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { createFixtureDir } from './legacy-fixtures.js';

/**
 * Multi-file legacy imports as the field has them: one posting in several URL spellings, failed
 * evaluations before real ones, repeats within and across files, rejected records. Whatever the
 * mix, each key's row is its first valid record (or its first failed one when it has no valid
 * one), and validate agrees after a plain import and after a forced re-run.
 */

const CV_KEY = '0123456789abcdef';
const TERMS = ['IT', 'analyst'] as const;

const canonical = (posting: number) => `https://www.ostjob.ch/job/stelle-${posting}/${1_040_000 + posting}`;
const SPELLINGS: readonly ((posting: number) => string)[] = [
  (p) => canonical(p),
  (p) => `/job/stelle-${p}/${1_040_000 + p}`,
  (p) => `job/stelle-${p}/${1_040_000 + p}`,
  (p) => `./job/stelle-${p}/${1_040_000 + p}`,
  (p) => `ostjob.ch/job/stelle-${p}/${1_040_000 + p}`,
  (p) => `www.ostjob.ch/job/stelle-${p}/${1_040_000 + p}`,
  (p) => `http://ostjob.ch/job/stelle-${p}/${1_040_000 + p}/`,
  (p) => `HTTPS://WWW.OSTJOB.CH/job/stelle-${p}/${1_040_000 + p}?utm_source=mail#apply`,
];

type Kind = 'valid' | 'failed' | 'rejected';
interface GeneratedRecord {
  posting: number;
  spelling: number;
  kind: Kind;
  score: number;
  titleCase: boolean;
  note: string;
}

const recordArb: fc.Arbitrary<GeneratedRecord> = fc.record({
  posting: fc.integer({ min: 0, max: 5 }),
  spelling: fc.integer({ min: 0, max: SPELLINGS.length - 1 }),
  kind: fc.constantFrom<Kind>('valid', 'valid', 'valid', 'failed', 'rejected'),
  score: fc.integer({ min: 1, max: 10 }),
  titleCase: fc.boolean(),
  note: fc.string({ maxLength: 12 }),
});
const filesArb = fc.array(
  fc.record({ term: fc.constantFrom(...TERMS), records: fc.array(recordArb, { maxLength: 8 }) }),
  { minLength: 1, maxLength: 4 },
);

function legacyJson(r: GeneratedRecord, serial: string): Record<string, unknown> {
  const url = SPELLINGS[r.spelling]!(r.posting);
  const score = r.kind === 'failed' ? 0 : r.kind === 'rejected' ? 11 : r.score;
  const reasoning = r.kind === 'failed' ? 'Error evaluating match' : `Bewertung ${serial}: ${r.note}`;
  const title = `Stelle ${r.posting} (${serial})`;
  return r.titleCase
    ? {
        'Job Title': title,
        'Application URL': url,
        'Overall Match': String(score),
        Reasoning: reasoning,
        extra: serial,
      }
    : { job_title: title, application_url: url, overall_match: score, skills_match: 7, reasoning, extra: serial };
}

interface Expected {
  raw: Record<string, unknown>;
  kind: Kind;
  score: number;
}

/** Each key's first valid record, else its first failed one; rejected records count for nothing. */
function expectedRows(files: { term: string; records: GeneratedRecord[] }[], raws: Record<string, unknown>[][]) {
  const expected = new Map<string, Expected>();
  files.forEach((file, f) => {
    file.records.forEach((record, i) => {
      if (record.kind === 'rejected') return;
      const key = `${canonical(record.posting)} ${file.term}`;
      const earlier = expected.get(key);
      if (!earlier || (earlier.kind === 'failed' && record.kind === 'valid'))
        expected.set(key, { raw: raws[f]![i]!, kind: record.kind, score: record.score });
    });
  });
  return expected;
}

async function storedRows(store: Store): Promise<Map<string, MatchDetail>> {
  const rows = new Map<string, MatchDetail>();
  // Every row, failed ones included (lists hide those).
  for (const { id } of await testSql(store).query<{ id: number }>('SELECT id FROM job_matches')) {
    const row = (await store.getMatch(Number(id)))!;
    rows.set(`${row.jobUrl} ${row.searchTerm}`, row);
  }
  return rows;
}

function checkRows(stored: Map<string, MatchDetail>, expected: Map<string, Expected>): void {
  expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, want] of expected) {
    const row = stored.get(key)!;
    const raw = want.raw;
    expect(row.scrapedData, key).toEqual(raw);
    expect(row.jobTitle, key).toBe(raw.job_title ?? raw['Job Title']);
    // The reader trims text fields (legacy padded some).
    expect(row.reasoning, key).toBe(String(raw.reasoning ?? raw.Reasoning).trim());
    expect(row.evaluationStatus, key).toBe(want.kind === 'failed' ? 'failed' : 'evaluated');
    expect(row.overallMatch, key).toBe(want.kind === 'failed' ? null : want.score);
    expect(row.skillsMatch, key).toBe(want.kind === 'failed' || raw.skills_match === undefined ? null : 7);
  }
}

describe.each(testProviders())('legacy import fidelity, property-based (%s)', (provider) => {
  it("stores each key's first valid record, and validate passes after a plain and a forced run", async () => {
    await fc.assert(
      fc.asyncProperty(filesArb, fc.boolean(), async (files, grouped) => {
        const t = await openTestStore(provider);
        const dir = await createFixtureDir();
        try {
          const raws = files.map((file, f) => file.records.map((r, i) => legacyJson(r, `${f}.${i}`)));
          const paths: string[] = [];
          for (const [f, records] of raws.entries())
            paths.push(await dir.write(`job_matches_2025010${f + 1}_080000.json`, records));
          const run = async (store: Store, force: boolean) => {
            const runKeys = new Set<string>();
            for (const [f, path] of paths.entries())
              await importLegacyFile(store, {
                path,
                searchTerm: files[f]!.term,
                cvKey: CV_KEY,
                onDuplicate: force ? 'update' : 'skip',
                skipIfImported: !force,
                runKeys,
              });
          };
          // Grouped: the files share one transaction, each a savepoint, as jobsearch-migrate runs them.
          const importAll = (force: boolean) =>
            grouped ? t.store.transaction((tx) => run(tx, force)) : run(t.store, force);

          const expected = expectedRows(files, raws);
          await importAll(false);
          checkRows(await storedRows(t.store), expected);
          const plain = await validateImports(t.store, { sample: 1_000, seed: 1 });
          expect(plain.discrepancies, JSON.stringify(plain.files)).toBe(0);

          await importAll(true);
          checkRows(await storedRows(t.store), expected);
          const forced = await validateImports(t.store, { sample: 1_000, seed: 1 });
          expect(forced.discrepancies, JSON.stringify(forced.files)).toBe(0);
        } finally {
          await dir.cleanup();
          await t.cleanup();
        }
      }),
      { numRuns: provider === 'sqlite' ? 60 : 25 },
    );
  }, 120_000);
});
