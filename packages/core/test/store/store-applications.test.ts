// The application tracker: one status per (job URL, CV) kept in the legacy `applications` table,
// which keys it per job_matches row (one per search term).
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDatabase } from '../../src/copy/copy-database.js';
import { isJobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { createLegacySqliteDatabase } from '../../src/testing/legacy-database.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import {
  createTestDatabase,
  openTestStore,
  testProviders,
  type TestDatabase,
  type TestStore,
} from '../../src/testing/test-databases.js';
import { sampleMatch } from './fixtures.js';

const CV = '0123456789abcdef';
const OTHER_CV = 'fedcba9876543210';
const url = (n: number) => sampleMatch(n).jobUrl;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe.each(testProviders())('store: application tracker (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** Posting n evaluated under two search terms (two job_matches rows), with the given score. */
  async function posting(n: number, score = 7, cvKey = CV): Promise<number[]> {
    const first = await t.store.insertMatch(sampleMatch(n, { overallMatch: score, cvKey }));
    const second = await t.store.insertMatch(
      sampleMatch(n, { overallMatch: score - 1, cvKey, searchTerm: 'Informatik' }),
    );
    return [first.id, second.id];
  }

  async function applicationRows(ids: number[]) {
    return testSql(t.store).query<{ job_match_id: number; status: string; notes: string | null; created_at: string }>(
      `SELECT job_match_id, status, notes, created_at FROM applications WHERE job_match_id IN (${ids.map(() => '?').join(', ')}) ORDER BY job_match_id`,
      ids,
    );
  }

  it('reads an untracked posting as MATCHED and an unknown one as null', async () => {
    await posting(1);
    expect(await t.store.getApplication({ jobUrl: url(1), cvKey: CV })).toEqual({
      jobUrl: url(1),
      cvKey: CV,
      status: 'MATCHED',
      notes: null,
      createdAt: null,
      updatedAt: null,
      history: [],
    });
    expect(await t.store.getApplication({ jobUrl: url(1), cvKey: OTHER_CV })).toBeNull();
    expect(await t.store.getApplication({ jobUrl: url(2), cvKey: CV })).toBeNull();
  });

  it('writes the status to every search term of the posting, keeps created_at and records each change', async () => {
    const ids = await posting(1);
    const interested = await t.store.setApplication({ jobUrl: url(1), cvKey: CV, status: 'INTERESTED' });
    expect(interested).toMatchObject({ status: 'INTERESTED', notes: null });
    expect(interested.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const first = await applicationRows(ids);
    expect(first.map((row) => [row.job_match_id, row.status])).toEqual(ids.map((id) => [id, 'INTERESTED']));

    await new Promise((resolve) => setTimeout(resolve, 5));
    const applied = await t.store.setApplication({
      jobUrl: url(1),
      cvKey: CV,
      status: 'APPLIED',
      notes: 'Sent on Monday  \n',
    });
    expect(applied).toMatchObject({ status: 'APPLIED', notes: 'Sent on Monday', createdAt: interested.createdAt });
    expect(applied.updatedAt! > interested.updatedAt!).toBe(true);
    const second = await applicationRows(ids);
    expect(second.map((row) => [row.status, row.notes, row.created_at])).toEqual(
      ids.map(() => ['APPLIED', 'Sent on Monday', first[0]!.created_at]),
    );

    // Notes alone: recorded as a notes change with the status unchanged.
    const noted = await t.store.setApplication({ jobUrl: url(1), cvKey: CV, notes: 'Call back Friday' });
    expect(noted).toMatchObject({ status: 'APPLIED', notes: 'Call back Friday' });
    // The same write again changes nothing and records nothing.
    const again = await t.store.setApplication({ jobUrl: url(1), cvKey: CV, notes: 'Call back Friday' });
    expect(again.updatedAt).toBe(noted.updatedAt);
    // Blank notes clear them.
    await t.store.setApplication({ jobUrl: url(1), cvKey: CV, notes: '   ' });

    const read = await t.store.getApplication({ jobUrl: url(1), cvKey: CV });
    expect(read).toMatchObject({ status: 'APPLIED', notes: null });
    expect(read!.history.map((entry) => [entry.fromStatus, entry.toStatus, entry.notesChanged, entry.notes])).toEqual([
      ['APPLIED', 'APPLIED', true, null],
      ['APPLIED', 'APPLIED', true, 'Call back Friday'],
      ['INTERESTED', 'APPLIED', true, 'Sent on Monday'],
      ['MATCHED', 'INTERESTED', false, null],
    ]);
    // Another CV's evaluation of the same URL keeps its own status.
    await t.store.insertMatch(sampleMatch(1, { cvKey: OTHER_CV }));
    expect((await t.store.getApplication({ jobUrl: url(1), cvKey: OTHER_CV }))?.status).toBe('MATCHED');
  });

  it('gives a search term added later the posting status on the next write', async () => {
    const ids = await posting(1);
    await t.store.setApplication({ jobUrl: url(1), cvKey: CV, status: 'PREPARING' });
    const late = await t.store.insertMatch(sampleMatch(1, { cvKey: CV, searchTerm: 'Entwickler' }));
    expect((await t.store.getApplication({ jobUrl: url(1), cvKey: CV }))?.status).toBe('PREPARING');
    const same = await t.store.setApplication({ jobUrl: url(1), cvKey: CV, status: 'PREPARING' });
    expect(same.history).toHaveLength(1);
    expect((await applicationRows([...ids, late.id])).map((row) => row.status)).toEqual([
      'PREPARING',
      'PREPARING',
      'PREPARING',
    ]);
  });

  it('reads the most recently updated row across legacy and ISO timestamps, and a write makes them agree', async () => {
    const [a, b] = await posting(1);
    const sql = testSql(t.store);
    const insert = `INSERT INTO applications (job_match_id, status, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`;
    // As text the ISO value sorts after the legacy one (' ' < 'T'), although it is an hour older.
    await sql.execute(insert, [a!, 'INTERVIEW', 'legacy', '2026-12-05 19:00:00', '2026-12-05 19:00:00']);
    await sql.execute(insert, [b!, 'APPLIED', 'new', '2026-12-05T18:00:00.000Z', '2026-12-05T18:00:00.000Z']);
    expect(await t.store.getApplication({ jobUrl: url(1), cvKey: CV })).toMatchObject({
      status: 'INTERVIEW',
      notes: 'legacy',
      updatedAt: '2026-12-05 19:00:00',
    });
    await sql.execute(`UPDATE applications SET updated_at = ? WHERE job_match_id = ?`, [
      '2026-12-05T19:00:01.000Z',
      b!,
    ]);
    expect((await t.store.getApplication({ jobUrl: url(1), cvKey: CV }))?.status).toBe('APPLIED');
    // Equal times: the higher applications.id wins.
    await sql.execute(`UPDATE applications SET updated_at = ? WHERE job_match_id = ?`, ['2026-12-05 19:00:01', a!]);
    expect((await t.store.getApplication({ jobUrl: url(1), cvKey: CV }))?.status).toBe('APPLIED');

    await t.store.setApplication({ jobUrl: url(1), cvKey: CV, notes: 'both' });
    expect((await applicationRows([a!, b!])).map((row) => [row.status, row.notes])).toEqual([
      ['APPLIED', 'both'],
      ['APPLIED', 'both'],
    ]);
  });

  it('refuses a write based on a stale updatedAt and changes nothing', async () => {
    await posting(1);
    const key = { jobUrl: url(1), cvKey: CV };
    // null: the writer saw the posting untracked, which it is.
    const first = await t.store.setApplication({ ...key, status: 'INTERESTED', expectedUpdatedAt: null });
    const stale = await rejection(t.store.setApplication({ ...key, status: 'APPLIED', expectedUpdatedAt: null }));
    expect(isJobSearchError(stale, 'CONFLICT')).toBe(true);
    expect((stale as Error).message).toMatch(/changed since you loaded it.*INTERESTED/);
    const ok = await t.store.setApplication({ ...key, status: 'APPLIED', expectedUpdatedAt: first.updatedAt });
    expect(ok.status).toBe('APPLIED');
    expect((await t.store.getApplication(key))?.history).toHaveLength(2);
  });

  it('lets one of two writers with the same updatedAt win on separate connections', async () => {
    await posting(1);
    const key = { jobUrl: url(1), cvKey: CV };
    const seen = await t.store.setApplication({ ...key, status: 'INTERESTED' });
    const other = await openStore({ url: t.database.url, migrate: false });
    try {
      const first = () => t.store.setApplication({ ...key, status: 'APPLIED', expectedUpdatedAt: seen.updatedAt });
      const second = () => other.setApplication({ ...key, status: 'REJECTED', expectedUpdatedAt: seen.updatedAt });
      // PostgreSQL: at once, as two API instances would. SQLite has one writer process (its two
      // connections here share one thread, so one would wait on the other's lock): one after the other.
      const results =
        provider === 'postgresql'
          ? await Promise.allSettled([first(), second()])
          : [await Promise.allSettled([first()]), await Promise.allSettled([second()])].flat();
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(isJobSearchError(failed.reason, 'CONFLICT')).toBe(true);
      expect((await t.store.getApplication(key))?.history).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('refuses an unknown posting and notes that are too long', async () => {
    await posting(1);
    const missing = await rejection(t.store.setApplication({ jobUrl: url(9), cvKey: CV, status: 'APPLIED' }));
    expect(isJobSearchError(missing, 'NOT_FOUND')).toBe(true);
    const long = await rejection(t.store.setApplication({ jobUrl: url(1), cvKey: CV, notes: 'x'.repeat(10_001) }));
    expect(isJobSearchError(long, 'INVALID_INPUT')).toBe(true);
    expect(await t.store.tableCounts()).toMatchObject({ applications: 0 });
  });

  it('lists the board: tracked postings per status, MATCHED best-scored first and limited', async () => {
    const scores = [9, 3, 8, 5, 10, 6];
    for (const [i, score] of scores.entries()) await posting(i + 1, score);
    await posting(7, 10, OTHER_CV);
    // A failed evaluation is no MATCHED card.
    await t.store.insertMatch(sampleMatch(8, { overallMatch: null }));
    await t.store.setApplication({ jobUrl: url(5), cvKey: CV, status: 'APPLIED', notes: 'sent' });
    await t.store.setApplication({ jobUrl: url(2), cvKey: CV, status: 'INTERVIEW' });
    await t.store.setApplication({ jobUrl: url(3), cvKey: CV, status: 'APPLIED' });
    // Tracked, then set back: a MATCHED card with its notes.
    await t.store.setApplication({ jobUrl: url(6), cvKey: CV, status: 'ARCHIVED' });
    await t.store.setApplication({ jobUrl: url(6), cvKey: CV, status: 'MATCHED', notes: 'maybe later' });

    const board = await t.store.listApplicationBoard({ cvKey: CV, matchedLimit: 2 });
    const column = (status: string) => board.columns.find((c) => c.status === status)!;
    expect(board.columns.map((c) => c.status)).toEqual([
      'MATCHED',
      'INTERESTED',
      'PREPARING',
      'APPLIED',
      'INTERVIEW',
      'OFFER',
      'REJECTED',
      'ARCHIVED',
    ]);
    // Untracked or set back to MATCHED: postings 1 (9), 4 (5), 6 (6); the top two by score.
    expect(column('MATCHED').total).toBe(3);
    expect(column('MATCHED').cards.map((c) => [c.jobUrl, c.bestScore])).toEqual([
      [url(1), 9],
      [url(6), 6],
    ]);
    expect(column('MATCHED').cards[1]).toMatchObject({ notes: 'maybe later', status: 'MATCHED' });
    // Newest change first.
    expect(column('APPLIED').cards.map((c) => c.jobUrl)).toEqual([url(3), url(5)]);
    const card = column('APPLIED').cards[1]!;
    expect(card).toMatchObject({
      cvKey: CV,
      title: 'Software Engineer 5',
      bestScore: 10,
      searchTerms: ['IT', 'Informatik'],
      notes: 'sent',
      status: 'APPLIED',
    });
    // The representative evaluation is the best-scored one (search term IT, score 10).
    expect((await t.store.getMatch(card.matchId))?.searchTerm).toBe('IT');
    expect(column('INTERVIEW').cards.map((c) => c.jobUrl)).toEqual([url(2)]);
    expect(column('ARCHIVED').total).toBe(0);

    const everyCv = await t.store.listApplicationBoard();
    expect(everyCv.columns[0]!.total).toBe(4);
    expect(everyCv.columns[0]!.cards[0]).toMatchObject({ jobUrl: url(7), cvKey: OTHER_CV, bestScore: 10 });
    expect((await t.store.listApplicationBoard({ cvKey: CV, matchedLimit: 0 })).columns[0]).toEqual({
      status: 'MATCHED',
      total: 3,
      cards: [],
    });
    await expect(t.store.listApplicationBoard({ matchedLimit: 100_000 })).rejects.toThrow(/matchedLimit/);

    // Two changes in the same millisecond: the posting written last still comes first.
    await testSql(t.store).execute(`UPDATE applications SET updated_at = ?`, ['2026-12-05T10:00:00.000Z']);
    const tied = await t.store.listApplicationBoard({ cvKey: CV });
    expect(tied.columns.find((c) => c.status === 'APPLIED')!.cards.map((c) => c.jobUrl)).toEqual([url(3), url(5)]);
  });
});

describe.each(testProviders())('store: application tracker on a legacy database (%s)', (provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  let store: Store;
  let legacyPath: string;
  beforeEach(async () => {
    const legacy = await createTestDatabase('sqlite');
    cleanups.push(() => legacy.drop());
    legacyPath = legacy.path!;
    createLegacySqliteDatabase(legacyPath, { matches: 6 });
    let target: TestDatabase = legacy;
    if (provider === 'postgresql') {
      // The legacy rows as they are, timestamps included, in a PostgreSQL installation.
      target = await createTestDatabase('postgresql');
      cleanups.push(() => target.drop());
      await copyDatabase({ from: legacy.url, to: target.url });
    }
    store = await openStore({ url: target.url, migrate: true });
    cleanups.push(() => store.close());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const posting = (n: number) => `https://www.ostjob.ch/job/informatiker-in-efz/${1_032_000 + n}`;
  const CV_KEY = 'a1b2c3d4e5f60718';

  it('reads the legacy statuses and writes rows the legacy code reads back', async () => {
    // Legacy rows: match 1 APPLIED with notes (first of posting 0's two terms), match 3 INTERVIEW.
    expect(await store.getApplication({ jobUrl: posting(0), cvKey: CV_KEY })).toMatchObject({
      status: 'APPLIED',
      notes: 'Bewerbung am 3.11. gesendet',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/),
    });
    expect((await store.getApplication({ jobUrl: posting(1), cvKey: CV_KEY }))?.status).toBe('INTERVIEW');
    const board = await store.listApplicationBoard({ cvKey: CV_KEY });
    const column = (status: string) => board.columns.find((c) => c.status === status)!;
    expect(column('APPLIED').cards.map((c) => c.jobUrl)).toEqual([posting(0)]);
    expect(column('INTERVIEW').cards.map((c) => c.jobUrl)).toEqual([posting(1)]);
    expect(column('MATCHED').cards.map((c) => c.jobUrl)).toEqual([posting(2)]);

    const legacyCreated = (await store.getApplication({ jobUrl: posting(0), cvKey: CV_KEY }))!.createdAt;
    const offer = await store.setApplication({ jobUrl: posting(0), cvKey: CV_KEY, status: 'OFFER' });
    expect(offer).toMatchObject({ status: 'OFFER', notes: 'Bewerbung am 3.11. gesendet', createdAt: legacyCreated });
    expect(offer.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([['APPLIED', 'OFFER']]);

    // The legacy app's own view: a status per job_matches row, joined as it joins them.
    const rows = await testSql(store).query<{ id: number; status: string | null; notes: string | null }>(
      `SELECT jm.id, a.status, a.notes FROM job_matches jm LEFT JOIN applications a ON jm.id = a.job_match_id WHERE jm.job_url = ? ORDER BY jm.id`,
      [posting(0)],
    );
    expect(rows.map((row) => [Number(row.id), row.status, row.notes])).toEqual([
      [1, 'OFFER', 'Bewerbung am 3.11. gesendet'],
      [2, 'OFFER', 'Bewerbung am 3.11. gesendet'],
    ]);
    if (provider === 'sqlite') {
      await store.close();
      // The legacy code's connection: its PRAGMAs, its foreign keys, its status filter.
      const db = new Database(legacyPath);
      try {
        db.pragma('foreign_keys = ON');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expect(
          db.prepare(`SELECT job_match_id FROM applications WHERE status = 'OFFER' ORDER BY job_match_id`).all(),
        ).toEqual([{ job_match_id: 1 }, { job_match_id: 2 }]);
        // Deleting an evaluation still cascades to its application row.
        db.prepare(`DELETE FROM job_matches WHERE id = 2`).run();
        expect(db.prepare(`SELECT COUNT(*) AS n FROM applications WHERE job_match_id = 2`).get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
      store = await openStore({ url: `file:${legacyPath}`, migrate: false });
      expect((await store.getApplication({ jobUrl: posting(0), cvKey: CV_KEY }))?.status).toBe('OFFER');
    }
  });
});
