#!/usr/bin/env node
// @ts-check
/**
 * Load test of GET /api/matches with filters at 100k rows, 20 concurrent connections on
 * loopback. The API runs in this process exactly as `serve` builds it (request logging at info,
 * to /dev/null; rate limiting off, since one client would hit it); autocannon runs in a child
 * process so the two do not share an event loop.
 *
 *   pnpm exec tsup && node bench/matches-load.mjs [--rows 100000] [--duration 10] [--connections 20] [--provider sqlite|postgresql] [--json out.json]
 *
 * The rows go to a fresh database that is dropped afterwards: an SQLite file in a temp folder, or
 * a PostgreSQL database created on the server of TEST_POSTGRES_URL.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLogger, openStore } from '@jobsearchai/core';
import { createTestDatabase } from '@jobsearchai/core/testing';
import { apiConfig, createApp, startServer } from '../dist/index.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    provider: { type: 'string', default: 'sqlite' },
    json: { type: 'string' },
    // Experiment for core: the sort indexes proposed in the API's performance note, plus ANALYZE.
    'with-sort-indexes': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const CHUNK = 5_000;
const TERMS = ['IT', 'Informatik', 'analyst', 'software-engineer', 'data'];
const CV_KEYS = ['0123456789abcdef', 'fedcba9876543210', 'aaaabbbbccccdddd'];
const PLACES = ['9000 St. Gallen', '8400 Winterthur', '8001 Zürich', '9500 Wil', '8500 Frauenfeld', '9100 Herisau', '7000 Chur', '6300 Zug'];
const TITLES = ['Software Engineer', 'Data Analyst', 'DevOps Engineer', 'Product Owner', 'Informatiker/in EFZ', 'Business Analyst', 'Projektleiter/in Informatik', 'Cloud Engineer'];
const REASONING = 'Die Stelle passt gut zum Profil: TypeScript, PostgreSQL und Erfahrung mit Datenpipelines. '.repeat(8);
const DESCRIPTION = 'Wir suchen eine erfahrene Person für unser Team in der Ostschweiz. '.repeat(15);

/**
 * A deterministic pseudo-random number in [0, 1) per row and field, so filters are independent.
 * @param {number} n
 * @param {number} salt
 */
function rand(n, salt) {
  let x = Math.imul(n ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * @template T
 * @param {readonly T[]} list
 * @param {number} n
 * @param {number} salt
 * @returns {T}
 */
function pick(list, n, salt) {
  return /** @type {T} */ (list[Math.floor(rand(n, salt) * list.length)]);
}

/** @param {number} n */
function row(n) {
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand(n, 1) * 120 * 86_400_000)).toISOString();
  const title = `${pick(TITLES, n, 2)} ${n % 97}`;
  return {
    jobUrl: `https://www.ostjob.ch/job/posting-${n}/${1_000_000 + n}`,
    searchTerm: pick(TERMS, n, 3),
    cvKey: pick(CV_KEYS, n, 4),
    jobTitle: title,
    companyName: `Firma ${Math.floor(rand(n, 5) * 1_000)} AG`,
    location: pick(PLACES, n, 6),
    postingDate: '02.11.2025',
    salaryRange: '80-100%',
    overallMatch: rand(n, 7) < 0.02 ? null : 1 + Math.floor(rand(n, 8) * 10),
    skillsMatch: 7, experienceMatch: 8, educationFit: 9, careerTrajectoryAlignment: 7, preferenceMatch: 8, potentialSatisfaction: 8,
    locationCompatibility: 'Yes',
    reasoning: REASONING,
    scrapedData: { 'Job Title': title, 'Job Description': DESCRIPTION, 'Required Skills': 'TypeScript, SQL, Docker' },
    matchedAt: day,
    scrapedAt: day,
    matcher: 'heuristic',
    model: 'heuristic-v1',
  };
}

/**
 * @param {string} url
 * @returns {Promise<any>}
 */
