import { openStore } from './dist/store/index.js';
import Database from 'better-sqlite3';
const file = process.argv[2];
const db = new Database(file, { readonly: true });
const r = db.prepare('SELECT search_term, cv_key FROM job_matches ORDER BY id DESC LIMIT 1').get();
const store = await openStore({ url: `file:${file}`, migrate: false });
store.observeQueries((o) => { if (globalThis.log) console.log('   ', o.operation, (o.seconds*1000).toFixed(3)); });
for (const sort of ['score_desc', 'date_desc']) {
  for (let k = 0; k < 5; k++) await store.listMatches({ searchTerm: r.search_term, cvKey: r.cv_key, minScore: 6, sort, limit: 50 });
  globalThis.log = true; await store.listMatches({ searchTerm: r.search_term, cvKey: r.cv_key, minScore: 6, sort, limit: 50 }); globalThis.log = false;
  const t = performance.now();
  for (let i = 0; i < 10; i++) await store.listMatches({ searchTerm: r.search_term, cvKey: r.cv_key, minScore: 6, sort, limit: 50 });
  console.log(sort, ((performance.now() - t) / 10).toFixed(2), 'ms');
}
const ids = db.prepare('SELECT id FROM job_matches LIMIT 50').all().map((x) => x.id);
const st = `SELECT m.id, COALESCE((SELECT a.status FROM job_matches s JOIN applications a ON a.job_match_id = s.id WHERE s.job_url = m.job_url AND s.cv_key = m.cv_key ORDER BY a.updated_at DESC NULLS LAST, a.id DESC LIMIT 1), 'MATCHED') AS x FROM job_matches m WHERE m.id IN (${ids.map(() => '?').join(',')})`;
for (const row of db.prepare('EXPLAIN QUERY PLAN ' + st).all(...ids)) console.log(row.detail);
let t = performance.now(); for (let i = 0; i < 10; i++) db.prepare(st).all(...ids); console.log('status', ((performance.now() - t) / 10).toFixed(2));
const urls = db.prepare('SELECT job_url FROM job_matches LIMIT 50').all().map((x) => x.job_url);
const ev = `SELECT job_url, cv_key, search_term, overall_match, evaluation_status, matched_at FROM job_matches WHERE job_url IN (${urls.map(() => '?').join(',')})`;
for (const row of db.prepare('EXPLAIN QUERY PLAN ' + ev).all(...urls)) console.log(row.detail);
t = performance.now(); for (let i = 0; i < 10; i++) db.prepare(ev).all(...urls); console.log('evals', ((performance.now() - t) / 10).toFixed(2));
await store.close();
