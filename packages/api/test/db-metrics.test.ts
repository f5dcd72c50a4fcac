import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '@jobsearchai/core';
import { importLegacyFile } from '@jobsearchai/core/legacy-import';
import { openTestStore, testProviders, type TestStore } from '@jobsearchai/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { apiConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { CV_A, sampleMatch } from './helpers/test-app.js';

const alertRules = readFileSync(fileURLToPath(new URL('../../../docs/prometheus-alerts.yml', import.meta.url)), 'utf8');

/** The `expr` of one alert in docs/prometheus-alerts.yml. */
function alertExpression(alert: string): string {
  const block = alertRules.split(/\n\s*- alert: /).find((part) => part.startsWith(alert));
  if (!block) throw new Error(`no alert ${alert} in prometheus-alerts.yml`);
  return /expr: \|?\s*([\s\S]*?)\n\s*(?:for|labels):/.exec(block)![1]!;
}

describe.each(testProviders())('GET /metrics: database queries and migration records (%s, over HTTP)', (provider) => {
  let t: TestStore;
  let server: RunningServer;
  let dir: string;
  const metrics = async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };
  beforeAll(async () => {
    t = await openTestStore(provider);
    dir = mkdtempSync(join(tmpdir(), 'api-db-metrics-'));
    const config = apiConfig({ port: 0, rateLimit: 0, legacyJsonDirs: [] });
    server = await startServer(createApp({ store: t.store, config, logger: silentLogger() }), config, silentLogger());
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('observes the duration of every statement the API runs, by operation', async () => {
    await t.store.insertMatch(sampleMatch(1));
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/matches`)).status).toBe(200);
    const text = await metrics();
    expect(text).toMatch(/^# TYPE jobsearch_db_query_duration_seconds histogram$/m);
    const count = /^jobsearch_db_query_duration_seconds_count\{operation="select_job_matches"\} (\d+)$/m.exec(text);
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(
      /^jobsearch_db_query_duration_seconds_bucket\{le="0\.1",operation="select_job_matches"\} \d+$/m,
    );
    // Labels name statements, never values from the data.
    expect(text).not.toContain('software-engineer-1');
  });

  it('serves the series the slow-query alert rule of docs/prometheus-alerts.yml reads', async () => {
    const expression = alertExpression('JobSearchSlowQueries');
    const names = [...new Set(expression.match(/\bjobsearch_[a-z0-9_]+/g) ?? [])];
    expect(names).toEqual(['jobsearch_db_query_duration_seconds_bucket']);
    expect(expression).toContain('operation');
    const text = await metrics();
    for (const name of names)
      expect(text).toMatch(new RegExp(`^${name}\\{le="[^"]+",operation="[a-z_]+"\\} \\d+$`, 'm'));
  });

  it('counts the legacy records jobsearch-migrate imported into the database, replaced ones included', async () => {
    const url = (n: number) => `https://www.ostjob.ch/job/informatiker-efz/${1_050_000 + n}`;
    const record = (n: number, overallMatch: number) => ({
      job_title: `Informatiker/in ${n}`,
      company_name: 'Muster AG',
      application_url: url(n),
      overall_match: overallMatch,
      reasoning: overallMatch === 0 ? 'Error evaluating match' : 'Passt.',
    });
    const first = join(dir, 'job_matches_20250314_091500.json');
    writeFileSync(first, JSON.stringify([record(1, 7), record(2, 0), { job_title: 'no URL', overall_match: 5 }]));
    const second = join(dir, 'job_matches_20250315_091500.json');
    writeFileSync(second, JSON.stringify([record(1, 7), record(2, 8)]));
    const a = await importLegacyFile(t.store, { path: first, searchTerm: 'Legacy', cvKey: CV_A });
    const b = await importLegacyFile(t.store, { path: second, searchTerm: 'Legacy', cvKey: CV_A });
    expect(b.replacedFailed).toBe(1);

    const text = await metrics();
    expect(text).toMatch(/^# TYPE jobsearch_migration_records_total counter$/m);
    const series = (outcome: string) =>
      Number(new RegExp(`^jobsearch_migration_records_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(series('migrated')).toBe(a.migrated + b.migrated);
    expect(series('duplicate')).toBe(a.duplicates + b.duplicates);
    expect(series('replaced')).toBe(1);
    expect(series('rejected')).toBe(1);
    expect(series('updated')).toBe(0);
  });
});
