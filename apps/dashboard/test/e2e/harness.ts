import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiConfig, createApp, JobSources, startServer } from '@jobsearchai/api';
import { silentLogger } from '@jobsearchai/core';
import { startDemoBoard, type DemoBoard } from '@jobsearchai/core/demo-board';
import type { Store } from '@jobsearchai/core/store';
import { openTestStore, type TestStore } from '@jobsearchai/core/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

export const DASHBOARD_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(DASHBOARD_ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const API_TOKEN = 'e2e-token-0123456789abcdef';

/** Builds the dashboard as shipped into a temp folder, so the tests never serve a stale dist/. */
export async function buildDashboard(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dashboard-e2e-'));
  // vitest sets NODE_ENV=test, which Vite would bake in (React's development build): build as shipped.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: DASHBOARD_ROOT,
      mode: 'production',
      logLevel: 'error',
      build: { outDir: dir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface RunningApi {
  url: string;
  store: Store;
  board: DemoBoard;
  cvDir: string;
  close(): Promise<void>;
}

export interface StartApiOptions {
  seed?: (store: Store, board: DemoBoard, cvDir: string) => Promise<unknown>;
  /** Default API_TOKEN; null starts a server without a token (writes from loopback only). */
  apiToken?: string | null;
}

/** A real jobsearch-api (createApp + startServer) on a fresh SQLite database, serving the built dashboard. */
export async function startApi(dashboardDir: string, options: StartApiOptions = {}): Promise<RunningApi> {
  const { seed, apiToken = API_TOKEN } = options;
  const t: TestStore = await openTestStore('sqlite');
  const board = await startDemoBoard({ initialPostings: 30 });
  const cvDir = t.database.dir!;
  try {
    if (seed) await seed(t.store, board, cvDir);
    const config = apiConfig({
      port: 0,
      host: '127.0.0.1',
      apiToken: apiToken ?? undefined,
      dashboardDir,
      cvDir,
      defaultSource: 'demo',
      rateLimit: 0,
      rateLimitWrites: 0,
      shutdownGraceMs: 2000,
    });
    const logger = silentLogger();
    // The harness owns the board (it closes it), so the sources only get its address.
    const app = createApp({
      store: t.store,
      config,
      logger,
      sources: new JobSources({ demoBoard: { url: board.url, board: undefined } }),
    });
    const server = await startServer(app, config, logger);
    return {
      url: server.url,
      store: t.store,
      board,
      cvDir,
      async close() {
        await server.close();
        await board.close();
        await t.cleanup();
      },
    };
  } catch (error) {
    await board.close();
    await t.cleanup();
    throw error;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and warnings, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 812 };

/** A fresh browser context (own sessionStorage) that records every console error or warning and page error. */
export async function openPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<OpenedPage> {
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // An aborted fetch is the app cancelling a superseded request on purpose.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return { page, context, problems };
}

/** Full-page by default; `fullPage: false` keeps what a phone shows on one screen. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Runs `action` and waits until the matches request it causes has answered and the table shows it. */
export async function settleMatches(
  page: Page,
  action: () => Promise<unknown>,
  urlHas: (url: URL) => boolean = () => true,
): Promise<void> {
  const response = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === '/api/matches' && urlHas(url);
  });
  await action();
  await response;
  await page.waitForSelector('section.results[aria-busy="false"]');
}

export interface Row {
  id: number;
  title: string;
  company: string;
  location: string;
  score: string;
  term: string;
  matched: string;
  status: string;
}

export function readRows(page: Page): Promise<Row[]> {
  return page.$$eval('.matches-table tbody tr', (trs) =>
    trs.map((tr) => {
      const cell = (label: string) => tr.querySelector(`td[data-label="${label}"]`)?.textContent?.trim() ?? '';
      return {
        id: Number((tr as HTMLElement).dataset.matchId),
        // The link's text: a "New" badge may follow it in the cell.
        title: tr.querySelector('td[data-label="Title"] a')?.textContent?.trim() ?? '',
        company: cell('Company'),
        location: cell('Location'),
        score: cell('Score'),
        // Every search term of the posting (one list item each), comma-separated.
        term: [...(tr.querySelectorAll('td[data-label="Search terms"] li') ?? [])]
          .map((li) => li.textContent?.trim() ?? '')
          .join(', '),
        matched: cell('Matched'),
        status: cell('Status'),
      };
    }),
  );
}

export function scoreOf(row: Row): number {
  return Number(row.score.split('/')[0]);
}
