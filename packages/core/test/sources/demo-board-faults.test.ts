import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { demoBoardSource, startDemoBoard, type DemoBoard } from '../../src/sources/index.js';

let board: DemoBoard;
const fast = { delayMs: 0, backoffMs: 5, retries: 3 };

beforeAll(async () => {
  board = await startDemoBoard();
});
afterAll(() => board.close());
afterEach(() => {
  board.clearFaults();
  board.resetStats();
});

describe('server errors', () => {
  test('a 500 followed by success is retried transparently', async () => {
    board.setFaults({ serverErrors: 2 });
    const page = await demoBoardSource(board.url, fast).fetchPage('IT', 1);
    expect(page.status).toBe('ok');
    expect(page.postings.map((posting) => posting.url)).toEqual(board.listing('IT').slice(0, 10));
    expect(board.stats().listRequests).toBe(3);
  });

  test('persistent 500s end in SOURCE_ERROR after the configured retries', async () => {
    board.setFaults({ serverErrors: 100 });
    const failing = demoBoardSource(board.url, { ...fast, retries: 2 }).fetchPage('IT', 1);
    await expect(failing).rejects.toMatchObject({
      code: 'SOURCE_ERROR',
      message: expect.stringMatching(/3 attempt.*HTTP 500/),
    });
    expect(board.stats().listRequests).toBe(3);
  });
});

describe('slow board', () => {
  test('an answer slower than timeoutMs is a timeout, retried, then SOURCE_ERROR', async () => {
    board.setFaults({ slowMs: 5_000 });
    const started = performance.now();
    const failing = demoBoardSource(board.url, { ...fast, retries: 1, timeoutMs: 100 }).fetchPage('IT', 1);
    await expect(failing).rejects.toMatchObject({
      code: 'SOURCE_ERROR',
      message: expect.stringContaining('within 100 ms'),
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(board.stats().listRequests).toBe(2);
  });

  test('a slow answer within timeoutMs succeeds', async () => {
    board.setFaults({ slowMs: 50 });
    const page = await demoBoardSource(board.url, { ...fast, timeoutMs: 2_000 }).fetchPage('IT', 1);
    expect(page.status).toBe('ok');
    expect(board.stats().listRequests).toBe(1);
  });
});

describe('cancellation', () => {
  test('aborting while the request is in flight rejects with CANCELLED at once', async () => {
    board.setFaults({ slowMs: 5_000 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = demoBoardSource(board.url, fast).fetchPage('IT', 1, { signal: controller.signal });
    await vi.waitFor(() => expect(board.stats().listRequests).toBe(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('aborting during the retry backoff rejects with CANCELLED without another attempt', async () => {
    board.setFaults({ serverErrors: 10 });
    const controller = new AbortController();
    const slowRetries = demoBoardSource(board.url, { ...fast, backoffMs: 10_000 });
    const pending = slowRetries.fetchDetails(board.listing('IT')[0]!, { signal: controller.signal });
    await vi.waitFor(() => expect(board.stats().detailRequests).toBe(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(board.stats().detailRequests).toBe(1);
  });

  test('an already aborted signal sends no request', async () => {
    const pending = demoBoardSource(board.url, fast).fetchPage('IT', 1, { signal: AbortSignal.abort() });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(board.stats().listRequests).toBe(0);
  });
});

describe('block page', () => {
  test('a captcha page served with 200 is reported as blocked, not as empty', async () => {
    board.setFaults({ blockPage: true });
    const page = await demoBoardSource(board.url, fast).fetchPage('IT', 1);
    expect(page).toMatchObject({ status: 'blocked', postings: [] });
  });
});

describe('repeated last page', () => {
  test('pages past the end come back as a copy of the last page', async () => {
    board.setFaults({ repeatLastPage: true });
    const source = demoBoardSource(board.url, fast);
    const last = await source.fetchPage('IT', 10);
    const pastEnd = await source.fetchPage('IT', 11);
    expect(pastEnd.status).toBe('ok');
    expect(pastEnd.postings).toEqual(last.postings);
    expect(pastEnd.postings.map((posting) => posting.url)).toEqual(board.listing('IT').slice(90));
  });

  test('without the fault the page past the end is empty', async () => {
    const page = await demoBoardSource(board.url, fast).fetchPage('IT', 11);
    expect(page).toMatchObject({ status: 'empty', postings: [], page: 11 });
  });
});

describe('changed markup', () => {
  test('a results page whose cards no longer match is a SOURCE_ERROR about selectors', async () => {
    board.setFaults({ changedMarkup: true });
    const failing = demoBoardSource(board.url, fast).fetchPage('IT', 1);
    await expect(failing).rejects.toMatchObject({
      code: 'SOURCE_ERROR',
      message: expect.stringContaining('selectors no longer match'),
    });
  });

  test('a detail page whose description no longer matches is a SOURCE_ERROR about selectors', async () => {
    board.setFaults({ changedMarkup: true });
    const failing = demoBoardSource(board.url, fast).fetchDetails(board.listing('IT')[0]!);
    await expect(failing).rejects.toMatchObject({
      code: 'SOURCE_ERROR',
      message: expect.stringContaining('selectors no longer match'),
    });
  });
});

describe('fault settings', () => {
  test('setFaults keeps earlier faults and rejects negative counts', async () => {
    board.setFaults({ blockPage: true });
    board.setFaults({ serverErrors: 1 });
    const page = await demoBoardSource(board.url, fast).fetchPage('IT', 1);
    expect(page.status).toBe('blocked');
    expect(board.stats().listRequests).toBe(2);
    expect(() => board.setFaults({ slowMs: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
