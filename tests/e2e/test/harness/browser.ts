import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium unless CHROMIUM_PATH names another; browser checks are skipped (with a warning) without one. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

if (!HAS_CHROMIUM) {
  console.warn(
    `Browser checks skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

/** The flags of apps/dashboard's browser tests: headless, no sandbox (CI containers) and no lookups outside loopback. */
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

export interface TableRow {
  id: number;
  title: string;
  score: string;
  term: string;
}

/** Opens a Matches view URL and waits until its matches request has answered and the table shows it. */
export async function openMatches(page: Page, path: string): Promise<TableRow[]> {
  const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/matches');
  await page.goto(path);
  await answered;
  await page.waitForSelector('section.results[aria-busy="false"]');
  return page.$$eval('.matches-table tbody tr', (trs) =>
    trs.map((tr) => {
      const cell = (label: string) => tr.querySelector(`td[data-label="${label}"]`)?.textContent?.trim() ?? '';
      return {
        id: Number(tr.getAttribute('data-match-id')),
        title: cell('Title'),
        score: cell('Score'),
        // A posting's search terms, one list item each, comma-separated.
        term: [...tr.querySelectorAll('td[data-label="Search terms"] li')]
          .map((li) => li.textContent?.trim())
          .join(', '),
      };
    }),
  );
}
