#!/usr/bin/env node
// End-to-end throughput of `jobsearch-migrate migrate` on SQLite, beside a raw better-sqlite3
// insert loop on the same records into the same schema. Runs the built CLI as a child process,
// as an operator would, so module loading and start-up are part of the time.
//
//   cd packages/migrate-cli && pnpm exec tsup && node bench/migrate-throughput.mjs [--files 100] [--records 1000] [--json out.json]
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { normalizeJobUrl, openStore } from '@jobsearchai/core';
import { writeLegacyFiles } from './legacy-data.mjs';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const { values } = parseArgs({ options: { files: { type: 'string', default: '100' }, records: { type: 'string', default: '1000' }, json: { type: 'string' } } });
const files = Number(values.files);
const perFile = Number(values.records);
const total = files * perFile;

const work = await mkdtemp(join(tmpdir(), 'migrate-bench-'));
try {
  const dir = join(work, 'job_matches');
  const paths = await writeLegacyFiles(dir, { files, recordsPerFile: perFile });
  const bytes = (await Promise.all(paths.map((p) => stat(p)))).reduce((sum, s) => sum + s.size, 0);

  const cliDb = join(work, 'cli.db');
  cli(['init', '--db', `file:${cliDb}`]);
  const first = timedMigrate(['--db', `file:${cliDb}`]);
  const dbBytes = (await stat(cliDb)).size;
  const rerun = timedMigrate(['--db', `file:${cliDb}`]);
  const forced = timedMigrate(['--db', `file:${cliDb}`, '--force', '--no-backup']);

  const rawDb = join(work, 'raw.db');
  cli(['init', '--db', `file:${rawDb}`]);
  const raw = await rawInsertLoop(rawDb, paths);

  const results = {
    machine: { node: process.version, load: (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ') },
    records: total,
    files,
    jsonMegabytes: +(bytes / 1_048_576).toFixed(1),
    bytesPerRow: Math.round(dbBytes / total),
    migrate: describe(first, total),
    rerun: describe(rerun, total),
    force: describe(forced, total),
    raw: { ...raw, recordsPerSecond: Math.round((total * 1000) / raw.ms) },
  };
  results.ratioToRaw = +(results.migrate.recordsPerSecondWall / results.raw.recordsPerSecond).toFixed(2);
  console.log(JSON.stringify(results, null, 2));
  if (values.json) await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}

function cli(args) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`jobsearch-migrate ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

function timedMigrate(args) {
  const started = performance.now();
  const result = JSON.parse(cli(['migrate', '--search-term', 'IT', '--cv-key', '0123456789abcdef', '--yes', '--json', ...args]));
  const wallMs = performance.now() - started;
  return { wallMs, result };
}

function describe({ wallMs, result }, records) {
  const importMs = result.files.reduce((sum, file) => sum + file.durationMs, 0);
  return {
    wallMs: Math.round(wallMs),
    commandMs: result.durationMs,
    importMs,
    recordsPerSecondWall: Math.round((records * 1000) / wallMs),
    recordsPerSecondImport: importMs > 0 ? Math.round((records * 1000) / importMs) : null,
    statuses: result.totals.byStatus,
    migrated: result.totals.migrated,
    unchanged: result.totals.unchanged,
    backup: result.backup !== null,
  };
}

/** The floor: read, parse, one prepared INSERT per record, one transaction per file, same table and indexes. */
async function rawInsertLoop(path, paths) {
  const store = await openStore({ url: `file:${path}`, create: false });
  const db = store.driver.database;
  const insert = db.prepare(
    `INSERT INTO job_matches (job_url, search_term, cv_key, job_title, company_name, location, posting_date, salary_range, overall_match, skills_match, experience_match, education_fit, career_trajectory_alignment, preference_match, potential_satisfaction, location_compatibility, reasoning, scraped_data, scraped_at, matched_at)
     VALUES (?, 'IT', '0123456789abcdef', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  const started = performance.now();
  for (const file of paths) {
    const records = JSON.parse(await readFile(file, 'utf8'));
    db.transaction(() => {
      for (const r of records) {
        insert.run(
          normalizeJobUrl(r.application_url ?? r['Application URL']), r.job_title ?? r['Job Title'], r.company_name ?? r['Company Name'], r.location ?? r.Location,
          r.posting_date ?? r['Posting Date'], r.salary_range ?? r['Salary Range'], Number(r.overall_match), r.skills_match, r.experience_match, r.education_fit,
          r.career_trajectory_alignment, r.preference_match, r.potential_satisfaction, r.location_compatibility, r.reasoning, JSON.stringify(r), now, now,
        );
      }
    })();
  }
  const ms = performance.now() - started;
  await store.close();
  return { ms: Math.round(ms) };
}
