import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobSearchError } from '../../errors.js';
import { DemoCatalog } from './catalog.js';
import type { DemoPosting } from './posting-generator.js';
import {
  renamedClasses,
  type ClassNames,
  renderCaptchaPage,
  renderDetailPage,
  renderErrorPage,
  renderResultsPage,
  standardClasses,
} from './render-html.js';

export interface DemoBoardOptions {
  /** Same seed, same postings, listings and overlap. Default 42. */
  seed?: number;
  /** Default 10. */
  postingsPerPage?: number;
  /** Postings each search term lists before any advance(). Default 100. */
  initialPostings?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
}

/** Misbehaviour to simulate; every field stays in force until changed. */
export interface DemoBoardFaults {
  /** The next N requests (of any kind) answer 500. Counts down. */
  serverErrors?: number;
  /** Every response is delayed by this many milliseconds. */
  slowMs?: number;
  /** Results pages are a captcha page, served with status 200. */
  blockPage?: boolean;
  /** Pages past the end repeat the last page instead of answering 404. */
  repeatLastPage?: boolean;
  /** Every CSS class is renamed, as after a redesign of the board. */
  changedMarkup?: boolean;
}

/** Requests received since start or resetStats(), faulty answers included. */
export interface DemoBoardStats {
  listRequests: number;
  detailRequests: number;
}

export interface DemoBoard {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly seed: number;
  readonly postingsPerPage: number;
  /** Time moves on: `count` new postings appear on top of `term`'s listing, or of every term's. */
  advance(count?: number, term?: string): void;
  /** Changes the given faults and keeps the others. */
  setFaults(faults: DemoBoardFaults): void;
  clearFaults(): void;
  stats(): DemoBoardStats;
  resetStats(): void;
  /** How many postings `term` lists now. */
  totalPostings(term: string): number;
  /** Absolute URLs of `term`'s postings, newest first, as they are spread over the pages. */
  listing(term: string): string[];
  /** Absolute URL of results page `page` of `term`. */
  listUrl(term: string, page: number): string;
  /** The generated posting behind a detail URL (absolute or path), if there is one. */
  posting(url: string): DemoPosting | undefined;
  close(): Promise<void>;
}

const RESULTS_PATH = /^\/job\/suche-(.+)-seite-(\d+)$/;
const DETAIL_PATH = /^\/job\/([a-z0-9-]+)\/(\d+)$/;
const NO_FAULTS: Required<DemoBoardFaults> = {
  serverErrors: 0,
  slowMs: 0,
  blockPage: false,
  repeatLastPage: false,
  changedMarkup: false,
};

/**
 * Starts a deterministic ostjob-style job board on a local port: paginated, newest-first results
 * at `/job/suche-{term}-seite-{page}`, postings at `/job/<slug>/<id>`, with switchable faults.
 */
export async function startDemoBoard(options: DemoBoardOptions = {}): Promise<DemoBoard> {
  const seed = options.seed ?? 42;
  const postingsPerPage = requireCount('postingsPerPage', options.postingsPerPage ?? 10, 1);
  const catalog = new DemoCatalog(seed, requireCount('initialPostings', options.initialPostings ?? 100, 0));
  let faults = { ...NO_FAULTS };
  let counters: DemoBoardStats = { listRequests: 0, detailRequests: 0 };
  const resultsPath = (term: string, page: number) => `/job/suche-${encodeURIComponent(term)}-seite-${page}`;

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://demo.invalid').pathname;
    const results = RESULTS_PATH.exec(path);
    const detail = results ? null : DETAIL_PATH.exec(path);
    if (results) counters.listRequests++;
    if (detail) counters.detailRequests++;
    const failWith500 = faults.serverErrors > 0;
    if (failWith500) faults.serverErrors--;
    void delayUnlessClosed(response, faults.slowMs).then((open) => {
      if (!open) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return send(request, response, 405, renderErrorPage(405, 'Nur GET wird unterstützt.'), { allow: 'GET, HEAD' });
      }
      if (failWith500) return send(request, response, 500, renderErrorPage(500, 'Interner Serverfehler.'));
      const cls = faults.changedMarkup ? renamedClasses : standardClasses;
      if (results) return serveResults(request, response, results[1]!, Number(results[2]), cls);
      const posting = detail ? catalog.findPosting(Number(detail[2]), detail[1]!) : undefined;
      if (posting) return send(request, response, 200, renderDetailPage(posting, cls));
      return send(request, response, 404, renderErrorPage(404, 'Diese Seite existiert nicht.'));
    });
  });

  function serveResults(
    request: IncomingMessage,
    response: ServerResponse,
    encodedTerm: string,
    page: number,
    cls: ClassNames,
  ): void {
    if (faults.blockPage) {
      send(request, response, 200, renderCaptchaPage(cls));
      return;
    }
    let term: string;
    try {
      term = decodeURIComponent(encodedTerm);
    } catch {
      send(request, response, 400, renderErrorPage(400, 'Ungültiger Suchbegriff.'));
      return;
    }
    const postings = catalog.listing(term);
    const lastPage = Math.max(1, Math.ceil(postings.length / postingsPerPage));
    if (page < 1 || (page > lastPage && !faults.repeatLastPage)) {
      send(request, response, 404, renderErrorPage(404, `Seite ${page} gibt es nicht.`));
      return;
    }
    const shown = Math.min(page, lastPage);
    const view = {
      term,
      page: shown,
      lastPage,
      total: postings.length,
      postings: postings.slice((shown - 1) * postingsPerPage, shown * postingsPerPage),
      listUrl: resultsPath,
    };
    send(request, response, 200, renderResultsPage(view, cls));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    seed,
    postingsPerPage,
    advance: (count = 10, term) => catalog.advance(requireCount('advance count', count, 0), term),
    setFaults: (patch) => {
      faults = { ...faults, ...definedFaults(patch) };
    },
    clearFaults: () => {
      faults = { ...NO_FAULTS };
    },
    stats: () => ({ ...counters }),
    resetStats: () => {
      counters = { listRequests: 0, detailRequests: 0 };
    },
    totalPostings: (term) => catalog.visibleCount(term),
    listing: (term) => catalog.listing(term).map((posting) => url + posting.path),
    listUrl: (term, page) => url + resultsPath(term, page),
    posting: (postingUrl) => {
      const match = DETAIL_PATH.exec(new URL(postingUrl, url).pathname);
      return match ? catalog.findPosting(Number(match[2]), match[1]!) : undefined;
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Slow responses in flight would otherwise keep close() waiting.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(request.method === 'HEAD' ? undefined : html);
}

/** Resolves true after `ms`, or false as soon as the client has gone away. */
function delayUnlessClosed(response: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off('close', onClose);
      resolve(true);
    }, ms);
    response.once('close', onClose);
  });
}

function definedFaults(patch: DemoBoardFaults): DemoBoardFaults {
  for (const key of ['serverErrors', 'slowMs'] as const) {
    const value = patch[key];
    if (value !== undefined) requireCount(key, value, 0);
  }
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

function requireCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new JobSearchError('INVALID_INPUT', `Demo board: ${name} must be an integer ≥ ${min}, got ${value}.`);
  }
  return value;
}