function autocannon(url) {
  const bin = new URL('../../bench/node_modules/.bin/autocannon', import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--json', '-c', args.connections, '-d', args.duration, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited ${code}`))));
  });
}

if (args.provider !== 'sqlite' && args.provider !== 'postgresql') throw new Error('--provider must be sqlite or postgresql');
const db = await createTestDatabase(args.provider);
const seeding = await openStore({ url: db.url, migrate: true });
const seedStarted = performance.now();
for (let start = 0; start < ROWS; start += CHUNK) {
  await seeding.insertMatches(Array.from({ length: Math.min(CHUNK, ROWS - start) }, (_, i) => row(start + i)));
}
const seedSeconds = (performance.now() - seedStarted) / 1000;
// The server opens the database as `serve` would: after the writer has gone (WAL checkpointed).
await seeding.close();
const store = await openStore({ url: db.url, requireCurrentSchema: true });
try {
  if (args['with-sort-indexes']) {
    for (const column of ['matched_at', 'company_name', 'job_title']) {
      await store.driver.execute(`CREATE INDEX bench_${column} ON job_matches (search_term, cv_key, ${column}, id)`);
    }
    await store.driver.execute('ANALYZE');
  }
  const logger = createLogger({ name: 'api-bench', level: 'info', destination: createWriteStream('/dev/null') });
  const config = apiConfig({ port: 0, rateLimit: 0, rateLimitWrites: 0, legacyJsonDirs: [] });
  config.dashboardDir = undefined;
  const server = await startServer(createApp({ store, config, logger }), config, logger);
  const cv = CV_KEYS[0];
  const scenarios = {
    'term + cv + min_score (dashboard default)': `/api/matches?search_term=IT&cv_key=${cv}&min_score=6`,
    'term + cv + min_score, sort=date_desc': `/api/matches?search_term=IT&cv_key=${cv}&min_score=6&sort=date_desc`,
    'term + cv + location + date range': `/api/matches?search_term=IT&cv_key=${cv}&location=st.%20gallen&date_from=2026-02-01&date_to=2026-03-31`,
    'q (title/company/location text), min_score': '/api/matches?q=engineer&min_score=8',
    'term + cv, sort=company_asc, limit=200': `/api/matches?search_term=IT&cv_key=${cv}&sort=company_asc&limit=200`,
  };
  const results = [];
  process.stderr.write(`${store.provider}${args['with-sort-indexes'] ? ' + sort indexes' : ''}: ${ROWS} rows seeded in ${seedSeconds.toFixed(1)} s; ${args.connections} connections × ${args.duration} s per scenario\n`);
  for (const [name, path] of Object.entries(scenarios)) {
    // Warm-up, and a check that the scenario returns rows.
    const probe = await fetch(server.url + path);
    const items = /** @type {{ items: unknown[] }} */ (await probe.json()).items.length;
    const r = await autocannon(server.url + path);
    results.push({
      scenario: name,
      path,
      items,
      requestsPerSecond: Math.round(r.requests.average),
      p50ms: r.latency.p50,
      p90ms: r.latency.p90,
      p99ms: r.latency.p99,
      maxMs: r.latency.max,
      requests: r.requests.total,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
    });
    process.stderr.write(`  ${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}\n`);
  }
  await server.close();
  const report = { date: new Date().toISOString(), provider: store.provider, sortIndexes: args['with-sort-indexes'], rows: ROWS, seedSeconds: Math.round(seedSeconds * 10) / 10, connections: Number(args.connections), durationSeconds: Number(args.duration), node: process.version, results };
  if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log('| scenario | rows/page | req/s | p50 ms | p99 ms | max ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.scenario} | ${r.items} | ${r.requestsPerSecond} | ${r.p50ms} | ${r.p99ms} | ${r.maxMs} | ${r.errors + r.timeouts} | ${r.non2xx} |`);
} finally {
  await store.close();
  await db.drop();
}
