#!/usr/bin/env node
// Where the time of a legacy import goes, phase by phase, on the same records as
// migrate-throughput.mjs, and what the store's bulk insert costs beside one prepared statement per
// row on the same connection (the change proposed for the SQLite path of insertMatches).
// Medians of --rounds runs, each on a fresh SQLite database.
//
//   cd packages/migrate-cli && node bench/import-breakdown.mjs [--records 20000] [--rounds 5]
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { legacyRecordToMatch, openStore, parseLegacyMatchJson, sha256Hex } from '@jobsearchai/core';
import { legacyRecords } from './legacy-data.mjs';

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } } });
const count = Number(values.records);
const rounds = Number(values.rounds);
const work = await mkdtemp(join(tmpdir(), 'import-breakdown-'));
const context = { searchTerm: 'IT', cvKey: '0123456789abcdef', timestamp: '2025-01-01T08:30:00.000Z' };

const samples = {};
const sample = (name, ms) => (samples[name] ??= []).push(ms);
try {
  const file = join(work, 'job_matches_20250101_083000.json');
  await writeFile(file, JSON.stringify(legacyRecords(count), null, 2));
  for (let round = 0; round < rounds; round++) {
    let t = performance.now();
    const bytes = await readFile(file);
    sample('read file', performance.now() - t);
    t = performance.now();
    sha256Hex(bytes);
    sample('sha256', performance.now() - t);
    t = performance.now();
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    sample('decode UTF-8 (as the legacy reader does)', performance.now() - t);
    t = performance.now();
    const parsed = parseLegacyMatchJson(text, file);
    sample('parse JSON + records', performance.now() - t);
    t = performance.now();
    const inputs = parsed.records.map((record) => legacyRecordToMatch(record, context));
    sample('records → match inputs', performance.now() - t);

    const store = await openStore({ url: `file:${join(work, `store-${round}.db`)}`, migrate: true });
    t = performance.now();
    await store.transaction((tx) => tx.insertMatches(inputs));
    sample('store.insertMatches, new rows (incl. commit)', performance.now() - t);
    t = performance.now();
    await store.transaction((tx) => tx.insertMatches(inputs));
    sample('store.insertMatches, all duplicates (skip)', performance.now() - t);
    t = performance.now();
    await store.transaction((tx) => tx.insertMatches(inputs, { onDuplicate: 'update' }));
    sample('store.insertMatches, all unchanged (update)', performance.now() - t);
    await store.close();

    const rowStore = await openStore({ url: `file:${join(work, `rows-${round}.db`)}`, migrate: true });
    const perRow = perRowStatements(rowStore.driver.database);
    for (const [name, run] of [['per-row statements, new rows', perRow.insert], ['per-row statements, all duplicates', perRow.insert], ['per-row statements, all unchanged (update)', perRow.update]]) {
      t = performance.now();
      run(inputs);
      sample(name, performance.now() - t);
    }
    await rowStore.close();
  }
  const rows = Object.entries(samples).map(([phase, list]) => {
    const ms = [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    return { phase, medianMs: Math.round(ms), recordsPerSecond: Math.round((count * 1000) / ms) };
  });
  console.log(JSON.stringify({ records: count, rounds, load: (await readFile('/proc/loadavg', 'utf8').catch(() => '')).trim(), phases: rows }, null, 2));
} finally {
  await rm(work, { recursive: true, force: true });
}

/**
 * The SQLite path this proposes for insertMatches: better-sqlite3 runs synchronously with no round
 * trip, so one cached statement per row costs less than building 200-row statements with
 * RETURNING; `changes` tells inserted from duplicate, and an UPDATE guarded by the same
 * "content differs" condition tells updated from unchanged.
 */
function perRowStatements(db) {
  const columns = ['job_url', 'search_term', 'cv_key', 'job_title', 'company_name', 'location', 'posting_date', 'salary_range', 'overall_match', 'skills_match', 'experience_match', 'education_fit', 'career_trajectory_alignment', 'preference_match', 'potential_satisfaction', 'location_compatibility', 'reasoning', 'scraped_data', 'scraped_at', 'matched_at', 'evaluation_status', 'matcher', 'model', 'run_id', 'source', 'updated_at'];
  const content = columns.slice(3, 18);
  const insert = db.prepare(`INSERT INTO job_matches (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (job_url, search_term, cv_key) DO NOTHING`);
  const update = db.prepare(`UPDATE job_matches SET ${columns.slice(3).map((c) => `${c} = ?`).join(', ')} WHERE job_url = ? AND search_term = ? AND cv_key = ? AND NOT (${content.map((c) => `${c} IS ?`).join(' AND ')})`);
  const values = (m, now) => [
    m.jobUrl, m.searchTerm, m.cvKey, m.jobTitle ?? null, m.companyName ?? null, m.location ?? null, m.postingDate ?? null, m.salaryRange ?? null,
    m.overallMatch ?? 0, m.skillsMatch ?? null, m.experienceMatch ?? null, m.educationFit ?? null, m.careerTrajectoryAlignment ?? null, m.preferenceMatch ?? null, m.potentialSatisfaction ?? null,
    m.locationCompatibility ?? null, m.reasoning ?? null, JSON.stringify(m.scrapedData), m.scrapedAt ?? now, m.matchedAt ?? now,
    m.overallMatch === null ? 'failed' : 'evaluated', m.matcher ?? null, null, null, m.source ?? null, now,
  ];
  return {
    insert: db.transaction((inputs) => {
      const now = new Date().toISOString();
      for (const m of inputs) insert.run(...values(m, now));
    }),
    update: db.transaction((inputs) => {
      const now = new Date().toISOString();
      for (const m of inputs) {
        const v = values(m, now);
        if (insert.run(...v).changes === 0) update.run(...v.slice(3), v[0], v[1], v[2], ...v.slice(3, 18));
      }
    }),
  };
}
