import { openStore } from '@jobsearchai/core/store';
import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getJson, type MatchItem } from './harness/http.js';
import { createInstallation, type Installation } from './harness/installation.js';
import { describeLatency, measure } from './harness/latency.js';
import { expectSuccess, startApi, type LongRunning } from './harness/processes.js';
import { SEED_TERMS, seedMatches, seedPostingUrl } from './harness/seed-rows.js';

const ROWS = 100_000;
const SAMPLES = 200;
const P95_LIMIT_MS = 100;

describe.each(testProviders())('query performance over HTTP at %s', (provider) => {
  let install: Installation;
  let api: (LongRunning & { url: string }) | undefined;

  beforeEach(async () => {
    install = await createInstallation(provider);
  });

  afterEach(async () => {
    await api?.stop();
    api = undefined;
    await install.cleanup();
  });

  it(`answers URL lookups and match lists with p95 < ${P95_LIMIT_MS} ms at ${ROWS.toLocaleString('en-US')} rows`, async () => {
    // The schema comes from the operator's tool; only the rows are written from this process, for speed.
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
    const seeding = performance.now();
    const store = await openStore({ url: install.db, create: false, requireCurrentSchema: true });
    try {
      expect(await seedMatches(store, ROWS)).toBe(ROWS);
    } finally {
      await store.close();
    }
    const seedSeconds = (performance.now() - seeding) / 1000;

    // Rate limiting off: hundreds of requests a minute from one client are the point here.
    api = await startApi({ cwd: install.dir, args: ['--db', install.db], env: { RATE_LIMIT: '0' } });
    const base = api.url;
    const postings = ROWS / 2;

    const lookup = await measure(SAMPLES, async (i) => {
      const posting = (i * 7919) % postings;
      // Every fourth lookup spells the URL the way a user pastes it: same posting, same answer.
      const url =
        i % 4 === 3
          ? `${seedPostingUrl(posting).replace('https://www.', 'http://')}/?utm_source=newsletter`
          : seedPostingUrl(posting);
      const answer = await getJson<{ url: string; source: string; evaluations: unknown[] }>(
        `${base}/api/jobs?url=${encodeURIComponent(url)}`,
      );
      if (
        answer.status !== 200 ||
        answer.body.url !== seedPostingUrl(posting) ||
        answer.body.source !== 'database' ||
        answer.body.evaluations.length !== 2
      ) {
        throw new Error(`lookup of ${url}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
    });

    const list = await measure(SAMPLES, async () => {
      const answer = await getJson<{ items: MatchItem[] }>(`${base}/api/matches`);
      if (
        answer.status !== 200 ||
        answer.body.items.length !== 50 ||
        answer.body.items.some((m) => m.overallMatch !== 10)
      ) {
        throw new Error(`GET /api/matches: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
    });

    const filtered = await measure(SAMPLES, async (i) => {
      const term = SEED_TERMS[i % SEED_TERMS.length]!;
      const minScore = 5 + (i % 5);
      const answer = await getJson<{ items: MatchItem[] }>(
        `${base}/api/matches?search_term=${encodeURIComponent(term)}&min_score=${minScore}`,
      );
      const items = answer.body.items;
      if (
        answer.status !== 200 ||
        items.length !== 50 ||
        items.some((m) => m.searchTerm !== term || m.overallMatch === null || m.overallMatch < minScore)
      ) {
        throw new Error(
          `GET /api/matches?search_term=${term}&min_score=${minScore}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
        );
      }
    });

    console.log(
      [
        `query performance, ${provider}, ${ROWS.toLocaleString('en-US')} rows (seeded in ${seedSeconds.toFixed(1)} s):`,
        describeLatency('GET /api/jobs?url=… (existing posting)', lookup),
        describeLatency('GET /api/matches (default filter)', list),
        describeLatency('GET /api/matches?search_term=…&min_score=…', filtered),
      ].join('\n  '),
    );
    expect(lookup.p95).toBeLessThan(P95_LIMIT_MS);
    expect(list.p95).toBeLessThan(P95_LIMIT_MS);
    expect(filtered.p95).toBeLessThan(P95_LIMIT_MS);
  });
});
