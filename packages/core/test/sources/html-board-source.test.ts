import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { HtmlBoardSource, ostjobPreset, type HtmlBoardSourceOverrides } from '../../src/sources/index.js';
import { html, startStubServer, type StubServer } from './stub-server.js';

const RESULTS = `<ul><li class="job-item"><h2 class="job-title"><a class="job-link" href="/job/data-analyst/1">Data Analyst</a></h2></li></ul>`;

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function sourceFor(baseUrl: string, overrides: HtmlBoardSourceOverrides = {}): HtmlBoardSource {
  return new HtmlBoardSource(ostjobPreset({ baseUrl, delayMs: 0, backoffMs: 5, ...overrides }));
}

describe('listing URLs', () => {
  test('the term is URL-encoded into the template below the base URL, path prefix kept', () => {
    const source = sourceFor('https://jobs.example.test/board/');
    expect(source.listUrl('Data Analyst/in', 3)).toBe(
      'https://jobs.example.test/board/job/suche-Data%20Analyst%2Fin-seite-3',
    );
  });

  test('an empty term, page 0 and a template without placeholders are INVALID_INPUT', () => {
    const source = sourceFor('https://jobs.example.test');
    expect(() => source.listUrl(' ', 1)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => source.listUrl('IT', 0)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => sourceFor('https://jobs.example.test', { listUrlTemplate: '/jobs?q={term}' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('{page}') }),
    );
    expect(() => sourceFor('not a url')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('HTTP behaviour', () => {
  test('Retry-After on a 429 is waited for even when the backoff is shorter', async () => {
    stub = await startStubServer((_, response, previous) =>
      previous === 0 ? html(response, 429, 'slow down', { 'retry-after': '1' }) : html(response, 200, RESULTS),
    );
    const page = await sourceFor(stub.url, { backoffMs: 1 }).fetchPage('IT', 1);
    expect(page.status).toBe('ok');
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[1]!.at - stub.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  test('a Retry-After beyond maxRetryAfterMs fails at once instead of stalling the run', async () => {
    stub = await startStubServer((_, response) => html(response, 503, 'maintenance', { 'retry-after': '3600' }));
    const failing = sourceFor(stub.url, { maxRetryAfterMs: 60_000 }).fetchPage('IT', 1);
    await expect(failing).rejects.toMatchObject({ code: 'SOURCE_ERROR', message: expect.stringContaining('3600 s') });
    expect(stub.requests).toHaveLength(1);
  });

  test('a refused connection is retried and then reported with its cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failing = sourceFor(`http://127.0.0.1:${port}`, { retries: 1 }).fetchPage('IT', 1);
    await expect(failing).rejects.toMatchObject({
      code: 'SOURCE_ERROR',
      message: expect.stringMatching(/2 attempt.*ECONNREFUSED/),
    });
  });

  test('403 on a results page is blocked; 403 on a posting is a SOURCE_ERROR', async () => {
    stub = await startStubServer((_, response) => html(response, 403, 'Forbidden'));
    const source = sourceFor(stub.url);
    expect(await source.fetchPage('IT', 1)).toMatchObject({ status: 'blocked', postings: [] });
    await expect(source.fetchDetails('/job/x/1')).rejects.toMatchObject({
      code: 'SOURCE_ERROR',
      details: { blocked: true },
    });
    expect(stub.requests).toHaveLength(2);
  });

  test('other client errors are not retried and name the status', async () => {
    stub = await startStubServer((_, response) => html(response, 400, 'Bad request'));
    await expect(sourceFor(stub.url).fetchPage('IT', 1)).rejects.toMatchObject({
      code: 'SOURCE_ERROR',
      message: expect.stringContaining('HTTP 400'),
    });
    expect(stub.requests).toHaveLength(1);
  });

  test('sends the configured User-Agent and goes through an injected fetch', async () => {
    stub = await startStubServer((_, response) => html(response, 200, RESULTS));
    const seen: string[] = [];
    const source = sourceFor(stub.url, {
      userAgent: 'TestAgent/1.0',
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await source.fetchPage('IT', 1);
    expect(seen).toEqual([source.listUrl('IT', 1)]);
    expect(stub.requests[0]!.headers['user-agent']).toBe('TestAgent/1.0');
  });

  test('links on a page are resolved against that page', async () => {
    stub = await startStubServer((_, response) =>
      html(response, 200, `<div class="job-item"><a class="job-link job-title" href="details/7">Dev</a></div>`),
    );
    const page = await sourceFor(`${stub.url}/board`).fetchPage('IT', 1);
    expect(page.postings).toEqual([expect.objectContaining({ url: `${stub.url}/board/job/details/7`, title: 'Dev' })]);
  });
});

describe('polite delay', () => {
  test('requests to one host are spaced by delayMs, also when made concurrently', async () => {
    stub = await startStubServer((_, response) => html(response, 200, RESULTS));
    // Measured where requests leave the source: arrival times at the server also carry
    // connection set-up and scheduling noise that the throttle does not control.
    const starts: number[] = [];
    const fetchSpy: typeof globalThis.fetch = (input, init) => {
      starts.push(performance.now());
      return globalThis.fetch(input, init);
    };
    const source = sourceFor(stub.url, { delayMs: 120, fetch: fetchSpy });
    await Promise.all([source.fetchPage('IT', 1), source.fetchPage('IT', 2), source.fetchPage('IT', 3)]);
    expect(starts).toHaveLength(3);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(110);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(110);
  });
});
