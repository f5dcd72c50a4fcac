import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { demoBoardSource, startDemoBoard, type DemoBoard, type JobSource } from '../../src/sources/index.js';

let board: DemoBoard;
let source: JobSource;

beforeAll(async () => {
  board = await startDemoBoard();
  source = demoBoardSource(board.url, { delayMs: 0, backoffMs: 5 });
});
afterAll(() => board.close());
afterEach(() => {
  board.clearFaults();
  board.resetStats();
});

async function allPages(term: string): Promise<string[][]> {
  const pages: string[][] = [];
  for (let page = 1; ; page++) {
    const result = await source.fetchPage(term, page);
    if (result.status === 'empty') return pages;
    expect(result.status).toBe('ok');
    pages.push(result.postings.map((posting) => posting.url));
  }
}

const path = (url: string) => new URL(url).pathname;
const dayNumber = (date: string) => Number(date.split('.').reverse().join(''));

describe('listings', () => {
  test('a term lists 100 postings on 10 pages of 10, newest first, then an empty page', async () => {
    const pages = await allPages('IT');
    expect(pages.map((page) => page.length)).toEqual(Array(10).fill(10));
    expect(pages.flat()).toEqual(board.listing('IT'));
    expect(board.totalPostings('IT')).toBe(100);

    const ids = pages.flat().map((url) => Number(url.split('/').pop()));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const first = await source.fetchPage('IT', 1);
    const last = await source.fetchPage('IT', 10);
    expect(dayNumber(first.postings[0]!.postingDate!)).toBeGreaterThan(dayNumber(last.postings[9]!.postingDate!));
  });

  test('cards carry title, company, location, workload, date and snippet', async () => {
    const { postings } = await source.fetchPage('IT', 1);
    for (const posting of postings) {
      const truth = board.posting(posting.url)!;
      expect(posting).toEqual({
        url: board.url + truth.path,
        title: truth.title,
        company: truth.company,
        location: truth.location,
        postingDate: truth.postingDate,
        salaryRange: truth.workload,
        snippet: truth.snippet,
      });
    }
  });

  test('terms are case-sensitive and may contain spaces and symbols', async () => {
    expect(board.listing('it')).not.toEqual(board.listing('IT'));
    const page = await source.fetchPage('C++ & C# Entwickler', 1);
    expect(page.postings.map((posting) => posting.url)).toEqual(board.listing('C++ & C# Entwickler').slice(0, 10));
  });

  test('two terms share some but not all postings', () => {
    const it = new Set(board.listing('IT'));
    const shared = board.listing('analyst').filter((url) => it.has(url)).length;
    expect(shared).toBeGreaterThan(30);
    expect(shared).toBeLessThan(70);
  });

  test('a term without postings shows the no-results page', async () => {
    const emptyBoard = await startDemoBoard({ initialPostings: 0 });
    try {
      const page = await demoBoardSource(emptyBoard.url, { delayMs: 0 }).fetchPage('IT', 1);
      expect(page).toMatchObject({ status: 'empty', postings: [] });
    } finally {
      await emptyBoard.close();
    }
  });

  test('postingsPerPage sets the page size', async () => {
    const smallPages = await startDemoBoard({ postingsPerPage: 4, initialPostings: 9 });
    try {
      const small = demoBoardSource(smallPages.url, { delayMs: 0 });
      expect((await small.fetchPage('IT', 1)).postings).toHaveLength(4);
      expect((await small.fetchPage('IT', 3)).postings).toHaveLength(1);
      expect((await small.fetchPage('IT', 4)).status).toBe('empty');
    } finally {
      await smallPages.close();
    }
  });
});

describe('advance', () => {
  test('new postings of one term appear on top of page 1 and push the others down', async () => {
    const term = 'advance-one';
    const before = await allPages(term);
    const otherBefore = board.listing('unaffected');

    board.advance(10, term);

    const after = await allPages(term);
    expect(board.totalPostings(term)).toBe(110);
    expect(after).toHaveLength(11);
    const previous = new Set(before.flat());
    expect(after[0]!.filter((url) => previous.has(url))).toEqual([]);
    expect(after.slice(1)).toEqual(before);
    expect(board.listing('unaffected')).toEqual(otherBefore);
  });

  test('without a term every listing grows, by default by 10', async () => {
    const localBoard = await startDemoBoard({ initialPostings: 20 });
    try {
      const before = { a: localBoard.listing('a'), b: localBoard.listing('b') };
      localBoard.advance();
      for (const term of ['a', 'b'] as const) {
        const after = localBoard.listing(term);
        expect(after).toHaveLength(30);
        expect(after.slice(10)).toEqual(before[term]);
      }
      localBoard.advance(3);
      expect(localBoard.totalPostings('never-seen')).toBe(33);
    } finally {
      await localBoard.close();
    }
  });
});

describe('determinism', () => {
  test('the same seed gives the same postings; another seed different ones', async () => {
    const twin = await startDemoBoard({ seed: 42 });
    const other = await startDemoBoard({ seed: 7 });
    try {
      expect(twin.listing('IT').map(path)).toEqual(board.listing('IT').map(path));
      const twinPage = await demoBoardSource(twin.url, { delayMs: 0 }).fetchPage('IT', 2);
      const page = await source.fetchPage('IT', 2);
      expect(twinPage.postings.map(({ url, ...rest }) => ({ ...rest, path: path(url) }))).toEqual(
        page.postings.map(({ url, ...rest }) => ({ ...rest, path: path(url) })),
      );
      expect(other.listing('IT').map(path)).not.toEqual(board.listing('IT').map(path));
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});

describe('stats', () => {
  test('counts results and detail requests until reset', async () => {
    const { postings } = await source.fetchPage('IT', 1);
    await source.fetchPage('IT', 2);
    await source.fetchDetails(postings[0]!.url);
    expect(board.stats()).toEqual({ listRequests: 2, detailRequests: 1 });
    board.resetStats();
    expect(board.stats()).toEqual({ listRequests: 0, detailRequests: 0 });
  });
});

describe('details', () => {
  test('a detail page yields description, skills and the legacy Title Case record', async () => {
    const { postings } = await source.fetchPage('IT', 1);
    const summary = postings[0]!;
    const details = await source.fetchDetails(summary.url);
    const truth = board.posting(summary.url)!;

    expect(details).toMatchObject({
      url: summary.url,
      title: truth.title,
      company: truth.company,
      location: truth.location,
      postingDate: truth.postingDate,
      salaryRange: truth.workload,
      skills: truth.skills,
    });
    expect(details.description!.split('\n')).toEqual(truth.description);
    expect(details.raw).toEqual({
      'Job Title': truth.title,
      'Company Name': truth.company,
      'Job Description': details.description,
      'Required Skills': truth.skills,
      Location: truth.location,
      'Salary Range': truth.workload,
      'Posting Date': truth.postingDate,
      'Application URL': summary.url,
    });
  });

  test('a relative detail URL is resolved against the board', async () => {
    const url = board.listing('IT')[3]!;
    const details = await source.fetchDetails(path(url));
    expect(details.url).toBe(url);
  });

  test('an unknown posting is NOT_FOUND', async () => {
    await expect(source.fetchDetails('/job/software-engineer/999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
